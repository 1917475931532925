"""Plain text: one document per file, per line, or per paragraph (``ReaderOptions.text_unit``).

Text files come in whatever encoding their author had, so decoding is lenient: UTF-8, then TIS-620
Thai (:func:`seabridge.lang.normalize.decode_line`); a few stray bad bytes are kept (normalisation turns
them into U+FFFD and counts them), but a record that is more than 1% undecodable is not text in any
encoding we know and is quarantined.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import regex

from seabridge.corpus.readers.formats import SNIFF_BYTES, sniff_binary
from seabridge.corpus.readers.lines import (
    BOM,
    Damage,
    Line,
    Oversize,
    open_lines,
    oversize_reason,
    strip_line_end,
)
from seabridge.corpus.readers.streams import STREAM_ERRORS, damage_reason, open_stream
from seabridge.corpus.records import FILE, LINE, PREVIEW_BYTES, Piece, Quarantined, ReaderOptions, Record
from seabridge.lang.normalize import decode_line

_UNDECODABLE = regex.compile(r"[\udc80-\udcff]")  # what surrogateescape makes of a bad byte
_MAX_BAD_SHARE = 0.01
_CHUNK = 1 << 16
_UNITS = ("file", "line", "paragraph")

Item = Record | Quarantined


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The decoded text, and the reason to quarantine it if more than 1% of its bytes are undecodable."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first = error.start
    text = decode_line(data)
    bad = len(_UNDECODABLE.findall(text))
    if bad > _MAX_BAD_SHARE * len(data):
        return text, f"invalid UTF-8 ({bad} bad bytes; first at byte {first})"
    return text, None


def read_txt(piece: Piece, options: ReaderOptions) -> Iterator[Item]:
    """Documents of a text file, in the unit ``options.text_unit`` asks for."""
    if options.text_unit not in _UNITS:
        reason = f"unknown text_unit {options.text_unit!r} (expected one of: {', '.join(_UNITS)})"
        yield Quarantined(piece.display, None, FILE, reason)
        return
    if options.text_unit == "file":
        yield from _read_whole(piece, options.max_record_bytes)
        return
    lines = open_lines(piece, options.max_record_bytes)
    if isinstance(lines, Quarantined):
        yield lines
    elif options.text_unit == "paragraph":
        yield from _paragraphs(lines, piece.display, options.max_record_bytes)
    else:
        yield from _lines(lines, piece.display, options.max_record_bytes)


def _lines(lines: Iterator[tuple[int, Line]], source: str, max_bytes: int) -> Iterator[Item]:
    for number, line in lines:
        if isinstance(line, Oversize):
            yield Quarantined(source, number, LINE, oversize_reason(line.size, max_bytes), line.preview)
        elif isinstance(line, Damage):
            yield Quarantined(source, number, LINE, line.reason)
        elif not line.isspace():
            data = strip_line_end(line)
            text, problem = decode_text(data)
            if problem:
                yield Quarantined(source, number, LINE, problem, data[:PREVIEW_BYTES])
            elif text.strip():
                yield Record(text, source, number, LINE)


def _paragraphs(lines: Iterator[tuple[int, Line]], source: str, max_bytes: int) -> Iterator[Item]:
    """Blocks of non-blank lines; a block's size is its bytes in the file, line ends included."""
    block: list[bytes] = []
    start, size, preview = 0, 0, b""
    for number, line in lines:
        if isinstance(line, Damage):  # an unfinished block is part of the damage
            yield Quarantined(source, start if size else number, LINE, line.reason, preview)
            return
        if isinstance(line, bytes) and line.isspace():
            if size:
                yield _paragraph(block, source, start, size, max_bytes, preview)
            block, size, preview = [], 0, b""
            continue
        if not size:
            start = number
        if isinstance(line, Oversize):
            size += line.size
            preview = preview or line.preview
        else:
            size += len(line)
            preview = preview if len(preview) >= PREVIEW_BYTES else (preview + line)[:PREVIEW_BYTES]
        if size > max_bytes:
            block = []  # it will be quarantined: stop holding it
        elif isinstance(line, bytes):
            block.append(strip_line_end(line))
    if size:
        yield _paragraph(block, source, start, size, max_bytes, preview)


def _paragraph(block: list[bytes], source: str, start: int, size: int, limit: int, preview: bytes) -> Item:
    if size > limit:
        return Quarantined(source, start, LINE, oversize_reason(size, limit), preview)
    text, problem = decode_text(b"\n".join(block))
    if problem:
        return Quarantined(source, start, LINE, problem, preview)
    return Record(text, source, start, LINE)


def _read_whole(piece: Piece, max_bytes: int) -> Iterator[Item]:
    """The whole file as one document, read only if it fits within ``max_bytes``."""
    source = piece.display
    try:
        stream = open_stream(piece.path, piece.compression)
    except STREAM_ERRORS as error:
        yield Quarantined(source, None, FILE, f"cannot open: {error}")
        return
    with stream:
        try:
            data = stream.read(max_bytes + 1)
            size = len(data) + (_count_rest(stream) if len(data) > max_bytes else 0)
        except STREAM_ERRORS as error:
            yield Quarantined(source, None, FILE, damage_reason(piece.compression, error))
            return
    problem = sniff_binary(data[:SNIFF_BYTES])
    if problem:
        yield Quarantined(source, None, FILE, problem, data[:PREVIEW_BYTES])
    elif size > max_bytes:
        yield Quarantined(source, 1, FILE, oversize_reason(size, max_bytes), data[:PREVIEW_BYTES])
    else:
        text, problem = decode_text(data.removeprefix(BOM))
        if problem:
            yield Quarantined(source, 1, FILE, problem, data[:PREVIEW_BYTES])
        elif text.strip():
            yield Record(text, source, 1, FILE)


def _count_rest(stream: BinaryIO) -> int:
    """Bytes left in the stream, read in chunks and dropped."""
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
    return total
