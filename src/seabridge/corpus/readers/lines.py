"""Bounded line reading shared by the line formats (text, JSONL, CSV).

A line is read with ``readline(limit)``, so a 50 MB line never sits in memory: past the limit it is
skipped in chunks and reported as :class:`Oversize`. A stream that breaks mid-way ends the lines with one
:class:`Damage`; whatever was fully read before it has already been handed out, and a partial last line
is never handed out (it belongs to the damage). Only ``\\n`` ends a line (``\\r\\n`` included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO, NamedTuple

from seabridge.corpus.readers.formats import SNIFF_BYTES, sniff_binary
from seabridge.corpus.readers.streams import STREAM_ERRORS, damage_reason, open_stream
from seabridge.corpus.records import FILE, LINE, PREVIEW_BYTES, Piece, Quarantined

BOM = b"\xef\xbb\xbf"
_SKIP_CHUNK = 1 << 16


class Oversize(NamedTuple):
    """A line longer than the limit: its size (without the line end) and its first bytes."""

    size: int
    preview: bytes


class Damage(NamedTuple):
    """The stream broke here; nothing more can be read."""

    reason: str


Line = bytes | Oversize | Damage


def oversize_reason(size: int, limit: int) -> str:
    return f"record of {size} bytes exceeds max_record_bytes ({limit})"


def strip_line_end(line: bytes) -> bytes:
    """The line without its ``\\n`` or ``\\r\\n``."""
    if line.endswith(b"\n"):
        return line[:-2] if line.endswith(b"\r\n") else line[:-1]
    return line


def open_lines(piece: Piece, max_bytes: int) -> Quarantined | Iterator[tuple[int, Line]]:
    """The numbered lines of ``piece``, or why it cannot be read as text at all (one Quarantined).

    The head of the file is sniffed for binary content for every piece, so that all pieces of a binary
    file agree with the first one.
    """
    try:
        stream = open_stream(piece.path, piece.compression)
    except STREAM_ERRORS as error:
        return Quarantined(piece.display, None, FILE, f"cannot open: {error}")
    try:
        head = _head(stream, piece.start)
    except STREAM_ERRORS as error:
        stream.close()
        return Quarantined(piece.display, piece.first_line, LINE, damage_reason(piece.compression, error))
    problem = sniff_binary(head)
    if problem:
        stream.close()
        return Quarantined(piece.display, None, FILE, problem, head[:PREVIEW_BYTES])
    return _closing_lines(stream, piece, max_bytes)


def _head(stream: BinaryIO, start: int) -> bytes:
    """The first bytes of the content; the stream is left at ``start`` (only plain files have start > 0)."""
    if start == 0:
        return stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
    head = stream.read(SNIFF_BYTES)
    stream.seek(start)
    return head


def _closing_lines(stream: BinaryIO, piece: Piece, max_bytes: int) -> Iterator[tuple[int, Line]]:
    with stream:
        yield from iter_lines(stream, piece, max_bytes)


def iter_lines(stream: BinaryIO, piece: Piece, max_bytes: int) -> Iterator[tuple[int, Line]]:
    """``(line number, line)`` for every line starting in ``[piece.start, piece.end)``.

    Lines keep their line end (callers that need it, such as CSV, have it); a UTF-8 byte order mark at
    the start of the file is dropped.
    """
    number, position, end = piece.first_line, piece.start, piece.end
    limit = max_bytes + 2  # room for "\r\n" after a line of exactly max_bytes
    readline = stream.readline
    try:
        if position == 0 and (end is None or end > 0):
            line = readline(limit)
            if not line:
                return
            total, item = _measure(line, readline, max_bytes)
            yield number, (item[3:] if type(item) is bytes and item.startswith(BOM) else item)
            number, position = number + 1, position + total
        while end is None or position < end:
            line = readline(limit)
            if not line:
                return
            if len(line) <= max_bytes:
                yield number, line
                number, position = number + 1, position + len(line)
                continue
            total, item = _measure(line, readline, max_bytes)
            yield number, item
            number, position = number + 1, position + total
    except STREAM_ERRORS as error:
        yield number, Damage(damage_reason(piece.compression, error))


def _measure(line: bytes, readline: Callable[[int], bytes], max_bytes: int) -> tuple[int, Line]:
    """The line's length in the file, and the line itself or an :class:`Oversize` for it."""
    if len(line) <= max_bytes:
        return len(line), line
    total, tail, preview = len(line), line[-2:], line[:PREVIEW_BYTES]
    while not tail.endswith(b"\n"):
        chunk = readline(_SKIP_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        tail = (tail + chunk)[-2:]
        if len(preview) < PREVIEW_BYTES:
            preview = (preview + chunk)[:PREVIEW_BYTES]
    size = total - (2 if tail.endswith(b"\r\n") else 1 if tail.endswith(b"\n") else 0)
    if size <= max_bytes:
        return total, line
    return total, Oversize(size, preview[:size])
