"""Signed tree heads as transparency-dev checkpoints (c2sp.org/tlog-checkpoint) in signed notes
(c2sp.org/signed-note), so that tools of the transparency-log ecosystem (witnesses, monitors) can read them::

    seabridge.local/audit          origin: the log's identity, the signing key's name
    1024                           tree size
    lmmd4k6kSyt+Yd9L3IHk7dSmcyeTD6Tho4vD7j0zfQk=     root hash, base64
    timestamp 2025-01-31T12:00:00.000000Z            one extension line (see below)

    — seabridge.local/audit 1G5vQv…                  base64(key id (4 bytes) || Ed25519 signature)

The signature covers the note text (the body with its final newline). Deviation from the checkpoint
spec, on purpose: it discourages extension lines because log monitors cannot audit them; we add one,
``timestamp``, because an auditor asks *when* a head was signed, and the format has nowhere else for it.
It is informational: nothing is verified against it but the signature.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from seabridge.governance.audit.keys import SigningKey, VerifierKey, check_key_name
from seabridge.governance.audit.merkle import HASH_SIZE

_DASH = "\u2014"  # em dash: the signed-note signature line marker
_TIMESTAMP = "timestamp "
MAX_SIGNATURES = 16


class NoteError(ValueError):
    """A note or checkpoint is malformed, or not signed by the expected key; the message says which."""


@dataclass(frozen=True, slots=True)
class NoteSignature:
    name: str
    key_id: int
    signature: bytes


def _check_text(text: str) -> None:
    if not text.endswith("\n") or "\n\n" in text or text.startswith("\n"):
        raise NoteError("a note text is non-empty lines, each ending in a newline")
    if any(ord(char) < 0x20 and char != "\n" for char in text):
        raise NoteError("a note may not hold control characters other than newline")


def sign_note(text: str, key: SigningKey) -> str:
    """``text`` followed by a blank line and the key's signature line."""
    _check_text(text)
    blob = key.verifier().key_id.to_bytes(4, "big") + key.sign(text.encode())
    return f"{text}\n{_DASH} {key.name} {base64.b64encode(blob).decode()}\n"


def parse_note(note: str) -> tuple[str, list[NoteSignature]]:
    """The text and signatures of a note, unchecked; separated by the last blank line."""
    cut = note.rfind("\n\n")
    if cut < 0 or not note.endswith("\n"):
        raise NoteError("not a signed note: no blank line before the signatures, or no final newline")
    text, lines = note[: cut + 1], note[cut + 2 :].split("\n")[:-1]
    _check_text(text)
    if any(ord(char) < 0x20 and char != "\n" for char in note):
        raise NoteError("a note may not hold control characters other than newline")
    signatures = []
    for line in lines:
        fields = line.split(" ")
        if len(fields) != 3 or fields[0] != _DASH:
            raise NoteError(f"malformed signature line {line[:60]!r}")
        try:
            blob = base64.b64decode(fields[2], validate=True)
        except binascii.Error:
            raise NoteError(f"signature of {fields[1]!r} is not base64") from None
        if len(blob) < 5:
            raise NoteError(f"signature of {fields[1]!r} is too short")
        signatures.append(NoteSignature(fields[1], int.from_bytes(blob[:4], "big"), blob[4:]))
    if not signatures or len(signatures) > MAX_SIGNATURES:
        raise NoteError(f"a note has 1 to {MAX_SIGNATURES} signatures, not {len(signatures)}")
    return text, signatures


def open_note(note: str, verifier: VerifierKey) -> str:
    """The note's text if ``verifier``'s key signed it; signatures by other keys are ignored (as the spec
    says), but the note is refused if the key's own signature fails or is absent."""
    text, signatures = parse_note(note)
    ours = [s for s in signatures if s.name == verifier.name and s.key_id == verifier.key_id]
    if not ours:
        raise NoteError(f"not signed by {verifier.name}+{verifier.key_id:08x}")
    if not all(verifier.verify(s.signature, text.encode()) for s in ours):
        raise NoteError(f"the signature by {verifier.name}+{verifier.key_id:08x} does not verify")
    return text


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed tree head: log ``origin`` had ``size`` entries with Merkle root ``root`` at ``timestamp``."""

    origin: str
    size: int
    root: bytes
    timestamp: str | None
    note: str

    @property
    def text(self) -> str:
        return self.note[: self.note.rfind("\n\n") + 1]

    def verify(self, verifier: VerifierKey) -> None:
        """Raise ``NoteError`` unless ``verifier`` signed this checkpoint."""
        open_note(self.note, verifier)


def checkpoint_text(origin: str, size: int, root: bytes, timestamp: str | None = None) -> str:
    lines = [check_key_name(origin), str(size), base64.b64encode(root).decode()]
    if timestamp is not None:
        lines.append(_TIMESTAMP + timestamp)
    return "\n".join(lines) + "\n"


def sign_checkpoint(key: SigningKey, size: int, root: bytes, timestamp: str | None = None) -> Checkpoint:
    """The checkpoint of a tree head, signed by ``key``, whose name is the origin (as the spec advises)."""
    note = sign_note(checkpoint_text(key.name, size, root, timestamp), key)
    return Checkpoint(key.name, size, root, timestamp, note)


def parse_checkpoint(note: str) -> Checkpoint:
    """A checkpoint read from its note, signatures not checked (``Checkpoint.verify`` does that)."""
    text, _ = parse_note(note)
    lines = text.split("\n")[:-1]
    if len(lines) < 3:
        raise NoteError("a checkpoint has an origin, a tree size and a root hash")
    origin, size_text, root_text, *extensions = lines
    if not size_text.isascii() or not size_text.isdigit() or (size_text != "0" and size_text[0] == "0"):
        raise NoteError(f"tree size {size_text[:30]!r} is not a decimal number without leading zeros")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error:
        root = b""
    if len(root) != HASH_SIZE:
        raise NoteError("the root hash is not 32 bytes of base64")
    timestamp = next((line[len(_TIMESTAMP) :] for line in extensions if line.startswith(_TIMESTAMP)), None)
    return Checkpoint(origin, int(size_text), root, timestamp, note)
