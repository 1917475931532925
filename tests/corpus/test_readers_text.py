"""Plain text files: per file, per line and per paragraph, with lenient decoding and size limits."""

from __future__ import annotations

import gzip
from pathlib import Path

import zstandard
from test_readers_kit import SENTENCES, read_path

from seabridge.corpus.records import FILE, LINE, Quarantined, ReaderOptions, Record

LINES = ReaderOptions(text_unit="line")
PARAGRAPHS = ReaderOptions(text_unit="paragraph")


def test_line_unit_yields_each_non_blank_line_with_its_number(tmp_path: Path) -> None:
    texts = [text for _, text in SENTENCES]
    path = tmp_path / "mixed.txt"
    path.write_bytes(("\n".join(texts[:5]) + "\n\n   \n" + "\r\n".join(texts[5:]) + "\r\n").encode())
    items = read_path(path, LINES)
    assert all(isinstance(item, Record) for item in items)
    assert [item.text for item in items] == texts
    assert [item.position for item in items] == [*range(1, 6), *range(8, 8 + len(texts) - 5)]
    assert {item.position_kind for item in items} == {LINE}
    assert {item.source for item in items} == {"mixed.txt"}
    assert items[0].where == "mixed.txt:1"


def test_file_unit_yields_the_whole_file_as_one_document(tmp_path: Path) -> None:
    body = "\n".join(text for label, text in SENTENCES if label == "mya_Mymr") + "\n"
    path = tmp_path / "burmese.txt"
    path.write_text(body, encoding="utf-8")
    [item] = read_path(path)
    assert item == Record(body, "burmese.txt", 1, FILE)


def test_whitespace_only_files_yield_nothing(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n\n")
    for options in (ReaderOptions(), LINES, PARAGRAPHS):
        assert read_path(path, options) == []


def test_paragraphs_keep_inner_newlines_and_start_at_their_first_line(tmp_path: Path) -> None:
    thai = ["สวัสดีครับ", "วันนี้อากาศดี"]
    khmer = ["សួស្តី", "ភាសាខ្មែរ", "ប្រទេសកម្ពុជា"]
    path = tmp_path / "p.txt"
    path.write_text(f"\n\n{thai[0]}\n{thai[1]}\n\n \n{khmer[0]}\r\n{khmer[1]}\n{khmer[2]}", encoding="utf-8")
    items = read_path(path, PARAGRAPHS)
    assert items == [
        Record("\n".join(thai), "p.txt", 3, LINE),
        Record("\n".join(khmer), "p.txt", 7, LINE),
    ]


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "ສະບາຍດີ\nຂອບໃຈ\n".encode())
    assert [item.text for item in read_path(path, LINES)] == ["ສະບາຍດີ", "ຂອບໃຈ"]
    assert [item.text for item in read_path(path)] == ["ສະບາຍດີ\nຂອບໃຈ\n"]


def test_tis620_thai_is_decoded(tmp_path: Path) -> None:
    thai = [text for label, text in SENTENCES if label == "tha_Thai"][:3]
    path = tmp_path / "legacy.txt"
    path.write_bytes("\n".join(thai).encode("cp874"))
    assert [item.text for item in read_path(path, LINES)] == thai


def test_a_few_stray_bad_bytes_are_kept_for_normalisation(tmp_path: Path) -> None:
    line = "Xe ben được dùng để chặn lối vào đường hầm và có 80 cảnh sát hỗ trợ hướng dẫn người lái xe."
    raw = line.encode()[:21] + b"\xff" + line.encode()[21:]  # 1 bad byte in 129
    path = tmp_path / "stray.txt"
    path.write_bytes(raw + b"\n")
    [item] = read_path(path, LINES)
    assert isinstance(item, Record)
    assert item.text == line[:16] + "\udcff" + line[16:]


def test_mostly_undecodable_lines_are_quarantined_with_the_first_bad_byte(tmp_path: Path) -> None:
    good = "ລົດບັນທຸກໄດ້ຖືກນຳໃຊ້"
    bad = b"latin1 text: caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la carte"
    path = tmp_path / "bad.txt"
    path.write_bytes(good.encode() + b"\n" + bad + b"\n" + good.encode() + b"\n")
    first, middle, last = read_path(path, LINES)
    assert first == Record(good, "bad.txt", 1, LINE) and last == Record(good, "bad.txt", 3, LINE)
    assert isinstance(middle, Quarantined)
    assert middle.position == 2
    assert middle.reason == "invalid UTF-8 (5 bad bytes; first at byte 16)"
    assert middle.preview == bad
    [whole] = read_path(path)
    assert isinstance(whole, Quarantined) and whole.position_kind == FILE


def test_oversize_lines_and_files_are_quarantined(tmp_path: Path) -> None:
    small = ReaderOptions(text_unit="line", max_record_bytes=100)
    path = tmp_path / "long.txt"
    path.write_bytes(b"short\n" + "ก".encode() * 200 + b"\r\nafter\n")
    first, long, after = read_path(path, small)
    assert first.text == "short" and after.text == "after" and after.position == 3
    assert isinstance(long, Quarantined)
    assert long.position == 2
    assert long.reason == "record of 600 bytes exceeds max_record_bytes (100)"
    assert long.preview == ("ก".encode() * 200)[:256]
    [whole] = read_path(path, ReaderOptions(max_record_bytes=100))
    assert isinstance(whole, Quarantined)
    assert whole.reason == "record of 614 bytes exceeds max_record_bytes (100)"


def test_a_line_of_exactly_the_limit_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"a" * 100 + b"\r\n" + b"b" * 101 + b"\n" + b"c" * 100)
    items = read_path(path, ReaderOptions(text_unit="line", max_record_bytes=100))
    assert [type(item) for item in items] == [Record, Quarantined, Record]
    assert items[1].reason == "record of 101 bytes exceeds max_record_bytes (100)"


def test_oversize_paragraphs_are_quarantined_and_reading_goes_on(tmp_path: Path) -> None:
    options = ReaderOptions(text_unit="paragraph", max_record_bytes=50)
    path = tmp_path / "p.txt"
    path.write_bytes(b"one\n\n" + b"x" * 30 + b"\n" + b"y" * 30 + b"\n\nthree\nlines\n")
    first, big, last = read_path(path, options)
    assert first.text == "one"
    assert isinstance(big, Quarantined) and big.position == 3
    assert big.reason == "record of 62 bytes exceeds max_record_bytes (50)"
    assert last == Record("three\nlines", "p.txt", 6, LINE)


def test_compressed_text_files_read_like_plain_ones(tmp_path: Path) -> None:
    body = "\n".join(text for _, text in SENTENCES) + "\n"
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(body.encode()))
    (tmp_path / "a.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(body.encode()))
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    for options in (ReaderOptions(), LINES, PARAGRAPHS):
        plain = read_path(tmp_path / "a.txt", options)
        for name in ("a.txt.gz", "a.txt.zst"):
            items = read_path(tmp_path / name, options)
            assert [(i.text, i.position) for i in items] == [(i.text, i.position) for i in plain]


def test_truncated_compressed_text_in_file_unit_is_one_quarantined_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress("ข้อความภาษาไทย\n".encode() * 500)[:-20])
    [item] = read_path(path)
    assert isinstance(item, Quarantined) and item.position_kind == FILE
    assert item.reason.startswith("truncated gzip stream: ")


def test_damage_inside_a_paragraph_takes_the_unfinished_paragraph_with_it(tmp_path: Path) -> None:
    data = b"first paragraph\n\n" + b"second paragraph line\n" * 2000
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(data)[:-10])
    first, damaged = read_path(path, PARAGRAPHS)
    assert first == Record("first paragraph", "cut.txt.gz", 1, LINE)
    assert isinstance(damaged, Quarantined)
    assert damaged.position == 3
    assert damaged.reason.startswith("truncated gzip stream")


def test_an_unknown_text_unit_is_reported_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("ສະບາຍດີ\n", encoding="utf-8")
    [item] = read_path(path, ReaderOptions(text_unit="sentence"))
    assert isinstance(item, Quarantined)
    assert item.reason == "unknown text_unit 'sentence' (expected one of: file, line, paragraph)"
