"""WARC: which records are documents, main-text extraction, charsets, and damaged archives."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from test_readers_kit import SENTENCES, read_path, response, warc_record, write_warc

from seabridge.corpus.records import OFFSET, Quarantined, ReaderOptions, Record

THAI = [text for label, text in SENTENCES if label == "tha_Thai"]
LAO = next(text for label, text in SENTENCES if label == "lao_Laoo")
KHMER = next(text for label, text in SENTENCES if label == "khm_Khmr")
BURMESE = next(text for label, text in SENTENCES if label == "mya_Mymr")

ARTICLE = f"""<!doctype html><html><head><title>ข่าว</title><style>p {{color: red}}</style></head><body>
<nav><ul><li><a href="/">หน้าแรก</a></li><li><a href="/news">ข่าว</a></li></ul></nav>
<main><article><h1>ข่าววันนี้</h1><p>{THAI[0]}</p><p>{THAI[1]}</p><p>{THAI[2]}</p></article></main>
<footer>© 2024 ตัวอย่าง สงวนลิขสิทธิ์</footer><script>var x = 1;</script></body></html>"""


def _archive() -> list[bytes]:
    return [
        warc_record("warcinfo", "", b"software: hand-written\r\n", "application/warc-fields"),
        warc_record(
            "request",
            "https://th.example/news",
            b"GET /news HTTP/1.1\r\nHost: th.example\r\n\r\n",
            "application/http; msgtype=request",
        ),
        response("https://th.example/news", 200, "text/html; charset=utf-8", ARTICLE.encode()),
        warc_record("metadata", "https://th.example/news", b"fetchTimeMs: 12\r\n", "application/warc-fields"),
        response("https://la.example/missing", 404, "text/plain; charset=utf-8", LAO.encode()),
        response("https://th.example/logo.png", 200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        warc_record("resource", "file:///km.txt", KHMER.encode(), "text/plain; charset=utf-8"),
        warc_record("conversion", "https://mm.example/", BURMESE.encode(), "text/plain"),
    ]


@pytest.mark.parametrize("name", ["a.warc", "a.warc.gz"])
def test_documents_are_responses_resources_and_conversions(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_warc(path, _archive())
    html, lao, png, khmer, burmese = read_path(path)
    assert isinstance(html, Record) and html.position == offsets[2] and html.position_kind == OFFSET
    assert all(sentence in html.text for sentence in THAI[:3])
    assert "หน้าแรก" not in html.text and "สงวนลิขสิทธิ์" not in html.text and "var x" not in html.text
    assert html.meta == {
        "url": "https://th.example/news",
        "date": "2024-05-06T07:08:09Z",
        "warc_record_id": html.meta["warc_record_id"],
        "content_type": "text/html",
        "http_status": 200,
    }
    assert str(html.meta["warc_record_id"]).startswith("<urn:uuid:")
    assert lao == Record(LAO, name, offsets[4], OFFSET, {**lao.meta, "http_status": 404})
    assert lao.meta["content_type"] == "text/plain"
    assert png == Quarantined(name, offsets[5], OFFSET, "unsupported payload type image/png", png.preview)
    assert png.preview.startswith(b"\x89PNG")
    assert (khmer.text, khmer.position, khmer.meta["http_status"]) == (KHMER, offsets[6], None)
    assert (burmese.text, burmese.position) == (BURMESE, offsets[7])


def test_charsets_from_http_headers_html_meta_and_detection(tmp_path: Path) -> None:
    tis620 = f"<html><body><article><p>{THAI[3]}</p></article></body></html>".encode("cp874")
    meta_only = f'<html><head><meta charset="windows-874"></head><body><p>{THAI[4]}</p></body></html>'
    path = tmp_path / "legacy.warc"
    write_warc(
        path,
        [
            response("http://a/", 200, "text/html; charset=TIS-620", tis620),
            response("http://b/", 200, "text/html", meta_only.encode("cp874")),
            response("http://c/", 200, "text/plain", THAI[5].encode("cp874")),
        ],
    )
    declared, from_meta, detected = read_path(path)
    assert THAI[3] in declared.text
    assert THAI[4] in from_meta.text
    assert detected.text == THAI[5]


def test_gzip_content_encoding_is_undone(tmp_path: Path) -> None:
    body = gzip.compress(f"<html><body><p>{THAI[6]}</p></body></html>".encode())
    path = tmp_path / "enc.warc"
    write_warc(
        path,
        [
            response("http://a/", 200, "text/html", body, "Content-Encoding: gzip\r\n"),
            response("http://b/", 200, "text/html", b"<p>x</p>", "Content-Encoding: br\r\n"),
        ],
    )
    decoded, brotli = read_path(path)
    assert THAI[6] in decoded.text
    assert isinstance(brotli, Quarantined) and brotli.reason == "unsupported Content-Encoding br"


def test_an_oversize_payload_is_quarantined_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    big = ("<p>" + THAI[0] * 40 + "</p>").encode()
    offsets = write_warc(
        path,
        [response("http://big/", 200, "text/html", big), response("http://ok/", 200, "text/plain", b"ok")],
    )
    large, small = read_path(path, ReaderOptions(max_record_bytes=10_000))
    assert large == Quarantined(
        "big.warc.gz",
        offsets[0],
        OFFSET,
        f"record of {len(big)} bytes exceeds max_record_bytes (10000)",
        big[:256],
    )
    assert small.text == "ok" and small.position == offsets[1]


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
@pytest.mark.parametrize("into", [0.01, 0.1, 0.5, 0.9])
def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path, name: str, into: float) -> None:
    path = tmp_path / name
    records = [*_archive()[:3], response("http://x/", 200, "text/plain", KHMER.encode() * 3)]
    offsets = write_warc(path, records)
    data = path.read_bytes()
    cut = offsets[3] + int((len(data) - offsets[3]) * into)
    path.write_bytes(data[:cut])
    *before, broken = read_path(path)
    assert [item.position for item in before] == [offsets[2]]
    assert isinstance(before[0], Record) and THAI[0] in before[0].text
    assert isinstance(broken, Quarantined) and broken.position == offsets[3]
    assert broken.reason.startswith("truncated")


@pytest.mark.parametrize("name", ["junk.warc", "junk.warc.gz"])
def test_garbage_between_records_is_quarantined_where_it_starts(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_warc(path, _archive()[2:5])
    data = path.read_bytes()
    path.write_bytes(data[: offsets[2]] + b"this is not a WARC record\r\n" * 3 + data[offsets[2] :])
    html, broken = read_path(path)
    assert html.position == offsets[0]
    assert isinstance(broken, Quarantined) and broken.position == offsets[2]
    assert broken.reason.startswith("corrupt WARC: ")


def test_a_file_that_is_not_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "text.warc"
    path.write_text(THAI[0], encoding="utf-8")
    [item] = read_path(path)
    assert isinstance(item, Quarantined) and item.position == 0
    assert item.reason == "corrupt WARC: Invalid WARC header"


def test_an_unknown_record_type_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "odd.warc"
    offsets = write_warc(path, [warc_record("surprise", "http://a/", b"hello", "text/plain"), _archive()[4]])
    odd, lao = read_path(path)
    assert odd == Quarantined("odd.warc", offsets[0], OFFSET, "unknown WARC-Type 'surprise'")
    assert lao.text == LAO
