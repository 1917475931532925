"""JSONL (plain, .gz, .zst): records and metadata, every kind of bad line, damaged streams, huge lines."""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zlib
from pathlib import Path

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st
from test_readers_kit import SENTENCES, read_path

from seabridge.corpus.records import LINE, Quarantined, ReaderOptions, Record


def _docs(sentences: list[tuple[str, str]]) -> list[dict[str, object]]:
    return [
        {"id": i, "text": text, "lang": label, "tags": ["sib200", i % 3], "score": i / 7, "extra": None}
        for i, (label, text) in enumerate(SENTENCES)
    ]


def _jsonl(docs: list[dict[str, object]]) -> bytes:
    return b"".join(json.dumps(doc, ensure_ascii=False).encode() + b"\n" for doc in docs)


def _good_lines(data: bytes) -> list[bytes]:
    """The complete lines in ``data`` (what must survive when the stream breaks after it)."""
    return data[: data.rfind(b"\n") + 1].splitlines()


def test_texts_meta_and_positions_come_back_exactly(tmp_path: Path) -> None:
    docs = _docs(SENTENCES)
    path = tmp_path / "docs.jsonl"
    path.write_bytes(_jsonl(docs[:10]) + b"\n  \n" + _jsonl(docs[10:]))
    items = read_path(path)
    assert len(items) == len(docs)
    for item, doc, number in zip(items, docs, [*range(1, 11), *range(13, 13 + len(docs) - 10)], strict=True):
        meta = {key: value for key, value in doc.items() if key != "text"}
        assert item == Record(doc["text"], "docs.jsonl", number, LINE, meta)  # type: ignore[arg-type]


def test_other_text_field_and_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"body": "\xe0\xb8\x81", "text": 1}\r\n{"body": "x"}\r\n')
    items = read_path(path, ReaderOptions(text_field="body"))
    assert items == [Record("ก", "a.ndjson", 1, LINE, {"text": 1}), Record("x", "a.ndjson", 2, LINE, {})]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"text": "a", "b": }', "invalid JSON: Expecting value: line 1 column 20 (char 19)"),
        (b'{"text": "a"} {"text": "b"}', "invalid JSON: Extra data: line 1 column 15 (char 14)"),
        (b'{"id": 1}', "no field 'text'"),
        (b'{"text": 5}', "field 'text' is int, not a string"),
        (b'{"text": null}', "field 'text' is null, not a string"),
        (b'{"text": ["a"]}', "field 'text' is array, not a string"),
        (b'["text", "a"]', "JSON array is not an object"),
        (b'"just a string"', "JSON string is not an object"),
        (b"42", "JSON int is not an object"),
        (b'{"text": "a", "score": NaN}', "invalid JSON: NaN is not valid JSON"),
        (
            b'{"text": "caf\xe9 \xe0 Bangkok"}',
            "invalid UTF-8 at byte 13 of the line (invalid continuation byte)",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON: nested too deeply"),
    ],
)
def test_bad_lines_are_quarantined_between_good_ones(tmp_path: Path, line: bytes, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes('{"text": "ก่อน"}\n'.encode() + line + '\n{"text": "หลัง"}\n'.encode())
    before, bad, after = read_path(path)
    assert before == Record("ก่อน", "bad.jsonl", 1, LINE, {})
    assert after == Record("หลัง", "bad.jsonl", 3, LINE, {})
    assert bad == Quarantined("bad.jsonl", 2, LINE, reason, line[:256])


def test_compressed_jsonl_reads_like_plain(tmp_path: Path) -> None:
    data = _jsonl(_docs(SENTENCES))
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    half = len(data) // 2
    frames = zstandard.ZstdCompressor().compress(data[:half]) + zstandard.ZstdCompressor().compress(
        data[half:]
    )
    (tmp_path / "a.jsonl.zst").write_bytes(frames)  # two frames, cut mid-line: one stream all the same
    plain = [(item.text, item.position, item.meta) for item in read_path(tmp_path / "a.jsonl")]
    for name in ("a.jsonl.gz", "a.jsonl.zst"):
        assert [(item.text, item.position, item.meta) for item in read_path(tmp_path / name)] == plain


def _check_damaged(items: list, expected: list[bytes], reason_start: str) -> None:
    *records, damage = items
    assert [record.text for record in records] == [json.loads(line)["text"] for line in expected]
    assert all(isinstance(record, Record) for record in records)
    assert isinstance(damage, Quarantined)
    assert damage.position == len(expected) + 1
    assert damage.position_kind == LINE
    assert damage.reason.startswith(reason_start), damage.reason


@pytest.mark.parametrize("keep", [0.3, 0.75, 0.999])
def test_truncated_gzip_keeps_every_record_before_the_damage(tmp_path: Path, keep) -> None:
    data = _jsonl(_docs(SENTENCES) * 40)
    packed = gzip.compress(data)
    cut = packed[: int(len(packed) * keep)]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    expected = _good_lines(zlib.decompressobj(31).decompress(cut))
    assert 0 < len(expected) < data.count(b"\n")
    _check_damaged(read_path(path), expected, "truncated gzip stream: ")


def test_gzip_cut_right_after_a_line_still_reports_the_damage(tmp_path: Path) -> None:
    data = b'{"text": "a"}\n{"text": "b"}\n'
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(data)[:-8])  # trailer (CRC and length) lost, content intact
    _check_damaged(read_path(path), data.splitlines(), "truncated gzip stream: ")


def test_corrupt_gzip_and_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b'{"text": "plain, not gzip"}\n')
    [item] = read_path(path)
    assert item.position == 1 and item.reason.startswith("corrupt gzip stream: Not a gzipped file")
    packed = bytearray(gzip.compress(_jsonl(_docs(SENTENCES))))
    packed[len(packed) // 2 : len(packed) // 2 + 40] = b"\xff" * 40
    path.write_bytes(bytes(packed))
    *before, damage = read_path(path)
    assert before, "the records before the damage are read"
    assert isinstance(damage, Quarantined) and damage.position == len(before) + 1
    assert damage.reason.startswith("corrupt gzip stream: ")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_zstd_keeps_every_record_before_the_damage(tmp_path: Path, keep) -> None:
    data = _jsonl(_docs(SENTENCES) * 80)
    packed = zstandard.ZstdCompressor(level=1).compress(data)
    cut = packed[: int(len(packed) * keep)]
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(cut)
    # what the decoder can recover from the cut stream; zstandard's own stream reader ends there silently
    expected = _good_lines(zstandard.ZstdDecompressor().decompressobj().decompress(cut))
    assert len(expected) < data.count(b"\n")
    _check_damaged(read_path(path), expected, "truncated zstd stream: ")


@pytest.mark.parametrize("cut", [1, 3, 4, 9])
def test_zstd_cut_at_the_end_of_a_frame_or_inside_a_header(tmp_path: Path, cut: int) -> None:
    first = '{"text": "ມື້ນີ້"}\n'.encode() * 3
    second = zstandard.ZstdCompressor(write_checksum=True).compress(b'{"text": "later"}\n')
    path = tmp_path / "cut.jsonl.zst"
    # cut=1, 3: the checksum of the second frame is lost; cut=4: exactly the checksum; cut=9: into blocks
    path.write_bytes(zstandard.ZstdCompressor().compress(first) + second[:-cut])
    items = read_path(path)
    assert [item.text for item in items[:3]] == ["ມື້ນີ້"] * 3
    damage = items[-1]
    assert isinstance(damage, Quarantined) and damage.reason.startswith("truncated zstd stream: ")
    assert damage.position == len(items)


def test_zstd_header_only_and_trailing_garbage(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(b'{"text": "a"}\n' * 3)[:5])
    [item] = read_path(path)
    assert item.position == 1 and item.reason.startswith("truncated zstd stream: ")
    path.write_bytes(zstandard.ZstdCompressor().compress(b'{"text": "a"}\n' * 3) + b"garbage!")
    *records, damage = read_path(path)
    assert [record.text for record in records] == ["a"] * 3
    assert damage.position == 4 and damage.reason.startswith("corrupt zstd stream: ")


@pytest.mark.parametrize("name", ["huge.jsonl", "huge.jsonl.gz", "huge.txt.zst"])
def test_a_50mb_line_is_quarantined_without_being_held(tmp_path: Path, name: str) -> None:
    size = 50 * 1024 * 1024
    huge = b'{"text": "' + b"a" * (size - 12) + b'"}'
    data = b'{"text": "before"}\n' + huge + b'\n{"text": "after"}\n'
    path = tmp_path / name
    if name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=1)
    elif name.endswith(".zst"):
        data = zstandard.ZstdCompressor(level=1).compress(data)
    path.write_bytes(data)
    del huge, data
    options = ReaderOptions(text_unit="line")
    tracemalloc.start()
    try:
        items = read_path(path, options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"peak {peak} bytes"
    assert len(items) == 3 and isinstance(items[1], Quarantined)
    assert items[1].reason == f"record of {size} bytes exceeds max_record_bytes (8388608)"
    assert items[1].position == 2 and items[1].preview == (b'{"text": "' + b"a" * 300)[:256]
    assert items[2].position == 3


_GOOD = st.builds(
    lambda text, n: json.dumps({"text": text, "n": n}, ensure_ascii=False).encode(), st.text(), st.integers()
)
_BAD = st.sampled_from([b"{", b'{"x": 1}', b"[1]", b'{"text": 1}', b"\xff\xfe", b'{"text": "\xc3"}', b"null"])
_BLANK = st.sampled_from([b"", b"  ", b"\t", b"\r"])


def _is_document(line: bytes) -> bool:
    try:
        obj = json.loads(line.decode("utf-8"))
    except ValueError:
        return False
    return isinstance(obj, dict) and isinstance(obj.get("text"), str)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.one_of(_GOOD, _BAD, _BLANK), max_size=30))
def test_every_non_blank_line_is_one_record_or_one_quarantined(tmp_path_factory, lines) -> None:
    path = tmp_path_factory.mktemp("acct") / "a.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = read_path(path)
    non_blank = [number for number, line in enumerate(lines, 1) if line.strip()]
    assert [item.position for item in items] == non_blank
    documents = [line for line in lines if line.strip() and _is_document(line)]
    assert [item.text for item in items if isinstance(item, Record)] == [
        json.loads(line)["text"] for line in documents
    ]
    assert all(item.reason for item in items if isinstance(item, Quarantined))
