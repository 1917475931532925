"""Fuzzing: whatever bytes a file holds, reading it never raises and yields only well-formed items."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_readers_kit import SENTENCES, response, warc_record

from seabridge.corpus.readers import detect_format, read_piece
from seabridge.corpus.records import FILE, LINE, OFFSET, ROW, Piece, Quarantined, ReaderOptions, Record

_TEXTS = [text for _, text in SENTENCES[::7]]
_KINDS = {"txt": {LINE, FILE}, "jsonl": {LINE, FILE}, "csv": {LINE, FILE}, "parquet": {ROW, FILE}}
_OPTIONS = [
    ReaderOptions(),
    ReaderOptions(text_unit="line", max_record_bytes=300),
    ReaderOptions(text_unit="paragraph", max_record_bytes=300),
]


def _parquet() -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.table({"text": _TEXTS, "n": range(len(_TEXTS))}), out, row_group_size=4)
    return out.getvalue()


def _seeds() -> dict[str, bytes]:
    """One valid file per format, for mutations to start from."""
    jsonl = b"".join(
        json.dumps({"text": t, "i": i}, ensure_ascii=False).encode() + b"\n" for i, t in enumerate(_TEXTS)
    )
    txt = "\n\n".join(_TEXTS).encode()
    csv = ("text,i\r\n" + "".join(f'"{t}",{i}\r\n' for i, t in enumerate(_TEXTS))).encode()
    request = b"GET / HTTP/1.1\r\n\r\n"
    warc = [
        warc_record("request", "http://a/", request, "application/http; msgtype=request"),
        response("http://a/", 200, "text/html", f"<p>{_TEXTS[0]}</p>".encode()),
        response("http://b/", 200, "text/plain", _TEXTS[1].encode()),
    ]
    return {
        "a.jsonl": jsonl,
        "a.jsonl.gz": gzip.compress(jsonl),
        "a.jsonl.zst": zstandard.ZstdCompressor().compress(jsonl),
        "a.txt": txt,
        "a.txt.zst": zstandard.ZstdCompressor(write_checksum=True).compress(txt),
        "a.csv": csv,
        "a.csv.gz": gzip.compress(csv),
        "a.parquet": _parquet(),
        "a.warc": b"".join(warc),
        "a.warc.gz": b"".join(gzip.compress(record) for record in warc),
    }


SEEDS = _seeds()


def _check(path: Path) -> None:
    fmt, compression = detect_format(path.name) or ("?", "")
    for options in _OPTIONS if fmt == "txt" else _OPTIONS[:2]:
        items = list(read_piece(Piece(str(path), path.name, fmt, compression), options))
        for item in items:
            assert type(item) in (Record, Quarantined)
            assert item.source == path.name
            assert item.position_kind in _KINDS.get(fmt, {OFFSET, FILE})
            assert item.position is None or isinstance(item.position, int)
            if isinstance(item, Record):
                assert isinstance(item.text, str)
                json.dumps(item.meta, allow_nan=False)
            else:
                assert item.reason and isinstance(item.reason, str)
                assert len(item.preview) <= 256


_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(name=st.sampled_from(sorted(SEEDS)), data=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(tmp_path_factory, name: str, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    _check(path)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        if action == "cut":
            del data[where:]
        elif action == "flip" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[where : where + draw(st.integers(1, 16))]
    return name, bytes(data)


@_FUZZ
@given(case=_mutated())
def test_damaged_valid_files_never_raise(tmp_path_factory, case: tuple[str, bytes]) -> None:
    name, data = case
    path = tmp_path_factory.mktemp("mutant") / name
    path.write_bytes(data)
    _check(path)


def test_the_seeds_themselves_read_cleanly(tmp_path: Path) -> None:
    for name, data in SEEDS.items():
        path = tmp_path / name
        path.write_bytes(data)
        items = list(read_piece(Piece(str(path), name, *(detect_format(name) or ("", ""))), ReaderOptions()))
        assert items and all(isinstance(item, Record) for item in items), (name, items)
