"""CSV and Parquet: a named text column, the other columns as metadata, bad rows and bad files."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import gzip
import io
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from test_readers_kit import SENTENCES, read_path

from seabridge.corpus.readers.parquet import jsonable
from seabridge.corpus.records import FILE, LINE, ROW, Quarantined, ReaderOptions, Record

_ROWS = [(label, text) for label, text in SENTENCES if label in ("tha_Thai", "mya_Mymr", "khm_Khmr")]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_csv_rows_come_back_with_meta_and_start_lines(tmp_path: Path) -> None:
    rows = [["id", "text", "lang"]]
    rows += [[str(i), text, label] for i, (label, text) in enumerate(_ROWS)]
    rows.insert(3, ["99", 'บรรทัดแรก\nบรรทัดที่สอง, มีจุลภาค "และเครื่องหมายคำพูด"', "tha_Thai"])
    path = tmp_path / "a.csv"
    path.write_bytes(_csv(rows))
    items = read_path(path)
    assert [item.text for item in items] == [row[1] for row in rows[1:]]
    assert [item.position for item in items[:4]] == [2, 3, 4, 6]  # the quoted field spans lines 4 and 5
    assert items[2] == Record(rows[3][1], "a.csv", 4, LINE, {"id": "99", "lang": "tha_Thai"})
    assert all(isinstance(item, Record) for item in items)


def test_csv_gz_reads_like_csv(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + _csv([["text", "n"]] + [[text, str(i)] for i, (_, text) in enumerate(_ROWS)])
    (tmp_path / "a.csv").write_bytes(data)
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(data))
    plain = read_path(tmp_path / "a.csv")
    assert [item.meta for item in plain] == [{"n": str(i)} for i in range(len(_ROWS))]
    assert [(i.text, i.position, i.meta) for i in read_path(tmp_path / "a.csv.gz")] == [
        (i.text, i.position, i.meta) for i in plain
    ]


def test_a_csv_without_the_text_column_is_one_quarantined_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(_csv([["id", "body"], ["1", "x"]]))
    [item] = read_path(path)
    assert item == Quarantined("a.csv", None, FILE, "no column 'text' (columns: id, body)", b"id,body\r\n")
    assert read_path(path, ReaderOptions(text_field="body"))[0].text == "x"


def test_bad_csv_rows_are_quarantined_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        b"text,lang\r\n"
        + "ສະບາຍດີ,lao\r\n".encode()
        + b"too,many,fields\r\n"
        + b"caf\xe9,fra\r\n"
        + b'"bad "quote",x\r\n'
        + b"\r\n"
        + "ຂອບໃຈ,lao\r\n".encode()
    )
    items = read_path(path)
    assert [(type(item).__name__, item.position) for item in items] == [
        ("Record", 2),
        ("Quarantined", 3),
        ("Quarantined", 4),
        ("Quarantined", 5),
        ("Record", 7),
    ]
    assert items[1].reason == "row has 3 fields, the header has 2"
    assert items[1].preview == b"too,many,fields\r\n"
    assert items[2].reason == "invalid UTF-8 at byte 3 of the row"
    assert items[3].reason == "malformed CSV: ',' expected after '\"'"
    assert items[4] == Record("ຂອບໃຈ", "a.csv", 7, LINE, {"lang": "lao"})


def test_an_oversize_csv_field_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    big = "ก" * 300_000  # 900 kB: more than the 128 kB csv.field_size_limit default
    path.write_bytes(
        _csv([["text", "k"], ["small", "1"], [big, "2"], ["multi\nline " + big, "3"], ["end", "4"]])
    )
    items = read_path(path, ReaderOptions(max_record_bytes=500_000))
    assert [(type(item).__name__, item.position) for item in items] == [
        ("Record", 2),
        ("Quarantined", 3),
        ("Quarantined", 4),
        ("Record", 6),
    ]
    assert items[1].reason == "record of 900002 bytes exceeds max_record_bytes (500000)"
    assert items[2].reason.startswith("record of ") and items[2].position_kind == LINE
    assert items[3].meta == {"k": "4"}
    assert len(read_path(path)) == 4  # the default limit (8 MiB) takes the 900 kB fields as records


def test_an_unterminated_quote_at_the_end_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'text\r\nok\r\n"never closed\r\nmore\r\n')
    first, broken = read_path(path)
    assert first.text == "ok"
    assert broken == Quarantined(
        "a.csv", 3, LINE, "malformed CSV: unexpected end of data", b'"never closed\r\nmore\r\n'
    )


def test_repeated_column_names_keep_every_value(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(_csv([["text", "tag", "tag"], ["x", "a", "b"]]))
    [item] = read_path(path)
    assert item.meta == {"tag": "a", "tag.1": "b"}


def test_parquet_rows_come_back_with_json_able_meta(tmp_path: Path) -> None:
    texts = [text for _, text in _ROWS]
    n = len(texts)
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    table = pa.table(
        {
            "id": pa.array(range(n), pa.int64()),
            "text": texts,
            "raw": [b"\x00\xff"] * n,
            "day": [dt.date(2024, 1, 2)] * n,
            "at": pa.array([when] * n, pa.timestamp("us", tz="UTC")),
            "price": pa.array([Decimal("1.50")] * n, pa.decimal128(5, 2)),
            "score": [0.5, float("nan")] + [1.0] * (n - 2),
            "tags": [["a", "b"]] * n,
            "info": [{"k": 1}] * n,
        }
    )
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    items = read_path(path)
    assert [item.text for item in items] == texts
    assert [item.position for item in items] == list(range(n))
    assert {item.position_kind for item in items} == {ROW}
    assert items[1].meta == {
        "id": 1,
        "raw": base64.b64encode(b"\x00\xff").decode(),
        "day": "2024-01-02",
        "at": "2024-01-02T03:04:05+00:00",
        "price": "1.50",
        "score": None,
        "tags": ["a", "b"],
        "info": {"k": 1},
    }
    assert items[0].where == "t.parquet#row=0"


def test_parquet_rows_count_across_batches_and_row_groups(tmp_path: Path) -> None:
    texts = [f"{i} {SENTENCES[i % len(SENTENCES)][1]}" for i in range(2500)]
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": pa.array(texts).dictionary_encode()}), path, row_group_size=700)
    items = read_path(path)
    assert [item.text for item in items] == texts
    assert [item.position for item in items] == list(range(2500))


def test_parquet_null_and_oversize_texts_are_quarantined_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(
        pa.table({"text": ["ok", None, "ข" * 100, "fine"]}, schema=pa.schema([("text", pa.large_string())])),
        path,
    )
    items = read_path(path, ReaderOptions(max_record_bytes=100))
    assert [type(item).__name__ for item in items] == ["Record", "Quarantined", "Quarantined", "Record"]
    assert items[1] == Quarantined("t.parquet", 1, ROW, "null in column 'text'")
    assert items[2].reason == "record of 300 bytes exceeds max_record_bytes (100)"
    assert items[2].preview == ("ข" * 100).encode()[:256]


def test_parquet_without_a_string_text_column_is_one_quarantined_file(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": [1, 2], "body": ["a", "b"]}), path)
    [item] = read_path(path)
    assert item == Quarantined("t.parquet", None, FILE, "column 'text' is int64, not a string")
    [item] = read_path(path, ReaderOptions(text_field="content"))
    assert item.reason == "no column 'content' (columns: text, body)"


def test_corrupt_and_truncated_parquet_are_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    path.write_bytes(b"this is not parquet at all")
    [item] = read_path(path)
    assert item.position_kind == FILE and item.reason.startswith("not a readable Parquet file: ")
    pq.write_table(pa.table({"text": [text for _, text in _ROWS]}), path)
    path.write_bytes(path.read_bytes()[:-30])
    [item] = read_path(path)
    assert item.position_kind == FILE and item.reason.startswith("not a readable Parquet file: ")


def test_corrupt_parquet_pages_are_quarantined_from_the_broken_row_on(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    texts = [f"{i} {SENTENCES[i % len(SENTENCES)][1]}" for i in range(3000)]
    pq.write_table(pa.table({"text": texts}), path, row_group_size=1000, compression="snappy")
    data = bytearray(path.read_bytes())
    middle = len(data) * 5 // 6
    data[middle : middle + 2000] = bytes(2000)
    path.write_bytes(bytes(data))
    items = read_path(path)
    *records, damage = items
    assert all(isinstance(record, Record) for record in records)
    assert [record.text for record in records] == texts[: len(records)]
    assert isinstance(damage, Quarantined) and damage.position_kind == ROW
    assert damage.position == len(records)


def test_jsonable_converts_what_json_cannot_hold() -> None:
    assert jsonable({"a": [b"\x01", dt.timedelta(seconds=90), float("inf"), (1, "x"), dt.time(1, 2)]}) == {
        "a": ["AQ==", 90.0, None, [1, "x"], "01:02:00"]
    }


def test_parquet_repeated_column_names_keep_every_value(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    names = ["text", "src", "src"]
    pq.write_table(pa.Table.from_arrays([pa.array(["ກ"]), pa.array(["a"]), pa.array([2])], names=names), path)
    [item] = read_path(path)
    assert item == Record("ກ", "t.parquet", 0, ROW, {"src": "a", "src.1": 2})
    names = ["text", "text"]
    pq.write_table(pa.Table.from_arrays([pa.array(["a"]), pa.array(["b"])], names=names), path)
    [item] = read_path(path)
    assert item == Quarantined("t.parquet", None, FILE, "column 'text' appears 2 times")
