"""Input readers of the corpus pipeline: files in, :class:`Record` and :class:`Quarantined` out.

``detect_format`` names a file's format from its name, ``splittable`` says whether the planner may cut it
into byte ranges, and ``read_piece`` streams one piece. Every record met becomes exactly one Record or one
Quarantined, in file order, so that ``read = kept + removed + quarantined`` holds per file; reading never
raises for bad input and never holds more than one bounded record in memory.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Callable, Iterator

import pyarrow as pa
import zstandard

from seabridge.corpus.readers.delimited import read_csv
from seabridge.corpus.readers.formats import detect_format, splittable
from seabridge.corpus.readers.jsonl import read_jsonl
from seabridge.corpus.readers.parquet import read_parquet
from seabridge.corpus.readers.text import read_txt
from seabridge.corpus.readers.warc import read_warc
from seabridge.corpus.records import FILE, Piece, Quarantined, ReaderOptions, Record

__all__ = ["detect_format", "read_piece", "splittable"]

Reader = Callable[[Piece, ReaderOptions], Iterator[Record | Quarantined]]

_READERS: dict[str, Reader] = {
    "txt": read_txt,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "parquet": read_parquet,
    "warc": read_warc,
}

# The readers turn expected damage into Quarantined items with a position; this is the last line of
# defence for anything a library raises that they did not foresee.
_LAST_RESORT: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    ValueError,
    LookupError,
    RecursionError,
    zlib.error,
    zstandard.ZstdError,
    csv.Error,
    pa.ArrowException,
)


def read_piece(piece: Piece, options: ReaderOptions) -> Iterator[Record | Quarantined]:
    """Stream the documents of ``piece``; damage becomes Quarantined items, never an exception."""
    reader = _READERS.get(piece.fmt)
    if reader is None:
        yield Quarantined(piece.display, None, FILE, f"unsupported format {piece.fmt!r}")
        return
    try:
        yield from reader(piece, options)
    except _LAST_RESORT as error:
        yield Quarantined(piece.display, None, FILE, f"unreadable: {type(error).__name__}: {error}")
