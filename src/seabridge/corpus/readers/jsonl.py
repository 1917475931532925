"""JSON Lines: one JSON object per line, the text under ``ReaderOptions.text_field``.

JSON is UTF-8 by definition (RFC 8259), so unlike plain text there is no lenient decoding here: a line
with invalid UTF-8 is damaged and quarantined. This is the hot path of most corpora, so the loop is kept
lean: one decode and one parse per line, the parsed object reused as the record's metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from seabridge.corpus.readers.lines import (
    Damage,
    Oversize,
    open_lines,
    oversize_reason,
    strip_line_end,
)
from seabridge.corpus.records import LINE, PREVIEW_BYTES, Piece, Quarantined, ReaderOptions, Record

_JSON_TYPES: dict[type, str] = {
    bool: "bool",
    int: "int",
    float: "float",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def _reject_constant(name: str) -> object:
    """Python's json accepts NaN and Infinity; JSON does not, and metadata must stay JSON."""
    raise ValueError(f"{name} is not valid JSON")


_decode = json.JSONDecoder(parse_constant=_reject_constant).decode


def read_jsonl(piece: Piece, options: ReaderOptions) -> Iterator[Record | Quarantined]:
    """Documents of a JSONL piece, in file order; blank lines are not records."""
    lines = open_lines(piece, options.max_record_bytes)
    if isinstance(lines, Quarantined):
        yield lines
        return
    source, field = piece.display, options.text_field
    for number, line in lines:
        if type(line) is bytes:
            if line.isspace():
                continue
            try:
                obj = _decode(line.decode("utf-8"))
                text = obj.pop(field)
            except (AttributeError, KeyError, TypeError, ValueError, RecursionError):
                yield _bad_line(line, source, number, field)
                continue
            if type(text) is str:
                yield Record(text, source, number, LINE, obj)
            else:
                reason = f"field '{field}' is {_JSON_TYPES.get(type(text), 'other')}, not a string"
                yield Quarantined(source, number, LINE, reason, strip_line_end(line)[:PREVIEW_BYTES])
        else:
            yield _unreadable(line, source, number, options.max_record_bytes)


def _bad_line(line: bytes, source: str, number: int, field: str) -> Quarantined:
    """Why a line failed on the fast path (worked out again, only for the failures)."""
    preview = strip_line_end(line)[:PREVIEW_BYTES]
    try:
        obj = _decode(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        reason = f"invalid UTF-8 at byte {error.start} of the line ({error.reason})"
    except RecursionError:
        reason = "invalid JSON: nested too deeply"
    except ValueError as error:
        reason = f"invalid JSON: {error}"
    else:
        if isinstance(obj, dict):
            reason = f"no field '{field}'"
        else:
            reason = f"JSON {_JSON_TYPES.get(type(obj), 'value')} is not an object"
    return Quarantined(source, number, LINE, reason, preview)


def _unreadable(line: Oversize | Damage, source: str, number: int, max_bytes: int) -> Quarantined:
    if isinstance(line, Oversize):
        return Quarantined(source, number, LINE, oversize_reason(line.size, max_bytes), line.preview)
    return Quarantined(source, number, LINE, line.reason)
