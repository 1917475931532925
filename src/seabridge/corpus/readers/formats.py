"""Which reader a file needs, whether it can be split, and whether a "text" file is really binary.

The format comes from the file name alone (cheap, predictable, and the planner needs it before opening
anything); the content is only sniffed for the one mistake that would otherwise fill a corpus with
garbage: a binary file carrying a text extension.
"""

from __future__ import annotations

from seabridge.corpus.records import ReaderOptions

# Longest suffix first, so that ``.jsonl.gz`` wins over ``.gz``.
_SUFFIXES: tuple[tuple[str, str, str], ...] = (
    (".jsonl.gz", "jsonl", "gz"),
    (".jsonl.zst", "jsonl", "zst"),
    (".ndjson.gz", "jsonl", "gz"),
    (".ndjson.zst", "jsonl", "zst"),
    (".txt.gz", "txt", "gz"),
    (".txt.zst", "txt", "zst"),
    (".csv.gz", "csv", "gz"),
    (".warc.gz", "warc", "gz"),
    (".jsonl", "jsonl", ""),
    (".ndjson", "jsonl", ""),
    (".txt", "txt", ""),
    (".csv", "csv", ""),
    (".parquet", "parquet", ""),
    (".warc", "warc", ""),
)

SNIFF_BYTES = 8192

# Magic numbers of the binary files most often found under a text extension.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "ELF executable"),
    (b"PAR1", "Parquet file"),
)
# UTF-16 text is full of NUL bytes; naming it spares a person from hunting for a "binary" file.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def detect_format(path: str) -> tuple[str, str] | None:
    """``(fmt, compression)`` from the file name (case-insensitive), or None for an unsupported format."""
    name = path.lower()
    for suffix, fmt, compression in _SUFFIXES:
        if name.endswith(suffix):
            return fmt, compression
    return None


def splittable(fmt: str, compression: str, options: ReaderOptions) -> bool:
    """Whether the planner may cut the file into byte ranges at line starts.

    Only uncompressed formats with one record per line qualify: a compressed stream cannot be entered in
    the middle, and paragraphs, CSV rows (quoted newlines) and whole-file texts span lines.
    """
    if compression:
        return False
    return fmt == "jsonl" or (fmt == "txt" and options.text_unit == "line")


def sniff_binary(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of a text file) is not UTF-8 text, or None if it may be."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({kind}), not text"
    if b"\x00" in head:
        if head.startswith(_UTF16_BOMS):
            return "UTF-16 text (byte order mark), expected UTF-8"
        return "binary file (NUL bytes), not text"
    return None
