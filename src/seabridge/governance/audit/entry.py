"""What the audit log records: events (who did what to which resource, and the outcome) as canonical JSON.

An entry is one line of the log file and that line's bytes are the Merkle leaf: canonical JSON (keys
sorted, UTF-8, no whitespace), so anyone can hash it without our code. Each entry also records ``prev``,
the tree head of the log before it, so an edited entry contradicts the one after it and the report can
name it.

No personal data in leaves: a log cannot forget, so events carry identifiers (tenant, user id, dataset id,
decision) and digests, never the text of personal data. ``check_no_personal_data`` enforces it with
:func:`seabridge.governance.pii.scan` on every string and integer of an event; free-text detail fields
must go in as ``redacted_digest(value, key)``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from seabridge.governance.pii import scan

POLICY_DECISION = "policy.decision"
DATA_ACCESS = "data.access"
MAX_ENTRY_BYTES = 64 * 1024  # an audit record is a few identifiers; a bigger one is a mistake
_TYPE = re.compile(r"[a-z][a-z0-9_.-]{0,63}")
_HEX_HASH = re.compile(r"[0-9a-f]{64}")
_DIGEST = re.compile(r"(?:sha256|hmac-sha256):[0-9a-f]{64}")
_FIELDS = frozenset({"seq", "ts", "prev", "type", "tenant", "actor", "resource", "outcome", "details"})


class EntryError(ValueError):
    """An event or a stored entry is not what the log accepts; the message names the field."""


class PersonalDataError(EntryError):
    """An event holds personal data; the message names the field and the kind, never the data."""


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (not \\u escapes), no NaN: one byte string per value."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def redacted_digest(value: str, key: bytes | None = None) -> str:
    """A digest to log in place of a free-text or personal value: ``hmac-sha256:<hex>`` under ``key``.

    Pass a secret key (e.g. ``MasterKey.derive("audit-digest")`` from :mod:`seabridge.governance.crypto`):
    a bare hash of a phone number or an ID card number is undone by hashing every possible number.
    Without a key the digest is ``sha256:<hex>``, fit only for values nobody can enumerate (documents).
    """
    data = value.encode("utf-8")
    if key is None:
        return "sha256:" + hashlib.sha256(data).hexdigest()
    return "hmac-sha256:" + hmac.new(key, data, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Something to record: ``actor`` did ``type`` to ``resource`` with ``outcome``; ``details`` are JSON."""

    type: str
    actor: str
    resource: str
    outcome: str
    tenant: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        """The event as the JSON fields of an entry, checked (types, JSON values, no personal data)."""
        if not isinstance(self.type, str) or not _TYPE.fullmatch(self.type):
            raise EntryError(f"type {self.type!r} must be lowercase letters, digits, '.', '_' or '-'")
        for name in ("actor", "outcome"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise EntryError(f"{name} must be a non-empty string")
        if not isinstance(self.resource, str):
            raise EntryError("resource must be a string")
        if self.tenant is not None and not isinstance(self.tenant, str):
            raise EntryError("tenant must be a string or None")
        if not isinstance(self.details, Mapping):
            raise EntryError("details must be a mapping of strings to JSON values")
        values = {
            "type": self.type,
            "tenant": self.tenant,
            "actor": self.actor,
            "resource": self.resource,
            "outcome": self.outcome,
            "details": _json_value(self.details, "details"),
        }
        check_no_personal_data(values)
        return values


def _json_value(value: Any, where: str) -> Any:
    """``value`` as plain JSON (dicts with string keys, lists, str, int, finite float, bool, None)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EntryError(f"{where}: {value} is not a JSON number")
        return value
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise EntryError(f"{where}: not valid Unicode (a lone surrogate)") from None
        return value
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise EntryError(f"{where}: keys must be strings")
        return {key: _json_value(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(item, f"{where}[{i}]") for i, item in enumerate(value)]
    raise EntryError(f"{where}: a {type(value).__name__} is not a JSON value")


def _scalars(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every string and integer in a JSON value, dict keys included."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield where, str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"a key of {where}", key
            yield from _scalars(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _scalars(item, f"{where}[{i}]")


@lru_cache(maxsize=8192)  # actors, resources and outcomes repeat from one event to the next
def _personal_data_types(text: str) -> tuple[str, ...]:
    if _DIGEST.fullmatch(text):  # a redacted_digest is hash output: nothing to find, and slow to scan
        return ()
    return tuple(sorted({entity.type for entity in scan(text)}))


def check_no_personal_data(fields: Mapping[str, Any]) -> None:
    """Raise ``PersonalDataError`` naming the first field where ``pii.scan`` finds personal data."""
    for name, value in fields.items():
        for where, text in _scalars(value, name):
            found = _personal_data_types(text)
            if found:
                raise PersonalDataError(
                    f"{where} holds personal data ({', '.join(found)}); audit entries carry identifiers "
                    "and digests only: log redacted_digest(value, key) instead"
                )


@dataclass(frozen=True, slots=True)
class Entry:
    """A recorded event: its sequence number, UTC time, the tree head before it, and the event's fields."""

    seq: int
    ts: str
    prev: bytes
    fields: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "ts": self.ts, "prev": self.prev.hex(), **self.fields}

    def leaf_data(self) -> bytes:
        """The entry's line without its newline: the bytes the Merkle leaf hashes."""
        data = canonical_json(self.to_json())
        if len(data) > MAX_ENTRY_BYTES:
            raise EntryError(f"the entry is {len(data)} bytes; an audit entry is at most {MAX_ENTRY_BYTES}")
        return data

    @property
    def type(self) -> str:
        return self.fields["type"]


def parse_entry(data: bytes) -> Entry:
    """An entry from its stored bytes, which must be its canonical JSON exactly (``EntryError`` if not)."""
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise EntryError("not valid JSON") from None
    if not isinstance(value, dict) or set(value) != _FIELDS:
        raise EntryError("not an audit entry (its fields are not seq, ts, prev and the event's)")
    seq, ts, prev = value.pop("seq"), value.pop("ts"), value.pop("prev")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise EntryError("seq is not a sequence number")
    if not isinstance(ts, str) or not isinstance(prev, str) or not _HEX_HASH.fullmatch(prev):
        raise EntryError("ts or prev is malformed")
    if (
        not isinstance(value["details"], dict)
        or not (value["tenant"] is None or isinstance(value["tenant"], str))
        or not all(isinstance(value[name], str) for name in ("type", "actor", "resource", "outcome"))
    ):
        raise EntryError("an event field has the wrong type")
    entry = Entry(seq, ts, bytes.fromhex(prev), value)
    try:
        canonical = canonical_json(entry.to_json())
    except ValueError:  # NaN or Infinity, which json.loads accepts
        raise EntryError("holds a number JSON does not allow") from None
    if canonical != data:
        raise EntryError("the line is not in canonical form (keys sorted, no spaces, UTF-8)")
    return entry
