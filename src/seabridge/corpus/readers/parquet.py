"""Parquet: one document per row, the text in a string column; every other column becomes metadata.

Rows come in Arrow record batches (``ParquetFile.iter_batches``), so memory follows the batch, not the
file; a single value is as large as the writer made it, and Parquet gives no way to skip it unread, so
an oversize text is quarantined after it is read. Metadata must stay JSON, so values Arrow hands back as
Python objects without a JSON form (bytes, dates, decimals, NaN) are converted (see :func:`jsonable`).
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from seabridge.corpus.readers.delimited import unique_names
from seabridge.corpus.readers.lines import oversize_reason
from seabridge.corpus.records import FILE, PREVIEW_BYTES, ROW, Piece, Quarantined, ReaderOptions, Record

Item = Record | Quarantined

_BATCH_ROWS = 1024
_ERRORS = (OSError, ValueError, pa.ArrowException)


def jsonable(value: object) -> object:
    """``value`` as JSON can hold it: bytes as base64, dates and times in ISO 8601, decimals as strings,
    durations in seconds, NaN and infinities as null (JSON has no such numbers)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):  # a map column's entries are (key, value) tuples
        return [jsonable(item) for item in value]
    return str(value)


def read_parquet(piece: Piece, options: ReaderOptions) -> Iterator[Item]:
    """Documents of a Parquet file; a file that cannot be opened or lacks a text column is one item."""
    source = piece.display
    try:
        if Path(piece.path).stat().st_size == 0:
            return
        parquet = pq.ParquetFile(piece.path)
    except _ERRORS as error:
        yield Quarantined(source, None, FILE, f"not a readable Parquet file: {error}")
        return
    try:
        problem = _schema_problem(parquet.schema_arrow, options.text_field)
        if problem:
            yield Quarantined(source, None, FILE, problem)
            return
        yield from _rows(parquet, source, options)
    finally:
        parquet.close()


def _schema_problem(schema: pa.Schema, field: str) -> str | None:
    if field not in schema.names:
        return f"no column '{field}' (columns: {', '.join(schema.names)})"
    if schema.names.count(field) > 1:
        return f"column '{field}' appears {schema.names.count(field)} times"
    kind = schema.field(field).type
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)):
        return f"column '{field}' is {schema.field(field).type}, not a string"
    return None


def _rows(parquet: pq.ParquetFile, source: str, options: ReaderOptions) -> Iterator[Item]:
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
            yield from _batch(batch, row, source, options)
            row += batch.num_rows
    except _ERRORS as error:
        yield Quarantined(source, row, ROW, f"corrupt Parquet data from this row on: {error}")


def _batch(batch: pa.RecordBatch, first: int, source: str, options: ReaderOptions) -> Iterator[Item]:
    field, limit = options.text_field, options.max_record_bytes
    names = unique_names(batch.schema.names)  # a repeated column name must not hide a column
    text_index = batch.schema.names.index(field)
    column = batch.column(text_index)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = column.cast(pa.large_string())
    sizes = pc.binary_length(column)
    too_big = (pc.max(sizes).as_py() or 0) > limit
    texts = column.to_pylist()
    meta = {name: _column_values(batch.column(i)) for i, name in enumerate(names) if i != text_index}
    for index, text in enumerate(texts):
        if text is None:
            yield Quarantined(source, first + index, ROW, f"null in column '{field}'")
        elif too_big and sizes[index].as_py() > limit:
            reason = oversize_reason(sizes[index].as_py(), limit)
            preview = text[:PREVIEW_BYTES].encode("utf-8")[:PREVIEW_BYTES]
            yield Quarantined(source, first + index, ROW, reason, preview)
        else:
            yield Record(text, source, first + index, ROW, {name: meta[name][index] for name in meta})


_PLAIN: tuple[Callable[[pa.DataType], bool], ...] = (
    pa.types.is_string,
    pa.types.is_large_string,
    pa.types.is_integer,
    pa.types.is_boolean,
)


def _column_values(column: pa.Array) -> list[object]:
    """A column's values as JSON-able Python objects (strings, integers and booleans need no work)."""
    values = column.to_pylist()
    if any(check(column.type) for check in _PLAIN):
        return values
    return [jsonable(value) for value in values]
