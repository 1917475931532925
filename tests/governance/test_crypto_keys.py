"""The master key: kept owner-only, found where the settings say, and turned into independent subkeys.

Expected subkeys come from an HKDF written here from RFC 5869 with ``hmac`` (itself checked on the RFC's
test case 1), not from the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stat
from pathlib import Path

import pytest

from seabridge.governance.crypto import (
    PURPOSES,
    MasterKey,
    MasterKeyError,
    generate_master_key,
    load_master_key,
    read_key_file,
    save_master_key,
)

MATERIAL = bytes(range(100, 132))
OTHER = bytes(range(200, 232))


def hkdf(ikm: bytes, info: bytes, length: int, digest: str = "sha256", salt: bytes = b"") -> bytes:
    """RFC 5869, by the text: extract with a zero salt of the hash's length when none is given, expand."""
    size = hashlib.new(digest).digest_size
    prk = hmac.new(salt or bytes(size), ikm, digest).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), digest).digest()
        out += block
        counter += 1
    return out[:length]


def test_reference_hkdf_matches_rfc5869_test_case_1() -> None:
    okm = hkdf(bytes([0x0B] * 22), bytes(range(0xF0, 0xFA)), 42, salt=bytes(range(13)))
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEABRIDGE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SEABRIDGE_MASTER_KEY", raising=False)
    monkeypatch.delenv("SEABRIDGE_MASTER_KEY_FILE", raising=False)


def write_key(path: Path, material: bytes, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(base64.b64encode(material).decode() + "\n")
    path.chmod(mode)
    return path


@pytest.mark.parametrize("purpose", ["pii-hmac", "pii-encrypt", "data-key-wrap"])
def test_sha256_subkeys_are_rfc5869_hkdf_with_the_purpose_as_info(purpose: str) -> None:
    key = MasterKey(MATERIAL)
    assert key.derive(purpose) == hkdf(MATERIAL, b"seabridge/v1/" + purpose.encode(), 32)


def test_sm4_wrapping_key_is_16_bytes_of_hkdf_sm3() -> None:
    if "sm3" not in hashlib.algorithms_available:
        pytest.skip("this OpenSSL has no SM3 in hashlib for the reference HKDF")
    assert MasterKey(MATERIAL).derive("data-key-wrap-sm4") == hkdf(
        MATERIAL, b"seabridge/v1/data-key-wrap-sm4", 16, "sm3"
    )


def test_subkeys_differ_by_purpose_and_key_and_are_stable() -> None:
    key, again, other = MasterKey(MATERIAL), MasterKey(MATERIAL), MasterKey(OTHER)
    subkeys = [key.derive(purpose) for purpose in PURPOSES]
    assert len(set(subkeys)) == len(PURPOSES)
    assert all(MATERIAL not in subkey for subkey in subkeys)
    assert subkeys == [again.derive(purpose) for purpose in PURPOSES]
    assert not set(subkeys) & {other.derive(purpose) for purpose in PURPOSES}
    with pytest.raises(ValueError, match="unknown key purpose"):
        key.derive("pii")


def test_key_id_is_a_digest_of_a_derived_value_never_of_the_key() -> None:
    key = MasterKey(MATERIAL)
    expected = hashlib.sha256(hkdf(MATERIAL, b"seabridge/v1/key-id", 32)).digest()[:8].hex()
    assert key.key_id == expected
    assert key.key_id != hashlib.sha256(MATERIAL).digest()[:8].hex()
    assert MasterKey(OTHER).key_id != key.key_id


def test_key_material_is_never_in_repr_or_str() -> None:
    key = MasterKey(MATERIAL, "test")
    shown = repr(key) + str(key) + repr([key])
    assert key.key_id in shown
    for form in (MATERIAL.hex(), base64.b64encode(MATERIAL).decode(), repr(MATERIAL)[2:20]):
        assert form not in shown


def test_saved_key_is_owner_only_and_loads_back(tmp_path: Path) -> None:
    key = generate_master_key()
    path = tmp_path / "new" / "keys" / "master.key"
    save_master_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(base64.b64decode(path.read_text().strip())) == 32
    loaded = read_key_file(path)
    assert loaded.key_id == key.key_id and loaded.derive("pii-hmac") == key.derive("pii-hmac")
    assert generate_master_key().key_id != key.key_id  # fresh randomness each time


def test_an_existing_key_is_overwritten_only_with_force(tmp_path: Path) -> None:
    path = write_key(tmp_path / "master.key", MATERIAL)
    with pytest.raises(MasterKeyError, match="already exists"):
        save_master_key(MasterKey(OTHER), path)
    assert read_key_file(path).key_id == MasterKey(MATERIAL).key_id
    save_master_key(MasterKey(OTHER), path, force=True)
    assert read_key_file(path).key_id == MasterKey(OTHER).key_id
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["master.key"]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660, 0o666, 0o700 | 0o004])
def test_a_key_file_others_can_read_is_refused_like_ssh(tmp_path: Path, mode: int) -> None:
    path = write_key(tmp_path / "master.key", MATERIAL, mode)
    with pytest.raises(MasterKeyError) as caught:
        read_key_file(path)
    message = str(caught.value)
    assert f"{mode:04o}" in message and "too open" in message and f"chmod 600 {path}" in message
    assert base64.b64encode(MATERIAL).decode() not in message


def test_environment_key_wins_over_the_key_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    file_key = write_key(tmp_path / "file.key", OTHER)
    monkeypatch.setenv("SEABRIDGE_MASTER_KEY_FILE", str(file_key))
    assert load_master_key().key_id == MasterKey(OTHER).key_id
    monkeypatch.setenv("SEABRIDGE_MASTER_KEY", base64.b64encode(MATERIAL).decode())
    loaded = load_master_key()
    assert loaded.key_id == MasterKey(MATERIAL).key_id
    assert loaded.source == "SEABRIDGE_MASTER_KEY"
    # a file named explicitly (``--key-file``) is what the user asked for, so it wins over both
    assert load_master_key(file_key).key_id == MasterKey(OTHER).key_id


def test_default_key_file_lives_under_seabridge_home(tmp_path: Path) -> None:
    write_key(tmp_path / "home" / "keys" / "master.key", MATERIAL)
    assert load_master_key().key_id == MasterKey(MATERIAL).key_id


def test_missing_key_says_where_it_looked_and_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(MasterKeyError) as caught:
        load_master_key()
    assert str(tmp_path / "home" / "keys" / "master.key") in str(caught.value)
    assert "seabridge govern keygen" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "not base64 at all!",
        base64.b64encode(MATERIAL[:16]).decode(),  # too short
        base64.b64encode(MATERIAL + b"\x00").decode(),  # too long
        "ก" * 44,
    ],
)
def test_malformed_keys_are_refused_without_quoting_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str
) -> None:
    monkeypatch.setenv("SEABRIDGE_MASTER_KEY", text)
    with pytest.raises(MasterKeyError) as from_env:
        load_master_key()
    path = tmp_path / "bad.key"
    path.write_text(text)
    path.chmod(0o600)
    with pytest.raises(MasterKeyError) as from_file:
        read_key_file(path)
    for caught, source in ((from_env, "SEABRIDGE_MASTER_KEY"), (from_file, str(path))):
        assert str(caught.value).startswith(source)
        assert text not in str(caught.value) and text[:8] not in str(caught.value)


def test_a_folder_is_not_a_key_file(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir(mode=0o700)
    with pytest.raises(MasterKeyError, match="not a regular file"):
        read_key_file(tmp_path / "dir")
