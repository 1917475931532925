"""Shared helpers of the reader tests (no tests here): real sentences and builders of input files.

The sentences are the repo's SIB-200 samples (FLORES-200, CC BY-SA 4.0; see examples/sample/NOTICE.md).
Damaged and binary inputs are made inside the tests, so no binary fixture is committed. This is a plain
module rather than a conftest.py, so that ``from conftest import ...`` elsewhere keeps finding the root one.
"""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

from seabridge.corpus.readers import detect_format, read_piece
from seabridge.corpus.records import Piece, Quarantined, ReaderOptions, Record

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample"
LABELS = ("tha_Thai", "mya_Mymr", "khm_Khmr", "lao_Laoo", "vie_Latn", "zho_Hans", "shn_Mymr", "eng_Latn")

Item = Record | Quarantined


def _sentences() -> list[tuple[str, str]]:
    out = []
    for label in LABELS:
        for line in (SAMPLE / f"{label}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((label, line))
    return out


# ``(label, sentence)``: 12 sentences in each of Thai, Burmese, Khmer, Lao, Vietnamese, Chinese, Shan, English
SENTENCES: list[tuple[str, str]] = _sentences()


def read_path(path: Path, options: ReaderOptions | None = None, **piece: object) -> list[Item]:
    """Everything ``read_piece`` yields for ``path`` (format from its name)."""
    detected = detect_format(str(path))
    assert detected is not None, path
    fmt, compression = detected
    whole = Piece(str(path), path.name, fmt, compression, **piece)  # type: ignore[arg-type]
    return list(read_piece(whole, options or ReaderOptions()))


def warc_record(warc_type: str, uri: str, block: bytes, content_type: str) -> bytes:
    """One WARC/1.0 record, written by hand the way crawlers write them."""
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode("ascii") + block + b"\r\n\r\n"


def http_response(status: int, content_type: str, body: bytes, extra: str = "") -> bytes:
    head = (
        f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


def response(uri: str, status: int, content_type: str, body: bytes, extra: str = "") -> bytes:
    """A WARC response record holding an HTTP response."""
    block = http_response(status, content_type, body, extra)
    return warc_record("response", uri, block, "application/http; msgtype=response")


def write_warc(path: Path, records: list[bytes]) -> list[int]:
    """Write the records (one gzip member each for ``.warc.gz``); returns each record's offset."""
    offsets, data = [], b""
    for record in records:
        offsets.append(len(data))
        data += gzip.compress(record) if path.name.endswith(".gz") else record
    path.write_bytes(data)
    return offsets
