"""From the paths a user gives to a list of tasks: which files, in what order, cut where.

Order is part of the result: near-duplicate clusters keep their earliest member, so inputs are numbered
in the order given (folders walked in sorted order) and that numbering is recorded in the manifest. Large
line-oriented files are cut into byte ranges at line starts (counting lines on the way, so every record
keeps its true line number); small files are packed together so that a folder of ten thousand small files
does not become ten thousand shards.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from seabridge.corpus.config import BuildConfig
from seabridge.corpus.readers import detect_format, splittable
from seabridge.corpus.records import Piece

_HASH_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file as the manifest records it."""

    index: int
    path: str  # absolute, for opening
    display: str  # as given by the user (relative), for people and for ``source``
    fmt: str | None  # None: unsupported, quarantined whole
    compression: str
    size: int
    sha256: str
    duplicate_of: str | None = None  # same bytes as an earlier input: read once

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.display,
            "format": self.fmt or "unsupported",
            "compression": self.compression,
            "bytes": self.size,
            "sha256": self.sha256,
            "duplicate_of": self.duplicate_of,
        }


@dataclass(frozen=True, slots=True)
class Task:
    """The unit of work an executor runs: pieces of one or more files, read in order."""

    name: str  # also the shard and marker file name
    pieces: tuple[tuple[int, str, Piece], ...]  # (input index, input sha256, piece)
    bytes: int


@dataclass(slots=True)
class Plan:
    inputs: list[InputFile]
    tasks: list[Task] = field(default_factory=list)


class InputError(ValueError):
    """An input path that does not exist or holds no files."""


def discover(paths: list[str]) -> list[tuple[str, str]]:
    """(absolute path, display path) of every file under ``paths``, in the order given, folders sorted.

    Hidden files and folders inside a folder are skipped (``.git``, editor swap files); a hidden file
    named explicitly is read.
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            raise InputError(f"{given}: no such file or folder")
        for candidate in candidates:
            absolute = str(candidate.resolve())
            if absolute not in seen:
                seen.add(absolute)
                found.append((absolute, str(candidate)))
    if not found:
        raise InputError(f"no input files under {', '.join(paths)}")
    return found


def make_plan(paths: list[str], config: BuildConfig) -> Plan:
    """Checksum every input and cut the work into tasks of about ``config.task_bytes``."""
    inputs: list[InputFile] = []
    by_hash: dict[str, str] = {}
    for index, (absolute, display) in enumerate(discover(paths)):
        detected = detect_format(absolute)
        fmt, compression = detected if detected else (None, "")
        size, digest = _checksum(absolute)
        inputs.append(
            InputFile(index, absolute, display, fmt, compression, size, digest, by_hash.get(digest))
        )
        by_hash.setdefault(digest, display)
    plan = Plan(inputs)
    pending: list[tuple[int, str, Piece]] = []
    pending_bytes = 0
    for item in inputs:
        if item.duplicate_of is not None:
            continue
        for piece, size in _pieces(item, config):
            if pending and pending_bytes + size > config.task_bytes:
                plan.tasks.append(_task(len(plan.tasks), pending, pending_bytes))
                pending, pending_bytes = [], 0
            pending.append((item.index, item.sha256, piece))
            pending_bytes += size
    if pending:
        plan.tasks.append(_task(len(plan.tasks), pending, pending_bytes))
    return plan


def _task(number: int, pieces: list[tuple[int, str, Piece]], size: int) -> Task:
    return Task(f"task-{number:05d}", tuple(pieces), size)


def _checksum(path: str) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    try:
        with Path(path).open("rb") as handle:
            while block := handle.read(_HASH_BLOCK):
                digest.update(block)
                size += len(block)
    except OSError as exc:  # unreadable: the reader will quarantine it with the same error
        return size, f"unreadable: {exc.strerror or exc}"
    return size, digest.hexdigest()


def _pieces(item: InputFile, config: BuildConfig) -> list[tuple[Piece, int]]:
    """The file whole, or byte ranges starting at line starts, each with its line number."""
    fmt = item.fmt or "unsupported"
    whole = Piece(item.path, item.display, fmt, item.compression)
    if (
        item.fmt is None
        or item.size <= config.task_bytes
        or not splittable(item.fmt, item.compression, config.reader_options)
    ):
        return [(whole, item.size)]
    cuts = _line_cuts(item.path, config.task_bytes)
    pieces: list[tuple[Piece, int]] = []
    for (start, line), (end, _) in zip(cuts, [*cuts[1:], (None, 0)], strict=True):
        stop = item.size if end is None else end
        pieces.append((Piece(item.path, item.display, fmt, "", start, end, line), stop - start))
    return pieces


def _line_cuts(path: str, every: int) -> list[tuple[int, int]]:
    """(byte offset, line number) of the first line starting at or after each multiple of ``every``.

    One sequential pass that only counts newlines (memchr speed); no line is ever held whole.
    """
    cuts = [(0, 1)]
    target = every
    offset, line = 0, 1
    with Path(path).open("rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            position = 0
            while True:
                if offset + len(block) <= target:
                    line += block.count(b"\n", position)
                    break
                # the cut is the first line start at or after ``target``
                newline = block.find(b"\n", max(position, target - offset - 1))
                if newline < 0:
                    line += block.count(b"\n", position)
                    break
                line += block.count(b"\n", position, newline + 1)
                cut = offset + newline + 1
                cuts.append((cut, line))
                target = cut + every
                position = newline + 1
            offset += len(block)
    if cuts[-1][0] >= offset and len(cuts) > 1:  # a cut at the very end would make an empty piece
        cuts.pop()
    return cuts


def input_bytes(plan: Plan) -> int:
    return sum(item.size for item in plan.inputs)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
