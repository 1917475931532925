"""What readers hand to the pipeline: documents read, and records that could not be read.

Every record a reader meets becomes exactly one :class:`Record` or one :class:`Quarantined`, so that per
file ``records read = kept + removed + quarantined`` holds by construction. A whole file that cannot be
opened at all (binary, corrupt Parquet) counts as one quarantined record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How a record's ``position`` locates it in its file.
LINE = "line"  # 1-based line where the record starts (text lines and paragraphs, JSONL, CSV)
ROW = "row"  # 0-based row (Parquet)
OFFSET = "offset"  # byte offset of the record (WARC)
FILE = "file"  # the whole file (one document per file, or a file that could not be read at all)

PREVIEW_BYTES = 256


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of one input file that one task reads: the whole file, or a byte range of a line format.

    ``start`` is the first byte to read (always the start of a line) and ``end`` the byte where reading
    stops (a record that starts before ``end`` belongs to this piece, whatever its length); ``first_line``
    is the 1-based number of the line at ``start``.
    """

    path: str  # where to open it
    display: str  # how to name it to a person and in ``source`` (the path as the user gave it)
    fmt: str  # "txt" | "jsonl" | "parquet" | "csv" | "warc"
    compression: str = ""  # "" | "gz" | "zst"
    start: int = 0
    end: int | None = None
    first_line: int = 1

    @property
    def whole_file(self) -> bool:
        return self.start == 0 and self.end is None


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    text_field: str = "text"  # JSONL key, CSV column or Parquet column holding the text
    text_unit: str = "file"  # .txt files: "file" | "line" | "paragraph"
    max_record_bytes: int = 8 * 1024 * 1024  # larger records are quarantined, never loaded whole


@dataclass(slots=True)
class Record:
    """One document as read, before any processing."""

    text: str
    source: str  # Piece.display
    position: int
    position_kind: str  # LINE | ROW | OFFSET | FILE
    meta: dict[str, object] = field(default_factory=dict)  # every other field of the record, JSON-able

    @property
    def where(self) -> str:
        return describe(self.source, self.position, self.position_kind)


@dataclass(slots=True)
class Quarantined:
    """A record (or a whole file) that could not be read, with the reason a person can act on."""

    source: str
    position: int | None
    position_kind: str
    reason: str
    preview: bytes = b""  # at most PREVIEW_BYTES of the raw record, for inspection

    @property
    def where(self) -> str:
        return describe(self.source, self.position, self.position_kind)


def describe(source: str, position: int | None, kind: str) -> str:
    """``file.jsonl:12`` (line), ``file.parquet#row=5``, ``file.warc@1234`` (byte offset), ``file.txt``."""
    if position is None or kind == FILE:
        return source
    if kind == LINE:
        return f"{source}:{position}"
    if kind == ROW:
        return f"{source}#row={position}"
    return f"{source}@{position}"
