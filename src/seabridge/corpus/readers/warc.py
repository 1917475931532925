"""WARC (``.warc``, ``.warc.gz``): web pages as documents, main text extracted from HTML.

FastWARC parses the records (gzip members included); Resiliparse detects encodings and extracts the main
content. Documents are ``response``, ``resource`` and ``conversion`` records (conversions are what WET
files are made of); ``request``, ``metadata``, ``warcinfo`` and ``revisit`` records are not documents.

FastWARC does not complain about a file cut short: it hands out the last record with fewer bytes than
its headers declare, or stops silently inside a gzip member (checked with FastWARC 2.0.1). So every
record's length is checked against what could be read, data left after the last record counts as
damage, and the first damage ends the file with one Quarantined at the offset where it begins.
"""

from __future__ import annotations

import codecs
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.encoding import bytes_to_str, detect_encoding, detect_mime

from seabridge.corpus.readers.lines import oversize_reason
from seabridge.corpus.records import FILE, OFFSET, PREVIEW_BYTES, Piece, Quarantined, ReaderOptions, Record

Item = Record | Quarantined

_DOCUMENTS = (WarcRecordType.response, WarcRecordType.resource, WarcRecordType.conversion)
_HTML = frozenset({"text/html", "application/xhtml+xml"})
_PLAIN = frozenset({"text/plain"})
_ZLIB_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}
_IDENTITY = frozenset({"", "identity", "none"})
_CHUNK = 1 << 16
_MAX_HEADER = 1 << 16


class _BrokenRecordError(Exception):
    """The file is damaged at this record; nothing after it can be trusted."""


def read_warc(piece: Piece, options: ReaderOptions) -> Iterator[Item]:
    """Documents of a WARC file, each at the byte offset of its record (of its gzip member if gzipped)."""
    try:
        file = Path(piece.path).open("rb")  # noqa: SIM115 - closed below, after the generator is done
    except OSError as error:
        yield Quarantined(piece.display, None, FILE, f"cannot open: {error}")
        return
    with file:
        records = ArchiveIterator(file, record_types=WarcRecordType.any_type)
        yield from _records(iter(records), piece, options.max_record_bytes)


def _records(records: Iterator[WarcRecord], piece: Piece, max_bytes: int) -> Iterator[Item]:
    source = piece.display
    last: tuple[int, int] | None = None  # offset and declared length of the last complete record
    while True:
        try:
            record = next(records)
        except StopIteration:
            yield from _check_tail(piece, last)
            return
        except (OSError, ValueError) as error:
            yield Quarantined(source, _damage_offset(piece, last), OFFSET, f"corrupt WARC: {error}")
            return
        try:
            item = _item(record, source, max_bytes)
        except _BrokenRecordError as error:
            yield Quarantined(source, record.stream_pos, OFFSET, str(error))
            return
        except OSError as error:  # decompression failed inside the record
            yield Quarantined(source, record.stream_pos, OFFSET, f"corrupt WARC record: {error}")
            return
        if item is not None:
            yield item
        last = (record.stream_pos, int(record.headers.get("Content-Length") or 0))


def _damage_offset(piece: Piece, last: tuple[int, int] | None) -> int:
    """Where damage after the last complete record begins: its end, else (if unclear) its start."""
    if last is None:
        return 0
    end = _end_of_record(piece, *last)
    return last[0] if end is None else end


def _check_tail(piece: Piece, last: tuple[int, int] | None) -> Iterator[Quarantined]:
    """FastWARC ends silently at a gzip member cut short: data left after the last record is damage."""
    end = _end_of_record(piece, *last) if last else 0
    try:
        with Path(piece.path).open("rb") as file:
            size = file.seek(0, io.SEEK_END)
            if end is None or end >= size:
                return
            file.seek(end)
            tail = file.read(_MAX_HEADER + 1)
    except OSError:
        return
    if len(tail) > _MAX_HEADER or tail.strip():
        reason = f"truncated or corrupt WARC data after the last record ({size - end} bytes)"
        yield Quarantined(piece.display, end, OFFSET, reason, tail[:PREVIEW_BYTES])


def _item(record: WarcRecord, source: str, max_bytes: int) -> Item | None:
    """The record as a document, a Quarantined, or None for a record that is not a document."""
    declared = record.headers.get("Content-Length", "").strip()
    if not declared.isdigit():
        raise _BrokenRecordError("truncated or corrupt WARC record header (no Content-Length)")
    length = record.content_length  # the payload after any HTTP headers
    kind = record.record_type
    if kind not in _DOCUMENTS:
        _check_complete(record.reader.consume(), length)
        if kind == WarcRecordType.unknown:
            reason = f"unknown WARC-Type {record.headers.get('WARC-Type')!r}"
            return Quarantined(source, record.stream_pos, OFFSET, reason)
        return None
    if length > max_bytes:
        preview = record.reader.read(PREVIEW_BYTES)
        _check_complete(len(preview) + record.reader.consume(), length)
        return Quarantined(source, record.stream_pos, OFFSET, oversize_reason(length, max_bytes), preview)
    body = record.reader.read(length)
    _check_complete(len(body), length)
    return _document(record, body, source, max_bytes)


def _check_complete(read: int, length: int) -> None:
    if read < length:
        raise _BrokenRecordError(f"truncated WARC record: {read} of {length} payload bytes")


def _document(record: WarcRecord, body: bytes, source: str, max_bytes: int) -> Item:
    position = record.stream_pos
    http = record.http_headers
    encoding = (http.get("Content-Encoding", "") if http is not None else "").strip().lower()
    if encoding not in _IDENTITY:
        decoded = _decode_content(body, encoding, max_bytes)
        if isinstance(decoded, str):
            return Quarantined(source, position, OFFSET, decoded, body[:PREVIEW_BYTES])
        body = decoded
    content_type, charset = _payload_type(record, body)
    if content_type in _HTML:
        html = _to_str(body, charset, html=True)
        text = extract_plain_text(html, main_content=True)
    elif content_type in _PLAIN:
        text = _to_str(body, charset, html=False)
    else:
        reason = f"unsupported payload type {content_type or '(none)'}"
        return Quarantined(source, position, OFFSET, reason, body[:PREVIEW_BYTES])
    return Record(text, source, position, OFFSET, _meta(record, content_type))


def _payload_type(record: WarcRecord, body: bytes) -> tuple[str, str | None]:
    """Content type (lower case, no parameters) and charset, from HTTP or else WARC headers."""
    if record.http_headers is not None and record.record_type == WarcRecordType.response:
        content_type, charset = record.http_content_type or "", record.http_charset
    else:
        header = record.headers.get("Content-Type", "")
        content_type, charset = header.split(";")[0], _charset_param(header)
    content_type = content_type.strip().lower()
    return content_type or detect_mime(body), charset


def _charset_param(header: str) -> str | None:
    for part in header.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None


def _to_str(body: bytes, charset: str | None, *, html: bool) -> str:
    """The body decoded with its declared charset, else the one detected (HTML meta tag or uchardet)."""
    encoding = charset or detect_encoding(body, from_html_meta=html)
    return bytes_to_str(body, encoding, errors="replace")


def _decode_content(body: bytes, encoding: str, max_bytes: int) -> bytes | str:
    """The body with its HTTP Content-Encoding undone (bounded), or why it cannot be."""
    wbits = _ZLIB_WBITS.get(encoding)
    if wbits is None:
        return f"unsupported Content-Encoding {encoding}"
    decompressor = zlib.decompressobj(wbits)
    try:
        data = decompressor.decompress(body, max_bytes + 1)
    except zlib.error as error:
        return f"corrupt {encoding} payload: {error}"
    if len(data) > max_bytes:
        return f"payload decompresses to more than max_record_bytes ({max_bytes})"
    return data


def _meta(record: WarcRecord, content_type: str) -> dict[str, object]:
    headers = record.http_headers
    return {
        "url": record.headers.get("WARC-Target-URI"),
        "date": record.headers.get("WARC-Date"),
        "warc_record_id": record.record_id,
        "content_type": content_type,
        "http_status": headers.status_code if headers is not None else None,
    }


def _end_of_record(piece: Piece, start: int, declared: int) -> int | None:
    """Where the record at ``start`` ends (where damage after it begins), or None if that is unclear."""
    try:
        with Path(piece.path).open("rb") as file:
            file.seek(start)
            if piece.compression == "gz":
                length = _gzip_member_length(file.read)
                return None if length is None else start + length
            head = file.read(_MAX_HEADER)
    except (OSError, zlib.error):
        return None
    end = head.find(b"\r\n\r\n")
    return None if end < 0 else start + end + 4 + declared + 4


def _gzip_member_length(read: Callable[[int], bytes]) -> int | None:
    """Compressed length of the gzip member at the current position, decompressing in bounded steps."""
    decompressor = zlib.decompressobj(31)
    fed = 0
    while not decompressor.eof:
        chunk = read(_CHUNK)
        if not chunk:
            return None
        fed += len(chunk)
        while chunk and not decompressor.eof:
            decompressor.decompress(chunk, _CHUNK)
            chunk = decompressor.unconsumed_tail
    return fed - len(decompressor.unused_data)
