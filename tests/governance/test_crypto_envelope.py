"""Envelopes round-trip any size with either algorithm, and refuse every change with the right reason.

Expected lengths and offsets are worked out from the layout in ``envelope.py``'s docstring: a header of
38 bytes plus the wrapped data key (key + 16-byte tag: 48 bytes for AES-256, 32 for SM4), then one
16-byte tag per chunk, the last chunk shorter than the others or (for an empty input) empty.
"""

from __future__ import annotations

import hashlib
import io
import struct
import tracemalloc
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seabridge.governance.crypto import (
    AES_256_GCM,
    SM4_GCM,
    DecryptionError,
    Failure,
    MasterKey,
    decrypt_file,
    decrypt_stream,
    encrypt_file,
    encrypt_stream,
)

KEY = MasterKey(bytes(range(32)), "test key")
OTHER_KEY = MasterKey(bytes(range(1, 33)), "other key")
HEADER = {AES_256_GCM: 38 + 32 + 16, SM4_GCM: 38 + 16 + 16}
BOTH = [AES_256_GCM, SM4_GCM]
SMALL = 64  # chunk size for the tampering tests: many chunks from little data
FULL = SMALL + 16


def seal(data: bytes, algorithm: str = AES_256_GCM, chunk_size: int = SMALL, key: MasterKey = KEY) -> bytes:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, key, algorithm=algorithm, chunk_size=chunk_size)
    return out.getvalue()


def unseal(envelope: bytes, key: MasterKey = KEY) -> bytes:
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(envelope), out, key, "sample.sbenc")
    return out.getvalue()


def refusal(envelope: bytes, key: MasterKey = KEY) -> DecryptionError:
    with pytest.raises(DecryptionError) as caught:
        unseal(envelope, key)
    assert str(caught.value).startswith("sample.sbenc: ")
    return caught.value


def chunks_of(size: int, chunk_size: int) -> int:
    return max(1, -(-size // chunk_size))


def data_of(size: int) -> bytes:
    return bytes((i * 7 + i // 251) % 256 for i in range(size))


@pytest.mark.parametrize("algorithm", BOTH)
@pytest.mark.parametrize("size", [0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 3 * SMALL + 5])
def test_round_trip_and_length_at_chunk_edges(algorithm: str, size: int) -> None:
    data = data_of(size)
    envelope = seal(data, algorithm)
    assert len(envelope) == HEADER[algorithm] + size + 16 * chunks_of(size, SMALL)
    assert unseal(envelope) == data


@pytest.mark.parametrize("algorithm", BOTH)
@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 3 * 1024 * 1024 + 7])
def test_file_round_trip_with_default_64k_chunks(algorithm: str, size: int, tmp_path: Path) -> None:
    data = data_of(size) if size < 100_000 else hashlib.shake_256(b"seed").digest(size)
    plain, sealed, back = tmp_path / "data.bin", tmp_path / "data.bin.sbenc", tmp_path / "back.bin"
    plain.write_bytes(data)
    header = encrypt_file(plain, sealed, KEY, algorithm=algorithm)
    assert (header.algorithm, header.key_id, header.chunk_size) == (algorithm, KEY.key_id, 65536)
    assert sealed.stat().st_size == HEADER[algorithm] + size + 16 * chunks_of(size, 65536)
    decrypt_file(sealed, back, KEY)
    assert back.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["back.bin", "data.bin", "data.bin.sbenc"]


def test_ciphertext_hides_the_data_and_every_encryption_differs() -> None:
    data = b"somchai@example.co.th " * 20
    first, second = seal(data), seal(data)
    assert b"somchai" not in first and first != second
    assert first[:15] == b"SBENC\x01\x01" + bytes.fromhex(KEY.key_id)
    assert unseal(first) == unseal(second) == data


@pytest.mark.parametrize("algorithm", BOTH)
def test_independent_gcm_call_opens_the_first_chunk(algorithm: str) -> None:
    """Reads the layout by hand and opens chunk 0 with a separate cipher call: the SM4 path really is
    SM4-GCM (AES-128-GCM under the same 16-byte key fails) and the AES path AES-256-GCM."""
    data = b"chunk zero data!" * 4 + b"and the final chunk"
    envelope = seal(data, algorithm)
    key_size = 32 if algorithm == AES_256_GCM else 16
    fixed, wrapped = envelope[:38], envelope[38 : 38 + key_size + 16]
    magic, version, code, _, chunk_size, prefix, wrap_nonce = struct.unpack(">5sBB8sI7s12s", fixed)
    assert (magic, version, code, chunk_size) == (b"SBENC", 1, 1 if algorithm == AES_256_GCM else 2, SMALL)
    header = envelope[: 38 + key_size + 16]
    first = envelope[len(header) : len(header) + SMALL + 16]
    nonce = prefix + b"\x00\x00\x00\x00" + b"\x00"  # chunk 0, not final
    if algorithm == AES_256_GCM:
        data_key = AESGCM(KEY.derive("data-key-wrap")).decrypt(wrap_nonce, wrapped, fixed)
        aad = hashlib.sha256(header).digest() + b"\x00\x00\x00\x00\x00"
        assert AESGCM(data_key).decrypt(nonce, first, aad) == data[:SMALL]
        return
    data_key = sm4_gcm_open(KEY.derive("data-key-wrap-sm4"), wrap_nonce, wrapped, fixed)
    assert len(data_key) == 16
    digest = hashes.Hash(hashes.SM3())
    digest.update(header)
    aad = digest.finalize() + b"\x00\x00\x00\x00\x00"
    assert sm4_gcm_open(data_key, nonce, first, aad) == data[:SMALL]
    with pytest.raises(InvalidTag):
        AESGCM(data_key).decrypt(nonce, first, aad)


def sm4_gcm_open(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, sealed[-16:])).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(sealed[:-16]) + decryptor.finalize()


def header_reason(offset: int) -> Failure:
    """What a header byte at ``offset`` with its lowest bit flipped must be refused as, by its field."""
    if offset < 5:
        return Failure.NOT_ENVELOPE
    if offset in (5, 6):  # version 1 -> 0; algorithm 1 -> 0 or 2 -> 3: numbers this format does not know
        return Failure.UNSUPPORTED
    if offset < 15:
        return Failure.WRONG_KEY  # the key id no longer names the key in use
    return Failure.HEADER_ALTERED  # chunk size, nonce prefix, wrap nonce, wrapped key: the wrap fails


@pytest.mark.parametrize("algorithm", BOTH)
def test_every_header_byte_is_protected(algorithm: str) -> None:
    envelope = seal(data_of(150), algorithm)
    for offset in range(HEADER[algorithm]):
        altered = bytearray(envelope)
        altered[offset] ^= 0x01
        error = refusal(bytes(altered))
        assert error.reason == header_reason(offset), offset


def test_switching_the_algorithm_field_to_the_other_algorithm_is_caught() -> None:
    for algorithm, other_code in ((AES_256_GCM, 2), (SM4_GCM, 1)):
        altered = bytearray(seal(data_of(150), algorithm))
        altered[6] = other_code
        assert refusal(bytes(altered)).reason == Failure.HEADER_ALTERED


@pytest.mark.parametrize("algorithm", BOTH)
def test_every_chunk_byte_is_protected_and_the_chunk_is_named(algorithm: str) -> None:
    envelope = seal(data_of(3 * SMALL + 10), algorithm)  # chunks 0, 1, 2 full, chunk 3 of 10 bytes
    start = HEADER[algorithm]
    for offset in range(start, len(envelope)):
        altered = bytearray(envelope)
        altered[offset] ^= 0x80
        error = refusal(bytes(altered))
        chunk = (offset - start) // FULL
        assert (error.reason, error.chunk) == (Failure.CHUNK_AUTH, chunk), offset
        assert f"chunk {chunk} failed authentication" in str(error)


@pytest.mark.parametrize("algorithm", BOTH)
@pytest.mark.parametrize("size", [3 * SMALL, 3 * SMALL + 10])
def test_truncation_anywhere_is_refused(algorithm: str, size: int) -> None:
    envelope = seal(data_of(size), algorithm)
    start = HEADER[algorithm]
    for length in range(len(envelope)):
        error = refusal(envelope[:length])
        if length < 5:
            assert error.reason == Failure.NOT_ENVELOPE, length
        elif length <= start:
            assert error.reason == Failure.TRUNCATED and "header" in str(error), length
        elif (length - start) % FULL == 0:  # cut at a chunk boundary: the chunk before opens, as non-final
            chunk = (length - start) // FULL - 1
            assert (error.reason, error.chunk) == (Failure.TRUNCATED, chunk), length
            assert f"truncated after chunk {chunk}" in str(error)
        else:  # cut inside a chunk
            assert (error.reason, error.chunk) == (Failure.CHUNK_AUTH, (length - start) // FULL), length


def split(envelope: bytes, algorithm: str) -> tuple[bytes, list[bytes]]:
    start = HEADER[algorithm]
    body = envelope[start:]
    return envelope[:start], [body[i : i + FULL] for i in range(0, len(body), FULL)]


@pytest.mark.parametrize("algorithm", BOTH)
def test_reordered_duplicated_and_dropped_chunks_are_refused(algorithm: str) -> None:
    header, chunks = split(seal(data_of(3 * SMALL + 10), algorithm), algorithm)
    assert len(chunks) == 4 and len(chunks[3]) == 26
    cases = {
        "swap 0 and 1": ([chunks[1], chunks[0], chunks[2], chunks[3]], Failure.CHUNK_AUTH, 0),
        "swap 1 and 2": ([chunks[0], chunks[2], chunks[1], chunks[3]], Failure.CHUNK_AUTH, 1),
        "duplicate 1": ([chunks[0], chunks[1], chunks[1], chunks[2], chunks[3]], Failure.CHUNK_AUTH, 2),
        "drop 1": ([chunks[0], chunks[2], chunks[3]], Failure.CHUNK_AUTH, 1),
        "drop the final chunk": (chunks[:3], Failure.TRUNCATED, 2),
        "final chunk twice": ([*chunks, chunks[3]], Failure.CHUNK_AUTH, 3),
        "final chunk first": ([chunks[3], *chunks[:3]], Failure.CHUNK_AUTH, 0),
    }
    for name, (order, reason, chunk) in cases.items():
        error = refusal(header + b"".join(order))
        assert (error.reason, error.chunk) == (reason, chunk), name


@pytest.mark.parametrize("algorithm", BOTH)
def test_data_after_a_full_final_chunk_is_refused(algorithm: str) -> None:
    envelope = seal(data_of(2 * SMALL), algorithm)  # two full chunks, the second final
    _, chunks = split(envelope, algorithm)
    for extra in (b"x", chunks[1], chunks[0]):
        error = refusal(envelope + extra)
        assert (error.reason, error.chunk) == (Failure.TRAILING_DATA, 1)


@pytest.mark.parametrize("algorithm", BOTH)
def test_wrong_master_key_is_named_with_both_key_ids(algorithm: str) -> None:
    error = refusal(seal(b"secret", algorithm), OTHER_KEY)
    assert error.reason == Failure.WRONG_KEY
    assert KEY.key_id in str(error) and OTHER_KEY.key_id in str(error) and "other key" in str(error)


@pytest.mark.parametrize("algorithm", BOTH)
def test_a_key_id_forged_to_match_another_key_does_not_open(algorithm: str) -> None:
    altered = bytearray(seal(b"secret", algorithm))
    altered[7:15] = bytes.fromhex(OTHER_KEY.key_id)
    assert refusal(bytes(altered), OTHER_KEY).reason == Failure.HEADER_ALTERED


@pytest.mark.parametrize("algorithm", BOTH)
def test_another_files_header_does_not_open_these_chunks(algorithm: str) -> None:
    mine, theirs = seal(data_of(100), algorithm), seal(data_of(100), algorithm)
    start = HEADER[algorithm]
    error = refusal(theirs[:start] + mine[start:])
    assert (error.reason, error.chunk) == (Failure.CHUNK_AUTH, 0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", Failure.NOT_ENVELOPE),
        (b"SBEN", Failure.NOT_ENVELOPE),
        (b"PK\x03\x04 a zip file, not an envelope at all", Failure.NOT_ENVELOPE),
        (b"SBENC", Failure.TRUNCATED),
        (b"SBENC\x02" + bytes(100), Failure.UNSUPPORTED),  # a later format version
        (b"SBENC\x01\x09" + bytes(100), Failure.UNSUPPORTED),  # an algorithm number not assigned
    ],
)
def test_things_that_are_not_envelopes(data: bytes, reason: Failure) -> None:
    assert refusal(data).reason == reason


def test_failed_file_decryption_leaves_no_output_and_keeps_an_existing_one(tmp_path: Path) -> None:
    plain, sealed, target = tmp_path / "a.bin", tmp_path / "a.bin.sbenc", tmp_path / "out.bin"
    plain.write_bytes(data_of(200_000))
    encrypt_file(plain, sealed, KEY)
    altered = bytearray(sealed.read_bytes())
    altered[-5] ^= 1  # in the last of four chunks: three decrypt before the failure
    sealed.write_bytes(altered)
    with pytest.raises(DecryptionError) as caught:
        decrypt_file(sealed, target, KEY)
    assert (caught.value.reason, caught.value.chunk) == (Failure.CHUNK_AUTH, 3)
    assert str(caught.value).startswith(str(sealed))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "a.bin.sbenc"]
    target.write_bytes(b"previous")
    with pytest.raises(DecryptionError):
        decrypt_file(sealed, target, KEY)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "a.bin.sbenc", "out.bin"]


class Zeros(io.RawIOBase):
    """``size`` zero bytes, made as they are read: a large input that never sits in memory."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


class Sink(io.RawIOBase):
    def __init__(self) -> None:
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.written += len(data)
        return len(data)


@pytest.mark.parametrize("algorithm", BOTH)
def test_memory_stays_bounded_by_the_chunk_size(algorithm: str) -> None:
    size = 24 * 1024 * 1024
    sink = Sink()
    tracemalloc.start()
    try:
        encrypt_stream(Zeros(size), sink, KEY, algorithm=algorithm)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sink.written == HEADER[algorithm] + size + 16 * (size // 65536)
    assert peak < 1024 * 1024, peak  # a few 64 KiB chunks, not the 24 MiB input


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(1, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 40)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.binary(min_size=1, max_size=40)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
)
FUZZ_DATA = data_of(150)
FUZZ_ENVELOPES = {algorithm: seal(FUZZ_DATA, algorithm) for algorithm in BOTH}


def mutate(envelope: bytes, steps: list[tuple[str, int, object]]) -> bytes:
    data = bytearray(envelope)
    for kind, position, value in steps:
        at = position % (len(data) + 1)
        if kind == "flip" and at < len(data):
            data[at] ^= value  # type: ignore[operator]
        elif kind == "delete":
            del data[at : at + value]  # type: ignore[operator]
        elif kind == "insert":
            data[at:at] = value  # type: ignore[assignment]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(algorithm=st.sampled_from(BOTH), steps=st.lists(mutation, min_size=1, max_size=4))
def test_fuzz_any_change_is_refused_and_only_with_decryption_error(
    algorithm: str, steps: list[tuple[str, int, object]]
) -> None:
    envelope = FUZZ_ENVELOPES[algorithm]
    changed = mutate(envelope, steps)
    try:
        plain = unseal(changed)
    except DecryptionError:
        assert changed != envelope
        return
    assert changed == envelope and plain == FUZZ_DATA


@settings(max_examples=200, deadline=None)
@given(junk=st.binary(max_size=300))
def test_fuzz_arbitrary_bytes_never_raise_anything_else(junk: bytes) -> None:
    for prefix in (b"", b"SBENC", b"SBENC\x01\x01", FUZZ_ENVELOPES[AES_256_GCM][:15]):
        with pytest.raises(DecryptionError):
            unseal(prefix + junk)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown algorithm 'DES'"):
        seal(b"x", "DES")
    with pytest.raises(ValueError, match="chunk size"):
        seal(b"x", chunk_size=0)
    assert unseal(seal(b"lower-case names work", "sm4-gcm")) == b"lower-case names work"
