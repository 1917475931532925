"""Format detection, splittability, binary sniffing, empty and missing files: the same for every format."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from test_readers_kit import read_path

from seabridge.corpus.readers import detect_format, read_piece, splittable
from seabridge.corpus.records import FILE, Piece, Quarantined, ReaderOptions

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", ("txt", "")),
        ("a.TXT", ("txt", "")),
        ("a.txt.gz", ("txt", "gz")),
        ("a.txt.zst", ("txt", "zst")),
        ("dir.v2/a.jsonl", ("jsonl", "")),
        ("a.ndjson", ("jsonl", "")),
        ("a.JSONL.GZ", ("jsonl", "gz")),
        ("a.jsonl.zst", ("jsonl", "zst")),
        ("a.csv", ("csv", "")),
        ("a.csv.gz", ("csv", "gz")),
        ("a.parquet", ("parquet", "")),
        ("a.warc", ("warc", "")),
        ("CC-MAIN-1.warc.gz", ("warc", "gz")),
    ],
)
def test_detect_format_reads_the_extension_case_insensitively(name: str, expected: tuple[str, str]) -> None:
    assert detect_format(name) == expected


@pytest.mark.parametrize("name", ["a.gz", "a.json", "a.pdf", "a.parquet.gz", "txt", "a.txt.bz2", "a"])
def test_detect_format_returns_none_for_unsupported_files(name: str) -> None:
    assert detect_format(name) is None


def test_only_uncompressed_line_formats_are_splittable() -> None:
    lines, files = ReaderOptions(text_unit="line"), ReaderOptions(text_unit="file")
    assert splittable("jsonl", "", files)
    assert splittable("txt", "", lines)
    assert not splittable("txt", "", files)
    assert not splittable("txt", "", ReaderOptions(text_unit="paragraph"))
    assert not splittable("jsonl", "gz", lines)
    assert not splittable("txt", "zst", lines)
    for fmt in ("csv", "parquet", "warc"):
        assert not splittable(fmt, "", lines)


BINARIES = [
    ("photo.txt", PNG + bytes(100), "PNG image"),
    ("scan.jsonl", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
    ("table.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(50), "ZIP archive"),
    ("double.txt", gzip.compress(b"hello\n", mtime=0), "gzip data"),
    ("prog.jsonl", b"\x7fELF\x02\x01\x01" + bytes(50), "ELF executable"),
    ("cols.jsonl", b"PAR1\x15\x04" + bytes(50), "Parquet file"),
    ("pic.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ("anim.csv", b"GIF89a\x01\x00", "GIF image"),
    ("nul.txt", b"some text\x00\x00\x01\x02 more", "NUL bytes"),
]


@pytest.mark.parametrize(("name", "content", "kind"), BINARIES, ids=[case[0] for case in BINARIES])
def test_binary_content_under_a_text_extension_is_one_quarantined_file(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for options in (ReaderOptions(), ReaderOptions(text_unit="line"), ReaderOptions(text_unit="paragraph")):
        [item] = read_path(path, options)
        assert isinstance(item, Quarantined)
        assert item.position_kind == FILE
        assert item.reason == f"binary file ({kind}), not text"
        assert item.preview == content[:256]


def test_binary_sniffing_looks_inside_compressed_streams(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(PNG + bytes(64)))
    (tmp_path / "b.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(PNG + bytes(64)))
    for name in ("a.jsonl.gz", "b.txt.zst"):
        [item] = read_path(tmp_path / name)
        assert isinstance(item, Quarantined)
        assert item.reason == "binary file (PNG image), not text"


def test_every_piece_of_a_binary_file_is_quarantined_like_the_first(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(PNG + b"\n" + b"\x00\x01\n" * 5000)
    later = Piece(str(path), "blob.jsonl", "jsonl", start=len(PNG) + 1, end=None, first_line=2)
    [item] = read_piece(later, ReaderOptions())
    assert isinstance(item, Quarantined)
    assert item.reason == "binary file (PNG image), not text"


def test_utf16_text_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("ภาษาไทย\r\n".encode("utf-16"))
    [item] = read_path(path, ReaderOptions(text_unit="line"))
    assert isinstance(item, Quarantined)
    assert item.reason == "UTF-16 text (byte order mark), expected UTF-8"


@pytest.mark.parametrize(
    "name", ["e.txt", "e.jsonl", "e.csv", "e.parquet", "e.warc", "e.warc.gz", "e.txt.zst", "e.jsonl.gz"]
)
def test_an_empty_file_yields_nothing(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    for options in (ReaderOptions(), ReaderOptions(text_unit="line"), ReaderOptions(text_unit="paragraph")):
        assert read_path(path, options) == []


def test_empty_compressed_streams_yield_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(b""))
    assert read_path(tmp_path / "a.jsonl.gz") == []
    assert read_path(tmp_path / "b.jsonl.zst") == []


def test_an_empty_parquet_table_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), path)
    assert read_path(path) == []


@pytest.mark.parametrize(
    ("fmt", "compression"),
    [("txt", ""), ("jsonl", ""), ("jsonl", "gz"), ("txt", "zst"), ("csv", ""), ("parquet", ""), ("warc", "")],
)
def test_a_missing_file_is_one_quarantined_item(tmp_path: Path, fmt: str, compression: str) -> None:
    piece = Piece(str(tmp_path / "gone"), "gone", fmt, compression)
    for options in (ReaderOptions(), ReaderOptions(text_unit="line")):
        [item] = read_piece(piece, options)
        assert isinstance(item, Quarantined)
        assert item.position_kind == FILE
        assert item.position is None
        assert "No such file" in item.reason or "not found" in item.reason.lower()


def test_an_unknown_format_is_quarantined_not_raised(tmp_path: Path) -> None:
    [item] = read_piece(Piece(str(tmp_path / "x.pdf"), "x.pdf", "pdf"), ReaderOptions())
    assert isinstance(item, Quarantined)
    assert item.reason == "unsupported format 'pdf'"
