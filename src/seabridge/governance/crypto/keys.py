"""The master key: made, kept (owner-only file or ``SEABRIDGE_MASTER_KEY``), and turned into purpose keys.

The master key never encrypts anything itself. HKDF (RFC 5869) derives one subkey per purpose, so the key
that wraps data keys, the key that hashes personal data and the key that encrypts it are independent: a
token leaked from one use says nothing about another. A key is known by its id (a digest of a derived
value, never of the key itself), which envelopes record so that a wrong key is named as such.

Key material never appears in ``repr``, logs or error messages; errors say which file and what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from seabridge.platform.secret_files import SecretFileError, read_secret_file, write_secret_file
from seabridge.platform.settings import Settings, get_settings

KEY_SIZE = 32  # bytes: the master key is 256 random bits
# Purposes and the length of their subkey. The SM4 wrapping key is derived with HKDF-SM3, so that a
# deployment held to the national algorithms (GB/T 39786) uses SM3/SM4 from master key to ciphertext.
PURPOSES: dict[str, int] = {
    "pii-hmac": 32,
    "pii-encrypt": 32,
    "audit-digest": 32,  # digests in audit entries: apart from pii-hmac, so they cannot be linked to tokens
    "data-key-wrap": 32,
    "data-key-wrap-sm4": 16,
    "key-id": 32,
}
_SM3_PURPOSES = frozenset({"data-key-wrap-sm4"})
_INFO_PREFIX = b"seabridge/v1/"


class MasterKeyError(Exception):
    """The master key is missing, unreadable, malformed or kept unsafely; the message says which and where."""


class MasterKey:
    """256 bits of key material and where they came from; ``repr`` shows only the key id and the source."""

    __slots__ = ("_derived", "_material", "key_id", "source")

    def __init__(self, material: bytes, source: str = "memory") -> None:
        if len(material) != KEY_SIZE:
            raise MasterKeyError(f"{source}: a master key is {KEY_SIZE} bytes, not {len(material)}")
        self._material = bytes(material)
        self._derived: dict[str, bytes] = {}
        self.source = source
        self.key_id: str = hashlib.sha256(self.derive("key-id")).digest()[:8].hex()

    def derive(self, purpose: str) -> bytes:
        """The subkey for ``purpose`` (one of :data:`PURPOSES`): HKDF with info ``seabridge/v1/<purpose>``."""
        key = self._derived.get(purpose)
        if key is None:
            if purpose not in PURPOSES:
                raise ValueError(f"unknown key purpose {purpose!r}; known: {', '.join(PURPOSES)}")
            algorithm = hashes.SM3() if purpose in _SM3_PURPOSES else hashes.SHA256()
            hkdf = HKDF(algorithm, PURPOSES[purpose], salt=None, info=_INFO_PREFIX + purpose.encode())
            key = self._derived[purpose] = hkdf.derive(self._material)
        return key

    def encoded(self) -> str:
        """The key as one line of base64, the form of the key file and of ``SEABRIDGE_MASTER_KEY``."""
        return base64.b64encode(self._material).decode("ascii")

    def __repr__(self) -> str:
        return f"MasterKey(id={self.key_id}, source={self.source})"

    __str__ = __repr__


def generate_master_key() -> MasterKey:
    """A new master key from the operating system's random source."""
    return MasterKey(secrets.token_bytes(KEY_SIZE), "new key")


def save_master_key(key: MasterKey, path: Path, *, force: bool = False) -> None:
    """Write ``key`` to ``path`` readable by its owner only (0600), its folder created 0700; an existing file
    is never overwritten unless ``force``: data encrypted under it would become unreadable."""
    try:
        write_secret_file(path, key.encoded() + "\n", what="master key", force=force)
    except SecretFileError as exc:
        raise MasterKeyError(str(exc)) from None


def load_master_key(key_file: Path | None = None, settings: Settings | None = None) -> MasterKey:
    """The master key: from ``key_file`` if given, else ``SEABRIDGE_MASTER_KEY``, else the settings' file."""
    settings = settings or get_settings()
    if key_file is None and settings.master_key is not None:
        return _decode(settings.master_key.get_secret_value(), "SEABRIDGE_MASTER_KEY")
    return read_key_file(key_file or settings.master_key_path())


def read_key_file(path: Path) -> MasterKey:
    """The key in ``path``, refused (like ssh refuses a private key) if group or others may read it."""
    hint = (
        "create one with `seabridge govern keygen`, or set SEABRIDGE_MASTER_KEY or SEABRIDGE_MASTER_KEY_FILE"
    )
    try:
        text = read_secret_file(path, what="master key", missing_hint=hint)
    except SecretFileError as exc:
        raise MasterKeyError(str(exc)) from None
    return _decode(text, str(path))


def _decode(text: str, source: str) -> MasterKey:
    """A key from its base64 form; the error names the source and never quotes what was there."""
    try:
        material = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise MasterKeyError(f"{source}: the master key is not valid base64") from None
    if len(material) != KEY_SIZE:
        raise MasterKeyError(f"{source}: a master key is {KEY_SIZE} bytes of base64, not {len(material)}")
    return MasterKey(material, source)
