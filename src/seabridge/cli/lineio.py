"""Line-oriented input and output for the CLI contract: one text per input line, one output line per line.

Input is read as bytes and split on ``\\n`` only (``str.splitlines`` would also split on U+2028, form
feeds and other separators and break the one-line-in, one-line-out contract). Output is always UTF-8,
whatever the terminal's locale, because evaluators pipe it into files.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import typer

from seabridge.lang.normalize import decode_line


def open_input(path: str | None) -> BinaryIO:
    """The file at ``path``, or standard input for ``-`` / no path; a clear error for a missing file."""
    if path is None or path == "-":
        return sys.stdin.buffer
    file = Path(path)
    if not file.is_file():
        raise typer.BadParameter(f"{path}: no such file", param_hint="PATH")
    return file.open("rb")


def read_lines(stream: BinaryIO) -> Iterator[str]:
    """Decoded lines without their line ending; invalid bytes never raise (see ``decode_line``)."""
    for raw in stream:
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        yield decode_line(raw)


def batches(lines: Iterator[str], size: int = 512) -> Iterator[list[str]]:
    while batch := list(islice(lines, size)):
        yield batch


def write_line(text: str) -> None:
    # surrogatepass: a lone surrogate that survived (only possible in raw pass-through) must not kill a stream
    sys.stdout.buffer.write(text.encode("utf-8", "surrogatepass") + b"\n")


def write_json_line(obj: object) -> None:
    write_line(json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")))
