"""The tamper-evident audit log: every policy decision and every data access, in an append-only Merkle log.

Entries are canonical JSON lines hashed into an RFC 6962 Merkle tree (:mod:`.merkle`); the log's head is
signed as a transparency-dev checkpoint with an Ed25519 key (:mod:`.checkpoint`, :mod:`.keys`); anyone
holding the public key can check an inclusion proof, a consistency proof, or the whole log (:mod:`.verify`),
which names the first entry altered, removed, reordered or inserted. Entries hold identifiers and digests,
never personal data: ``append`` refuses an event in which ``pii.scan`` finds any::

    >>> import tempfile
    >>> from pathlib import Path
    >>> from seabridge.governance.audit import DATA_ACCESS, AuditEvent, AuditLog, generate_signing_key
    >>> log = AuditLog(Path(tempfile.mkdtemp()) / "audit")
    >>> log.append(AuditEvent(DATA_ACCESS, actor="user:42", resource="dataset:th-news", outcome="allow"))
    0
    >>> key = generate_signing_key("example.org/audit")
    >>> log.checkpoint(key).size
    1
    >>> log.verify(key.verifier()).ok
    True
"""

from __future__ import annotations

from seabridge.governance.audit.checkpoint import (
    Checkpoint,
    NoteError,
    open_note,
    parse_checkpoint,
    sign_checkpoint,
    sign_note,
)
from seabridge.governance.audit.entry import (
    DATA_ACCESS,
    POLICY_DECISION,
    AuditEvent,
    Entry,
    EntryError,
    PersonalDataError,
    canonical_json,
    parse_entry,
    redacted_digest,
)
from seabridge.governance.audit.keys import (
    DEFAULT_KEY_NAME,
    KeyFileError,
    SigningKey,
    VerifierKey,
    generate_signing_key,
    load_or_create_signing_key,
    load_signing_key,
    load_verifier_key,
    save_signing_key,
)
from seabridge.governance.audit.log import AuditLog, AuditLogError, record_event
from seabridge.governance.audit.merkle import (
    EMPTY_ROOT,
    CompactRange,
    MerkleTree,
    leaf_hash,
    node_hash,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from seabridge.governance.audit.proofs import ConsistencyProof, InclusionProof
from seabridge.governance.audit.store import AuditStore, FileStore, Record
from seabridge.governance.audit.verify import Problem, Reason, VerifyReport, verify_store

__all__ = [
    "DATA_ACCESS",
    "DEFAULT_KEY_NAME",
    "EMPTY_ROOT",
    "POLICY_DECISION",
    "AuditEvent",
    "AuditLog",
    "AuditLogError",
    "AuditStore",
    "Checkpoint",
    "CompactRange",
    "ConsistencyProof",
    "Entry",
    "EntryError",
    "FileStore",
    "InclusionProof",
    "KeyFileError",
    "MerkleTree",
    "NoteError",
    "PersonalDataError",
    "Problem",
    "Reason",
    "Record",
    "SigningKey",
    "VerifierKey",
    "VerifyReport",
    "canonical_json",
    "generate_signing_key",
    "leaf_hash",
    "load_or_create_signing_key",
    "load_signing_key",
    "load_verifier_key",
    "node_hash",
    "open_note",
    "parse_checkpoint",
    "parse_entry",
    "record_event",
    "redacted_digest",
    "root_from_inclusion_proof",
    "save_signing_key",
    "sign_checkpoint",
    "sign_note",
    "verify_consistency",
    "verify_inclusion",
    "verify_store",
]
