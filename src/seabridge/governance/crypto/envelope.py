"""Envelope encryption of files: a fresh data key per file, wrapped by the master key, sealing 64 KiB chunks.

Layout (integers big-endian)::

    header   "SBENC" | version 1 (1) | algorithm (1) | master key id (8) | chunk size (4)
             | nonce prefix (7) | wrap nonce (12) | wrapped data key (key size + 16-byte tag)
    chunks   each ``chunk size`` bytes of plaintext sealed with the data key (+ 16-byte tag); the last is
             shorter or empty (an empty file is one empty final chunk)

The data key is wrapped with AEAD under a key derived from the master key, with every header field before it
as associated data, so no header byte can change unnoticed. Chunk ``i`` is sealed with nonce
``prefix | i (4) | final (1)`` and associated data ``digest(header) | i (4) | final (1)``: the STREAM
construction (Hoang, Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and its Nonce-Reuse
Misuse-Resistance", CRYPTO 2015), as in Tink's streaming AEAD and age. ``cryptography`` has one-shot AEADs
only, no streaming AEAD, so this module writes the construction by hand over them; the position and the
final flag in every chunk are what make reordered, dropped, duplicated or cut-off chunks fail, and memory
stays bounded by two chunks for any file size.

``SM4-GCM`` (GB/T 32907 block cipher in GCM mode, GB/T 36624) uses SM4 for the data and for the wrap, under
a 16-byte wrapping key derived with HKDF-SM3, and SM3 for the header digest: a deployment that must use the
national algorithms (China's commercial-cryptography rules, GB/T 39786) then uses no other cipher or hash on
the path from master key to ciphertext.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from seabridge.governance.crypto.keys import MasterKey

MAGIC = b"SBENC"
VERSION = 1
AES_256_GCM = "AES-256-GCM"
SM4_GCM = "SM4-GCM"
CHUNK_SIZE = 64 * 1024
MAX_CHUNK_SIZE = 1 << 24  # a header cannot make a reader allocate more than this per chunk
SUFFIX = ".sbenc"
TAG_SIZE = 16
_FIXED = struct.Struct(">5sBB8sI7s12s")  # magic, version, algorithm, key id, chunk size, prefix, wrap nonce
_MAX_CHUNKS = 1 << 32  # the chunk counter has 4 bytes: 256 TiB at 64 KiB chunks


class Failure(StrEnum):
    """Why an envelope was refused."""

    NOT_ENVELOPE = "not-envelope"
    UNSUPPORTED = "unsupported"
    WRONG_KEY = "wrong-key"
    HEADER_ALTERED = "header-altered"
    CHUNK_AUTH = "chunk-auth"
    TRUNCATED = "truncated"
    TRAILING_DATA = "trailing-data"


class DecryptionError(Exception):
    """An envelope that does not decrypt: ``reason`` says why, ``chunk`` where (chunks count from 0)."""

    def __init__(self, name: str, reason: Failure, detail: str, chunk: int | None = None) -> None:
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.reason = reason
        self.chunk = chunk


class _Aead(Protocol):
    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes) -> bytes: ...
    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes) -> bytes: ...


class _Sm4Gcm:
    """SM4-GCM with ``AESGCM``'s interface; ``cryptography`` offers SM4 in GCM only through ``Cipher``."""

    def __init__(self, key: bytes) -> None:
        self._algorithm = algorithms.SM4(key)

    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes) -> bytes:
        encryptor = Cipher(self._algorithm, modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(associated_data)
        return encryptor.update(data) + encryptor.finalize() + encryptor.tag

    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes) -> bytes:
        if len(data) < TAG_SIZE:
            raise InvalidTag
        decryptor = Cipher(self._algorithm, modes.GCM(nonce, data[-TAG_SIZE:])).decryptor()
        decryptor.authenticate_additional_data(associated_data)
        return decryptor.update(data[:-TAG_SIZE]) + decryptor.finalize()  # finalize checks the tag


def _sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


@dataclass(frozen=True, slots=True)
class _Suite:
    code: int
    key_size: int
    aead: Callable[[bytes], _Aead]
    digest: Callable[[bytes], bytes]
    wrap_purpose: str


_SUITES: dict[str, _Suite] = {
    AES_256_GCM: _Suite(1, 32, AESGCM, lambda data: hashlib.sha256(data).digest(), "data-key-wrap"),
    SM4_GCM: _Suite(2, 16, _Sm4Gcm, _sm3, "data-key-wrap-sm4"),
}
ALGORITHMS: tuple[str, ...] = tuple(_SUITES)
_BY_CODE = {suite.code: name for name, suite in _SUITES.items()}


@dataclass(frozen=True, slots=True)
class Header:
    """An envelope's header: what a reader needs, with the data key still wrapped."""

    algorithm: str
    key_id: str
    chunk_size: int
    nonce_prefix: bytes
    wrap_nonce: bytes
    wrapped_key: bytes

    def fixed(self) -> bytes:
        """The fields before the wrapped key: the wrap's associated data."""
        return _FIXED.pack(
            MAGIC,
            VERSION,
            _SUITES[self.algorithm].code,
            bytes.fromhex(self.key_id),
            self.chunk_size,
            self.nonce_prefix,
            self.wrap_nonce,
        )

    def to_bytes(self) -> bytes:
        return self.fixed() + self.wrapped_key

    @property
    def envelope_id(self) -> str:
        """A name for this envelope that says nothing of its content: SHA-256 of the header (its random
        nonces and wrapped key make it unique per file), for audit entries that record who opened which
        file without naming the file (a path can hold a person's name)."""
        return hashlib.sha256(self.to_bytes()).hexdigest()[:32]


def suite_name(algorithm: str) -> str:
    """The canonical name of ``algorithm`` (case-insensitive), or ValueError listing the known ones."""
    for name in _SUITES:
        if name.lower() == algorithm.lower():
            return name
    raise ValueError(f"unknown algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")


def _chunk_nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


def _chunk_aad(digest: bytes, index: int, final: bool) -> bytes:
    return digest + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


def _read_full(reader: BinaryIO, size: int) -> bytes:
    """``size`` bytes, fewer only at the end of the stream (a pipe may return less per read)."""
    data = reader.read(size)
    if len(data) == size or not data:
        return data
    parts = [data]
    have = len(data)
    while have < size and (more := reader.read(size - have)):
        parts.append(more)
        have += len(more)
    return b"".join(parts)


def encrypt_stream(
    reader: BinaryIO,
    writer: BinaryIO,
    key: MasterKey,
    *,
    algorithm: str = AES_256_GCM,
    chunk_size: int = CHUNK_SIZE,
) -> Header:
    """Write the envelope of everything ``reader`` holds to ``writer``; returns the header written."""
    algorithm = suite_name(algorithm)
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk size must be 1 to {MAX_CHUNK_SIZE} bytes, not {chunk_size}")
    suite = _SUITES[algorithm]
    data_key = secrets.token_bytes(suite.key_size)
    prefix, wrap_nonce = secrets.token_bytes(7), secrets.token_bytes(12)
    unwrapped = Header(algorithm, key.key_id, chunk_size, prefix, wrap_nonce, b"")
    wrapper = suite.aead(key.derive(suite.wrap_purpose))
    wrapped = wrapper.encrypt(unwrapped.wrap_nonce, data_key, unwrapped.fixed())
    header = replace(unwrapped, wrapped_key=wrapped)
    raw = header.to_bytes()
    writer.write(raw)
    digest, sealer = suite.digest(raw), suite.aead(data_key)
    chunk, index = _read_full(reader, chunk_size), 0
    while True:
        following = _read_full(reader, chunk_size) if len(chunk) == chunk_size else b""
        final = not following
        nonce = _chunk_nonce(header.nonce_prefix, index, final)
        writer.write(sealer.encrypt(nonce, chunk, _chunk_aad(digest, index, final)))
        if final:
            return header
        chunk, index = following, index + 1
        if index >= _MAX_CHUNKS:
            raise ValueError(f"input too large: more than {_MAX_CHUNKS} chunks of {chunk_size} bytes")


def read_header(reader: BinaryIO, name: str = "<stream>") -> tuple[Header, bytes]:
    """The header at the start of ``reader`` and its raw bytes; DecryptionError if there is none."""
    fixed = _read_full(reader, _FIXED.size)
    if fixed[: len(MAGIC)] != MAGIC:
        raise DecryptionError(name, Failure.NOT_ENVELOPE, "not a seabridge envelope (no SBENC header)")
    if len(fixed) < _FIXED.size:
        raise DecryptionError(name, Failure.TRUNCATED, "truncated inside the header")
    _, version, code, key_id, chunk_size, prefix, wrap_nonce = _FIXED.unpack(fixed)
    if version != VERSION:
        raise DecryptionError(
            name, Failure.UNSUPPORTED, f"format version {version} is not supported (this seabridge reads 1)"
        )
    if code not in _BY_CODE:
        raise DecryptionError(name, Failure.UNSUPPORTED, f"unknown algorithm number {code} in the header")
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise DecryptionError(name, Failure.HEADER_ALTERED, f"header altered: chunk size {chunk_size}")
    algorithm = _BY_CODE[code]
    wrapped = _read_full(reader, _SUITES[algorithm].key_size + TAG_SIZE)
    if len(wrapped) < _SUITES[algorithm].key_size + TAG_SIZE:
        raise DecryptionError(name, Failure.TRUNCATED, "truncated inside the header")
    return Header(algorithm, key_id.hex(), chunk_size, prefix, wrap_nonce, wrapped), fixed + wrapped


def decrypt_stream(reader: BinaryIO, writer: BinaryIO, key: MasterKey, name: str = "<stream>") -> Header:
    """Write the plaintext of the envelope in ``reader`` to ``writer``, one authenticated chunk at a time.

    On DecryptionError, what was written so far is authentic but incomplete: discard it (``decrypt_file``
    does). ``name`` is what the error messages call the input.
    """
    header, raw = read_header(reader, name)
    if header.key_id != key.key_id:
        raise DecryptionError(
            name,
            Failure.WRONG_KEY,
            f"wrong master key: encrypted under key {header.key_id}, but the key in use ({key.source}) "
            f"is {key.key_id}",
        )
    suite = _SUITES[header.algorithm]
    try:
        data_key = suite.aead(key.derive(suite.wrap_purpose)).decrypt(
            header.wrap_nonce, header.wrapped_key, raw[: _FIXED.size]
        )
    except InvalidTag:
        raise DecryptionError(
            name, Failure.HEADER_ALTERED, "header altered: the data key does not authenticate"
        ) from None
    digest, opener = suite.digest(raw), suite.aead(data_key)
    size = header.chunk_size + TAG_SIZE
    sealed, index = _read_full(reader, size), 0
    while True:
        following = _read_full(reader, size) if len(sealed) == size else b""
        final = not following
        writer.write(_open_chunk(opener, header, digest, index, sealed, final, name))
        if final:
            return header
        sealed, index = following, index + 1
        if index >= _MAX_CHUNKS:
            raise DecryptionError(name, Failure.TRAILING_DATA, "more chunks than the format allows", index)


def _open_chunk(
    opener: _Aead, header: Header, digest: bytes, index: int, sealed: bytes, final: bool, name: str
) -> bytes:
    """One chunk's plaintext; on failure, the other final flag tells a cut or extended file from an altered
    chunk (a chunk that opens as non-final at the end means the rest was cut off)."""

    def attempt(as_final: bool) -> bytes:
        nonce = _chunk_nonce(header.nonce_prefix, index, as_final)
        return opener.decrypt(nonce, sealed, _chunk_aad(digest, index, as_final))

    if not sealed:
        raise DecryptionError(name, Failure.TRUNCATED, "truncated after the header (no chunks)", 0)
    with contextlib.suppress(InvalidTag):
        return attempt(final)
    with contextlib.suppress(InvalidTag):
        attempt(not final)
        if final:
            raise DecryptionError(name, Failure.TRUNCATED, f"truncated after chunk {index}", index)
        raise DecryptionError(name, Failure.TRAILING_DATA, f"data after the final chunk {index}", index)
    raise DecryptionError(
        name,
        Failure.CHUNK_AUTH,
        f"chunk {index} failed authentication (altered, moved, or the file was cut inside it)",
        index,
    )


def encrypt_file(
    source: Path, target: Path, key: MasterKey, *, algorithm: str = AES_256_GCM, chunk_size: int = CHUNK_SIZE
) -> Header:
    """Encrypt ``source`` into ``target`` (replaced only once complete)."""
    with source.open("rb") as reader, _replacing(target) as writer:
        return encrypt_stream(reader, writer, key, algorithm=algorithm, chunk_size=chunk_size)


def decrypt_file(source: Path, target: Path, key: MasterKey) -> Header:
    """Decrypt ``source`` into ``target``, which appears only after the last chunk authenticates: a failed
    decryption never leaves partial plaintext under ``target``."""
    with source.open("rb") as reader, _replacing(target) as writer:
        return decrypt_stream(reader, writer, key, str(source))


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[BinaryIO]:
    """A temporary file (0600) beside ``target``, renamed to it on success and removed on failure."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as writer:
            yield writer
            writer.flush()
            os.fsync(writer.fileno())
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
