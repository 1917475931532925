"""Write ``examples/corpus/input/``: the mixed, partly damaged input that ``make run`` builds a corpus from.

Documents are runs of SIB-200 *train* sentences (FLORES-200 text, CC BY-SA 4.0) in the 15 core labels
that have them, with what real crawls contain injected on purpose: exact and near duplicates, personal data
(e-mail, phone numbers in ASCII and Thai digits, IP addresses), a code-switched Thai/English page, a
Zawgyi-encoded Burmese page (google/myanmar-tools, Apache-2.0), gambling spam, one-line junk, and damaged
files (a truncated gzip stream, malformed JSON lines, invalid UTF-8, a PNG named .txt, an unsupported
format). Deterministic: the same shared data gives the same bytes.

    python tools/make_demo_corpus.py [--shared ../shared/data] [--out examples/corpus/input]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import struct
import zlib
from pathlib import Path

LABELS = [
    "tha_Thai",
    "lao_Laoo",
    "khm_Khmr",
    "mya_Mymr",
    "shn_Mymr",
    "vie_Latn",
    "ind_Latn",
    "zsm_Latn",
    "tgl_Latn",
    "ceb_Latn",
    "jav_Latn",
    "sun_Latn",
    "zho_Hans",
    "zho_Hant",
    "eng_Latn",
]
DOCS_PER_LABEL = 5
ROOT = Path(__file__).resolve().parent.parent


def sentences(shared: Path, label: str) -> list[str]:
    lines = (shared / "langid" / "sib200" / f"{label}.train.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[1] for line in lines if "\t" in line]


def document(rng: random.Random, pool: list[str], label: str, n: int) -> str:
    chosen = [pool.pop() for _ in range(min(n, len(pool)))]
    joiner = "" if label.startswith("zho") else " "
    paragraphs, i = [], 0
    while i < len(chosen):
        size = rng.randint(2, 4)
        paragraphs.append(joiner.join(chosen[i : i + size]))
        i += size
    return "\n".join(paragraphs)


def near_copy(rng: random.Random, text: str, pool: list[str]) -> str:
    """A re-post: one paragraph's order changed slightly, one sentence appended, spacing changed."""
    paragraphs = text.split("\n")
    paragraphs.append(pool.pop())
    return "\n".join(p.replace(" ", "  ", 1) if k == 0 else p for k, p in enumerate(paragraphs)) + "\n"


def news(shared: Path, rng: random.Random) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = []
    pools = {label: sentences(shared, label) for label in LABELS}
    for pool in pools.values():
        rng.shuffle(pool)
    for label in LABELS:
        for k in range(DOCS_PER_LABEL):
            docs.append(
                {
                    "text": document(rng, pools[label], label, rng.randint(6, 10)),
                    "url": f"https://news.example.org/{label}/{k}",
                    "lang_hint": label,
                }
            )
    originals = list(docs)
    for doc in rng.sample(originals, 6):  # exact copies (syndicated news)
        docs.append({**doc, "url": str(doc["url"]) + "?utm_source=feed"})
    for doc in rng.sample(originals, 6):  # near copies
        label = str(doc["lang_hint"])
        docs.append(
            {**doc, "text": near_copy(rng, str(doc["text"]), pools[label]), "url": str(doc["url"]) + "/amp"}
        )
    tha, eng = pools["tha_Thai"], pools["eng_Latn"]
    docs.append(
        {
            "text": document(rng, tha, "tha_Thai", 6) + "\n" + document(rng, eng, "eng_Latn", 5),
            "url": "https://news.example.org/th-en/abstract",
            "lang_hint": "tha_Thai+eng_Latn",
        }
    )
    contact = [
        (
            "tha_Thai",
            "ติดต่อกองบรรณาธิการได้ที่ somchai.k@example.co.th หรือโทร ๐๘๑-๒๓๔-๕๖๗๘ "
            "ผู้แจ้ง เลขประจำตัวประชาชน 1-1017-00230-70-8",
        ),
        ("vie_Latn", "Liên hệ tòa soạn: 0912 345 678, email lienhe@baomoi.example.vn, số CCCD 001085123456"),
        (
            "ind_Latn",
            "Hubungi redaksi di +62 812-3456-7890 atau redaksi@berita.example.id, "
            "NIK pelapor 3201234501900001",
        ),
        (
            "eng_Latn",
            "Server logs showed requests from 203.0.113.42 before the outage; "
            "the card 4111 1111 1111 1111 was refunded.",
        ),
    ]
    for label, line in contact:
        docs.append(
            {
                "text": document(rng, pools[label], label, 6) + "\n" + line,
                "url": f"https://news.example.org/{label}/contact",
                "lang_hint": label,
            }
        )
    zawgyi = (ROOT / "examples" / "sample" / "mya_Mymr.zawgyi.txt").read_text(encoding="utf-8").splitlines()
    docs.append(
        {"text": "\n".join(zawgyi), "url": "https://gov.example.mm/news/2018-07-26", "lang_hint": "mya_Mymr"}
    )
    spam = (
        "สล็อตเว็บตรง แตกง่าย เครดิตฟรี สมัครเลย บาคาร่า คาสิโนออนไลน์ แทงบอล ฝากถอนไม่มีขั้นต่ำ "
        "สล็อต เครดิตฟรี 100 บาท ยิงปลา หวยออนไลน์ เว็บพนัน อันดับ 1 "
    )
    docs.append({"text": spam * 3, "url": "https://spam.example/slot", "lang_hint": "tha_Thai"})
    docs.append({"text": "Click here", "url": "https://junk.example/", "lang_hint": "eng_Latn"})
    rng.shuffle(docs)
    return docs


def write_jsonl(path: Path, docs: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs), encoding="utf-8")


def write_csv(path: Path, shared: Path, rng: random.Random) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "title", "text"])
    for k, label in enumerate(["ind_Latn", "zsm_Latn", "tgl_Latn", "ceb_Latn"]):
        pool = sentences(shared, label)[-200:]
        rng.shuffle(pool)
        for j in range(2):
            writer.writerow([f"{label}-{j}", pool[0][:40], document(rng, pool, label, 7)])
        del k
    path.write_text(buffer.getvalue(), encoding="utf-8")


def warc_record(kind: str, uri: str, payload: bytes, offset_id: int) -> bytes:
    headers = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{offset_id:012d}>\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(headers + payload + b"\r\n\r\n", mtime=0)


def http_response(content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def html_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About</a> | <a href='/login'>Login</a></nav>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        "<footer>© 2026 Example News. All rights reserved. Privacy | Terms</footer></body></html>"
    ).encode()


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\0\0\0"))
        + chunk(b"IEND", b"")
    )


def write_warc(path: Path, shared: Path, rng: random.Random) -> None:
    records = [warc_record("request", "https://vn.example/tin-tuc", b"GET /tin-tuc HTTP/1.1\r\n\r\n", 1)]
    for k, label in enumerate(["vie_Latn", "khm_Khmr", "zho_Hant"]):
        pool = sentences(shared, label)[-100:]
        rng.shuffle(pool)
        page = html_page(pool[0][:30], [pool.pop() for _ in range(6)])
        records.append(
            warc_record(
                "response",
                f"https://{label}.example/{k}",
                http_response("text/html; charset=utf-8", page),
                2 + k,
            )
        )
    records.append(
        warc_record("response", "https://vn.example/logo.png", http_response("image/png", tiny_png()), 9)
    )
    path.write_bytes(b"".join(records))


def write_damaged(folder: Path, shared: Path, rng: random.Random) -> None:
    folder.mkdir(exist_ok=True)
    pool = sentences(shared, "vie_Latn")[-300:-100]
    rng.shuffle(pool)
    lines = [
        json.dumps({"text": document(rng, pool, "vie_Latn", 6), "thread": k}, ensure_ascii=False)
        for k in range(12)
    ]
    blob = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    (folder / "forum.jsonl.gz").write_bytes(blob[: int(len(blob) * 0.7)])  # a download cut short
    good = [json.dumps({"text": document(rng, pool, "vie_Latn", 6)}, ensure_ascii=False) for _ in range(3)]
    broken = [
        good[0].encode(),
        b'{"text": "unterminated string',
        b'{"text": "caf\xe9 au lait"}',  # Latin-1 byte: invalid UTF-8
        b'{"body": "no text field"}',
        good[1].encode(),
        b"[1, 2, 3]",
        good[2].encode(),
    ]
    (folder / "broken.jsonl").write_bytes(b"\n".join(broken) + b"\n")
    (folder / "photo.txt").write_bytes(tiny_png())
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not a supported format")
    (folder / "empty.jsonl").write_bytes(b"")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "corpus" / "input")
    args = parser.parse_args()
    rng = random.Random(20261124)
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "news.jsonl", news(args.shared, rng))
    write_csv(args.out / "articles.csv", args.shared, rng)
    write_warc(args.out / "pages.warc.gz", args.shared, rng)
    write_damaged(args.out / "damaged", args.shared, rng)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
