"""Opening inputs as buffered byte streams, decompressing ``.gz`` and ``.zst`` on the way.

Every stream hands out data in bounded reads, so a decompression bomb costs time, never memory. Damage
must be *noticed*: ``gzip`` raises on a truncated member, but zstandard's stream reader simply ends when a
frame is cut off, and drops the good data decoded along with trailing garbage (both checked with
zstandard 0.25). So a zstd file's frame structure is walked first, and the stream raises
:class:`EOFError` (cut-off frame) or ``ZstdError`` (garbage) only after everything before it was read.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import BinaryIO

import zstandard

BUFFER_BYTES = 1 << 16

# What a damaged input can raise while it is read, beyond OSError (which covers gzip.BadGzipFile).
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, zstandard.ZstdError)

_ZSTD_MAGIC = 0xFD2FB528
_SKIPPABLE_MASK, _SKIPPABLE_MAGIC = 0xFFFFFFF0, 0x184D2A50
_ZSTD_MAX_HEADER = 18
_ZSTD_MAX_BLOCK = 128 * 1024
_RLE_BLOCK = 1


def open_stream(path: str, compression: str) -> BinaryIO:
    """A buffered binary stream (``readline``, ``read``, ``peek``) over the decompressed content.

    Closing it closes the file beneath.
    """
    if compression == "gz":
        return gzip.GzipFile(filename=path, mode="rb")  # type: ignore[return-value]
    if compression == "zst":
        with Path(path).open("rb", buffering=0) as unbuffered:  # the walk seeks; buffering would read it all
            end, problem, truncated = zstd_structure(unbuffered)  # type: ignore[arg-type]
        raw = Path(path).open("rb", buffering=BUFFER_BYTES)  # noqa: SIM115 - closed with the stream
        reader = _CheckedZstdReader(raw, end, problem, truncated)
        return io.BufferedReader(reader, BUFFER_BYTES)  # type: ignore[return-value]
    return Path(path).open("rb", buffering=BUFFER_BYTES)  # the caller closes it


def damage_reason(compression: str, error: BaseException) -> str:
    """A person's account of a stream that broke while being read."""
    kind = {"gz": "gzip", "zst": "zstd"}.get(compression, "")
    detail = str(error) or type(error).__name__
    if isinstance(error, EOFError):
        return f"truncated {kind} stream: {detail}" if kind else f"truncated file: {detail}"
    if kind:
        return f"corrupt {kind} stream: {detail}"
    return f"read error: {detail}"


class _CheckedZstdReader(io.RawIOBase):
    """zstandard's stream reader across frames, raising where it would silently stop short.

    It sees only the data up to ``end`` (where non-frame data begins, found by :func:`zstd_structure`),
    so that everything before is decoded; the problem is raised once the decoder has run dry.
    """

    def __init__(self, raw: BinaryIO, end: int, problem: str | None, truncated: bool) -> None:
        super().__init__()
        self._raw = raw
        self._problem, self._truncated = problem, truncated
        self._inner = zstandard.ZstdDecompressor().stream_reader(_Prefix(raw, end), read_across_frames=True)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._inner.readinto(buffer)
        if count == 0 and self._problem:
            raise EOFError(self._problem) if self._truncated else zstandard.ZstdError(self._problem)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Prefix:
    """The first ``end`` bytes of a file, for a reader that must not see what follows."""

    def __init__(self, raw: BinaryIO, end: int) -> None:
        self._raw = raw
        self._end = end

    def read(self, size: int = -1) -> bytes:
        left = self._end - self._raw.tell()
        if left <= 0:
            return b""
        return self._raw.read(left if size < 0 else min(size, left))


def zstd_structure(raw: BinaryIO) -> tuple[int, str | None, bool]:
    """Walk a zstd file's frames: ``(end of the decodable data, problem or None, whether truncated)``.

    Only frame and block headers are read (a seek per block), so the walk is cheap; the content itself
    is verified by the decoder.
    """
    size = raw.seek(0, io.SEEK_END)
    position = 0
    while position < size:
        raw.seek(position)
        head = raw.read(_ZSTD_MAX_HEADER)
        magic = int.from_bytes(head[:4], "little")
        if len(head) < 4 or (magic != _ZSTD_MAGIC and magic & _SKIPPABLE_MASK != _SKIPPABLE_MAGIC):
            if _ZSTD_MAGIC.to_bytes(4, "little").startswith(head):  # cut inside the magic number
                return size, f"stream ends inside a frame header at byte {position}", True
            return position, f"no zstd frame at byte {position}", False
        end = _zstd_frame_end(raw, position, head, size)
        if end is None:
            return size, f"stream ends inside the frame starting at byte {position}", True
        position = end
    return size, None, False


def _zstd_frame_end(raw: BinaryIO, start: int, head: bytes, size: int) -> int | None:
    """The offset just past the (possibly skippable) frame at ``start``; None if the file ends in it."""
    if int.from_bytes(head[:4], "little") != _ZSTD_MAGIC:
        end = start + 8 + int.from_bytes(head[4:8], "little")
        return end if len(head) >= 8 and end <= size else None
    try:
        position = start + zstandard.frame_header_size(head)
        has_checksum = zstandard.get_frame_parameters(head).has_checksum
    except zstandard.ZstdError:
        return None
    while True:
        raw.seek(position)
        block = raw.read(3)
        if len(block) < 3:
            return None
        value = int.from_bytes(block, "little")
        length = value >> 3
        if length > _ZSTD_MAX_BLOCK:
            return None
        position += 3 + (1 if (value >> 1) & 3 == _RLE_BLOCK else length)
        if position > size:
            return None
        if value & 1:  # last block
            break
    position += 4 if has_checksum else 0
    return position if position <= size else None
