"""The Ed25519 key that signs checkpoints, in the signed-note key formats (c2sp.org/signed-note).

A key has a name (the log's origin, e.g. ``seabridge.local/audit``) and an id: the first four bytes of
SHA-256(name || 0x0A || 0x01 || public key). The strings are those of Go's ``golang.org/x/mod/sumdb/note``
so that transparency-dev tools (witnesses, ``note.NewVerifier``) read our keys as they are:

- signing key (secret: a file only its owner reads): ``PRIVATE+KEY+<name>+<id hex>+<base64(0x01 || seed)>``
- verifier key (give it to auditors): ``<name>+<id hex>+<base64(0x01 || public key)>``

Ed25519 itself comes from ``cryptography``; key material never appears in ``repr`` or error messages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from seabridge.platform.secret_files import SecretFileError, read_secret_file, write_secret_file

ED25519 = 0x01  # the signed-note signature type byte for Ed25519
DEFAULT_KEY_NAME = "seabridge.local/audit"
_PRIVATE_PREFIX = "PRIVATE+KEY+"


class KeyFileError(ValueError):
    """A key string or file is missing, malformed or kept unsafely; the message says which and where."""


def check_key_name(name: str) -> str:
    """A note key name: non-empty, without Unicode spaces or ``+`` (the signed-note rule)."""
    if not name or "+" in name or any(char.isspace() for char in name):
        raise KeyFileError(f"key name {name!r} must be non-empty, without spaces or '+'")
    return name


def key_id(name: str, public_key: bytes) -> int:
    """SHA-256(name || 0x0A || 0x01 || public key)[:4] as a big-endian integer."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public_key).digest()
    return int.from_bytes(digest[:4], "big")


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class VerifierKey:
    """A public key and its name: checks checkpoint signatures."""

    name: str
    public_key: Ed25519PublicKey

    @property
    def key_id(self) -> int:
        return key_id(self.name, _raw_public(self.public_key))

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            self.public_key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def to_string(self) -> str:
        material = base64.b64encode(bytes([ED25519]) + _raw_public(self.public_key)).decode()
        return f"{self.name}+{self.key_id:08x}+{material}"

    @classmethod
    def from_string(cls, text: str, source: str = "verifier key") -> VerifierKey:
        if text.startswith(_PRIVATE_PREFIX):
            raise KeyFileError(f"{source} is a private signing key; give the public (verifier) key instead")
        name, key = _parse(text, source)
        return cls(name, Ed25519PublicKey.from_public_bytes(key))

    def __repr__(self) -> str:
        return f"VerifierKey({self.name}+{self.key_id:08x})"


@dataclass(frozen=True, repr=False)
class SigningKey:
    """A private Ed25519 key and its name; ``repr`` shows only the name and id."""

    name: str
    private_key: Ed25519PrivateKey

    def verifier(self) -> VerifierKey:
        return VerifierKey(self.name, self.private_key.public_key())

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)

    def to_string(self) -> str:
        seed = self.private_key.private_bytes_raw()
        material = base64.b64encode(bytes([ED25519]) + seed).decode()
        return f"{_PRIVATE_PREFIX}{self.name}+{self.verifier().key_id:08x}+{material}"

    @classmethod
    def from_string(cls, text: str, source: str = "signing key") -> SigningKey:
        if not text.startswith(_PRIVATE_PREFIX):
            raise KeyFileError(f"{source} is not a signing key (it should start with {_PRIVATE_PREFIX})")
        name, seed = _parse(text[len(_PRIVATE_PREFIX) :], source, private=True)
        return cls(name, Ed25519PrivateKey.from_private_bytes(seed))

    def __repr__(self) -> str:
        return f"SigningKey({self.verifier()!r})"


def _parse(text: str, source: str, *, private: bool = False) -> tuple[str, bytes]:
    """(name, 32 key bytes) from ``name+idhex+base64``, the id checked; errors never quote the key."""
    parts = text.strip().split("+", 2)  # the name has no '+'; base64 may
    if len(parts) != 3 or len(parts[1]) != 8:
        raise KeyFileError(f"{source} is not of the form name+id+key")
    name, id_hex, material = parts
    check_key_name(name)
    try:
        decoded = base64.b64decode(material, validate=True)
        expected_id = int(id_hex, 16)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{source}: the key is not valid base64 and hex") from None
    if len(decoded) != 33 or decoded[0] != ED25519:
        raise KeyFileError(f"{source} is not an Ed25519 key (type byte 0x01 and 32 bytes)")
    raw = decoded[1:]
    public = _raw_public(Ed25519PrivateKey.from_private_bytes(raw).public_key()) if private else raw
    if key_id(name, public) != expected_id:
        raise KeyFileError(f"{source}: the key id {id_hex} does not match the key")
    return name, raw


def generate_signing_key(name: str = DEFAULT_KEY_NAME) -> SigningKey:
    """A new key from the operating system's random source."""
    return SigningKey(check_key_name(name), Ed25519PrivateKey.generate())


def save_signing_key(key: SigningKey, path: Path, *, force: bool = False) -> None:
    """Write ``key`` to ``path`` readable by its owner only (0600), its folder created 0700; an existing key
    is never overwritten unless ``force`` (checkpoints it signed would no longer verify with the new one)."""
    try:
        write_secret_file(path, key.to_string() + "\n", what="audit signing key", force=force)
    except SecretFileError as exc:
        raise KeyFileError(str(exc)) from None


def load_signing_key(path: Path) -> SigningKey:
    """The key in ``path``, refused (as ssh refuses a private key) if group or others may read it."""
    hint = "create one with `seabridge govern audit keygen`"
    try:
        text = read_secret_file(path, what="audit signing key", missing_hint=hint)
    except SecretFileError as exc:
        raise KeyFileError(str(exc)) from None
    return SigningKey.from_string(text.strip(), str(path))


def load_or_create_signing_key(path: Path, name: str = DEFAULT_KEY_NAME) -> tuple[SigningKey, bool]:
    """The key in ``path``, made and saved first if there is none; the flag says whether it was made."""
    if path.exists():
        return load_signing_key(path), False
    key = generate_signing_key(name)
    try:
        save_signing_key(key, path)
    except KeyFileError:  # another process made it first
        return load_signing_key(path), False
    return key, True


def load_verifier_key(path: Path) -> VerifierKey:
    """A verifier key file (one line, as ``seabridge govern audit public-key`` prints it)."""
    if not path.is_file():
        raise KeyFileError(f"no public key file at {path}")
    return VerifierKey.from_string(_read_text(path), str(path))


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace").strip()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc.strerror})") from None
