"""CSV (optionally gzipped): a header row, then one document per row, the text in one named column.

The stdlib ``csv`` module does the parsing (quoting, fields spanning lines). It pulls its lines from a
:class:`_RowFeed` built on the bounded line reader, which keeps the two things ``csv`` cannot: the size of
the row so far (a row growing past ``max_record_bytes`` is cut off and quarantined, never accumulated)
and the byte offset of the first invalid UTF-8 byte in it. Parsing is strict, so that broken quoting is
reported rather than silently merged into a neighbouring field.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from seabridge.corpus.readers.lines import Damage, Line, Oversize, open_lines, oversize_reason
from seabridge.corpus.records import FILE, LINE, PREVIEW_BYTES, Piece, Quarantined, ReaderOptions, Record

Item = Record | Quarantined


class _RowInterruptedError(Exception):
    """Raised through ``csv`` by the feed when the row cannot be completed."""

    def __init__(self, line: Oversize | Damage) -> None:
        super().__init__(line)
        self.line = line


class _RowFeed:
    """Decoded lines for ``csv.reader``, with the bookkeeping of the row being read."""

    def __init__(self, lines: Iterator[tuple[int, Line]], max_bytes: int) -> None:
        self._lines = lines
        self._max_bytes = max_bytes
        self.begin_row()

    def begin_row(self) -> None:
        self.start: int | None = None
        self.size = 0
        self.preview = b""
        self.bad_at: int | None = None

    def __iter__(self) -> _RowFeed:
        return self

    def __next__(self) -> str:
        number, line = next(self._lines)
        if self.start is None:
            self.start = number
        if isinstance(line, Damage):
            raise _RowInterruptedError(line)
        if isinstance(line, Oversize):
            preview = (self.preview + line.preview)[:PREVIEW_BYTES]
            raise _RowInterruptedError(Oversize(self.size + line.size, preview))
        offset, self.size = self.size, self.size + len(line)
        if len(self.preview) < PREVIEW_BYTES:
            self.preview = (self.preview + line)[:PREVIEW_BYTES]
        if self.size > self._max_bytes:
            raise _RowInterruptedError(Oversize(self.size, self.preview))
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError as error:
            if self.bad_at is None:
                self.bad_at = offset + error.start
            return line.decode("utf-8", "surrogateescape")


def read_csv(piece: Piece, options: ReaderOptions) -> Iterator[Item]:
    """Documents of a CSV file: one per row after the header; blank lines are not records."""
    lines = open_lines(piece, options.max_record_bytes)
    if isinstance(lines, Quarantined):
        yield lines
        return
    # The limit is process-wide state of the csv module; rows are already bounded by the feed.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_record_bytes + 2))
    feed = _RowFeed(lines, options.max_record_bytes)
    source = piece.display
    rows = _rows(feed, source, options.max_record_bytes)
    header = next(rows, None)
    if header is None:
        return
    if isinstance(header, Quarantined):
        yield Quarantined(source, None, FILE, f"unreadable header: {header.reason}", header.preview)
        return
    names = unique_names(header[1])
    if options.text_field not in names:
        reason = f"no column '{options.text_field}' (columns: {', '.join(names)})"
        yield Quarantined(source, None, FILE, reason, feed.preview)
        return
    yield from _records(rows, feed, names, options.text_field, source)


def _records(
    rows: Iterator[tuple[int, list[str]] | Quarantined],
    feed: _RowFeed,
    names: list[str],
    field: str,
    source: str,
) -> Iterator[Item]:
    text_index = names.index(field)
    for row in rows:
        if isinstance(row, Quarantined):
            yield row
            continue
        number, values = row
        if len(values) != len(names):
            reason = f"row has {len(values)} fields, the header has {len(names)}"
            yield Quarantined(source, number, LINE, reason, feed.preview)
            continue
        meta: dict[str, object] = dict(zip(names, values, strict=True))
        del meta[field]
        yield Record(values[text_index], source, number, LINE, meta)


def _rows(feed: _RowFeed, source: str, max_bytes: int) -> Iterator[tuple[int, list[str]] | Quarantined]:
    """Parsed rows with their first line, or a Quarantined for each row that could not be read.

    After a broken row the parser starts afresh at the next line, so one bad row costs one record.
    """
    reader = csv.reader(feed, strict=True)
    while True:
        feed.begin_row()
        try:
            values = next(reader)
        except StopIteration:
            return
        except _RowInterruptedError as stop:
            line = stop.line
            if isinstance(line, Damage):
                yield Quarantined(source, feed.start, LINE, line.reason, feed.preview)
                return
            yield Quarantined(source, feed.start, LINE, oversize_reason(line.size, max_bytes), line.preview)
            reader = csv.reader(feed, strict=True)
            continue
        except csv.Error as error:
            yield Quarantined(source, feed.start, LINE, f"malformed CSV: {error}", feed.preview)
            reader = csv.reader(feed, strict=True)
            continue
        if feed.bad_at is not None:
            reason = f"invalid UTF-8 at byte {feed.bad_at} of the row"
            yield Quarantined(source, feed.start, LINE, reason, feed.preview)
        elif values and (len(values) > 1 or values[0].strip()):
            yield feed.start or 0, values


def unique_names(header: list[str]) -> list[str]:
    """Header names, a repeated name made unique with a suffix (``name``, ``name.1``) so none is lost."""
    names: list[str] = []
    seen: set[str] = set()
    for name in header:
        unique, count = name, 0
        while unique in seen:
            count += 1
            unique = f"{name}.{count}"
        seen.add(unique)
        names.append(unique)
    return names
