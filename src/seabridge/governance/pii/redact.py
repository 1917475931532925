"""Replace the entities found in a text, leaving every other character exactly as it was.

Modes:

- ``placeholder`` writes ``<TYPE>`` (``<EMAIL>``, ``<PHONE>``), which keeps what kind of data stood there,
  for training text;
- ``mask`` writes one ``*`` per code point, which keeps the text's length, so offsets computed on the
  original (other spans, sentence bounds) stay valid;
- ``hash`` writes ``<TYPE:token>``, a keyed hash of the value: the same value gives the same token in every
  document and run under one master key, so records can still be joined and counted, and without the key a
  token cannot be traced back, not even by hashing every phone number there is;
- ``encrypt`` writes ``<TYPE:enc:…>``, the value encrypted; ``unredact`` restores the original text.

Tokens are written in the letters a–p (hexadecimal with ``a``-``p`` for ``0``-``f``), never digits or
capitals, so scanning redacted text finds nothing, as for placeholders, whatever recognisers are added: in
plain hex about one 64-bit token in 70,000 is sixteen digits the card recogniser rightly reports
(``<PHONE:4111111111111111>``; measured), and base64 can hold ``-0812345678_`` (a Thai phone) or
``S1234567D`` (an NRIC). The price is length: two letters per byte instead of base64's 1.33.
"""

from __future__ import annotations

import hmac
import unicodedata
from collections.abc import Sequence

import regex
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCMSIV

from seabridge.governance.crypto.keys import MasterKey
from seabridge.governance.pii.entities import Entity

MODES: tuple[str, ...] = ("placeholder", "mask", "hash", "encrypt")
KEYED_MODES = frozenset({"hash", "encrypt"})
MASK_CHAR = "*"
# 64 bits: distinct values collide with probability about n²/2⁶⁵ (n = 10⁸ values: 3 in 10,000), rare
# enough for joins and counts; secrecy rests on the key, not the length, and a longer token only lengthens
# the training text.
HASH_BYTES = 8
# AES-GCM-SIV (RFC 8452) with a fixed nonce is deterministic authenticated encryption: the same value gives
# the same token, as in hash mode (joins keep working, a re-run writes identical output), leaking which tokens
# are equal, which hash mode reveals anyway, and the value's length in UTF-8 bytes (the ciphertext is as long
# as the value plus a 16-byte tag; padding would hide it at the cost of longer tokens); a random nonce would
# add 12 bytes to every token.
_NONCE = bytes(12)
_TO_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
_FROM_LETTERS = str.maketrans("abcdefghijklmnop", "0123456789abcdef")
# An encrypted token as ``encrypt`` mode writes it: the type, and the ciphertext in the letters a-p.
ENCRYPTED_TOKEN = regex.compile(r"<([A-Z][A-Z0-9_]*):enc:([a-p]+)>")


class TokenError(ValueError):
    """An encrypted token that does not decrypt: another key, or an altered token."""


def redact(
    text: str, entities: Sequence[Entity], mode: str = "placeholder", *, keys: MasterKey | None = None
) -> str:
    """``text`` with each entity's span replaced according to ``mode``; ``hash`` and ``encrypt`` need the
    master key (``keys=load_master_key()``), from which they derive their own subkeys.

    Entities may come in any order but must lie within the text and not overlap (``scan`` guarantees both).
    """
    if mode not in MODES:
        raise ValueError(f"unknown redaction mode {mode!r}; valid modes: {', '.join(MODES)}")
    if mode in KEYED_MODES and keys is None:
        raise ValueError(f"redaction mode {mode!r} needs the master key: pass keys=load_master_key()")
    pieces: list[str] = []
    position = 0
    for entity in sorted(entities, key=lambda e: e.start):
        if not 0 <= entity.start <= entity.end <= len(text):
            raise ValueError(f"entity {entity} lies outside a text of {len(text)} characters")
        if entity.start < position:
            raise ValueError(f"entity {entity} overlaps the entity before it")
        pieces.append(text[position : entity.start])
        pieces.append(_replacement(entity.type, text[entity.start : entity.end], mode, keys))
        position = entity.end
    pieces.append(text[position:])
    return "".join(pieces)


def _replacement(entity_type: str, value: str, mode: str, keys: MasterKey | None) -> str:
    if mode == "placeholder":
        return f"<{entity_type}>"
    if mode == "mask":
        return MASK_CHAR * len(value)
    assert keys is not None  # checked by redact
    if mode == "hash":
        return f"<{entity_type}:{hash_token(value, keys)}>"
    return f"<{entity_type}:enc:{encrypt_token(entity_type, value, keys)}>"


def hash_token(value: str, keys: MasterKey) -> str:
    """HMAC-SHA256 of the NFC form of ``value`` under the ``pii-hmac`` subkey, first 64 bits, in letters."""
    data = unicodedata.normalize("NFC", value).encode("utf-8", "surrogatepass")
    digest = hmac.digest(keys.derive("pii-hmac"), data, "sha256")
    return digest[:HASH_BYTES].hex().translate(_TO_LETTERS)


def encrypt_token(entity_type: str, value: str, keys: MasterKey) -> str:
    """``value`` (exactly as written) sealed with AES-256-GCM-SIV, its type as associated data, in letters."""
    sealed = AESGCMSIV(keys.derive("pii-encrypt")).encrypt(
        _NONCE, value.encode("utf-8", "surrogatepass"), entity_type.encode()
    )
    return sealed.hex().translate(_TO_LETTERS)


def decrypt_token(entity_type: str, token: str, keys: MasterKey) -> str:
    """The value an ``encrypt`` token holds; TokenError if it was made under another key or altered."""
    try:
        sealed = bytes.fromhex(token.translate(_FROM_LETTERS))
        data = AESGCMSIV(keys.derive("pii-encrypt")).decrypt(_NONCE, sealed, entity_type.encode())
    except (ValueError, InvalidTag):
        raise TokenError(f"a {entity_type} token does not decrypt (another key, or altered)") from None
    return data.decode("utf-8", "surrogatepass")


def unredact(text: str, keys: MasterKey) -> str:
    """``text`` with every ``<TYPE:enc:…>`` token replaced by the value it holds: the exact original where
    ``encrypt`` mode redacted it. Placeholders, masks and hash tokens stay as they are (they are one-way)."""

    def restore(match: regex.Match[str]) -> str:
        try:
            return decrypt_token(match[1], match[2], keys)
        except TokenError as exc:
            raise TokenError(f"{exc} (at character {match.start()})") from None

    return ENCRYPTED_TOKEN.sub(restore, text)
