"""The audit log: append events, sign checkpoints, prove inclusion and consistency, verify the whole log.

Appending costs O(log n) hashing and reads nothing already read: the log keeps the tree's compact range in
memory (and every ``HEAD_EVERY`` entries in the store's head cache, for the next process to start from).
Before each append it takes the store's lock and reads what other processes appended since, checking that
each of those entries continues the log; an entry that does not (an edit behind the log's back) stops the
append with ``AuditLogError``: a tamper-evident log fails closed.

Proofs need every subtree hash, so the first proof a process asks for rehashes the log once into a
``MerkleTree`` (64 bytes per entry) that later appends extend.
"""

from __future__ import annotations

import json
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from seabridge.governance.audit.checkpoint import Checkpoint, NoteError, parse_checkpoint, sign_checkpoint
from seabridge.governance.audit.entry import AuditEvent, Entry, EntryError, canonical_json, parse_entry
from seabridge.governance.audit.keys import SigningKey, VerifierKey
from seabridge.governance.audit.merkle import CompactRange, MerkleTree, leaf_hash
from seabridge.governance.audit.proofs import ConsistencyProof, InclusionProof
from seabridge.governance.audit.store import AuditStore, FileStore, Record
from seabridge.governance.audit.verify import VerifyReport, verify_store
from seabridge.platform.settings import get_settings

HEAD_EVERY = 256  # entries between two saves of the head cache


class AuditLogError(Exception):
    """The log cannot be appended to or read as asked; the message says where and why."""


def utc_timestamp(moment: datetime) -> str:
    """RFC 3339 UTC with microseconds, e.g. ``2025-01-31T12:00:00.000000Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class AuditLog:
    """An append-only, tamper-evident log of audit events in ``store`` (default: the settings' folder)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        store: AuditStore | None = None,
        durable: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store: AuditStore = store or FileStore(path or get_settings().audit_path())
        self.durable = durable
        self._clock = clock or (lambda: datetime.now(UTC))
        self._mutex = threading.Lock()  # threads of one process share the in-memory tree
        self._range: CompactRange | None = None  # the tree of the entries read so far
        self._end = 0  # the store position after them
        self._last: tuple[int, bytes] = (0, b"")  # the last entry's start and leaf hash
        self._saved_size = 0
        self._tree: MerkleTree | None = None
        self._starts = array("q")  # entry start positions, kept with the tree for proofs

    # -- appending -----------------------------------------------------------------------------------------

    def append(self, event: AuditEvent) -> int:
        """Record ``event``; its index (sequence number) in the log."""
        return self.append_many([event])[0]

    def append_many(self, events: Iterable[AuditEvent]) -> list[int]:
        """Record events in order with one write and one fsync; their indexes."""
        fields = [event.fields() for event in events]  # checked before taking the lock
        if not fields:
            return []
        with self._mutex, self.store.locked():
            tree = self._sync().copy()
            first = tree.size
            lines = []
            for values in fields:
                entry = Entry(tree.size, utc_timestamp(self._clock()), tree.root(), values)
                lines.append(entry.leaf_data())
                tree.append(leaf_hash(lines[-1]))
            end = self.store.append_entries(lines, durable=self.durable)
            self._range, self._end = tree, end
            self._last = (end - len(lines[-1]) - 1, leaf_hash(lines[-1]))
            if tree.size - self._saved_size >= HEAD_EVERY:
                self._save_head()
        return list(range(first, first + len(lines)))

    def size(self) -> int:
        """The number of entries now (reading what other processes appended)."""
        with self._mutex, self.store.locked():
            return self._sync().size

    def root(self) -> bytes:
        with self._mutex, self.store.locked():
            return self._sync().root()

    def close(self) -> None:
        """Save the head cache, so that the next process to open the log starts from here."""
        with self._mutex:
            if self._range is not None and self._range.size != self._saved_size:
                with self.store.locked():
                    self._save_head()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- checkpoints ---------------------------------------------------------------------------------------

    def checkpoint(self, key: SigningKey) -> Checkpoint:
        """Sign the current tree head with ``key`` and store the checkpoint.

        Never signs a head that does not extend the last checkpoint (the checkpoint spec forbids it): the
        entries since it are read again and hashed onto the compact range saved with it.
        """
        with self._mutex, self.store.locked():
            tree = self._sync()
            self._check_extends_last_checkpoint(tree)
            signed = sign_checkpoint(key, tree.size, tree.root(), utc_timestamp(self._clock()))
            record = {"note": signed.note, "end": self._end, "range": [h.hex() for h in tree.hashes]}
            self.store.append_checkpoint(canonical_json(record))
            self._save_head()
        return signed

    def checkpoints(self) -> list[Checkpoint]:
        """The stored checkpoints, oldest first (signatures not checked: ``verify`` does that)."""
        return [checkpoint for _, checkpoint, _ in self._checkpoint_records()]

    def _checkpoint_records(self) -> Iterator[tuple[Record, Checkpoint, dict[str, Any]]]:
        for record in self.store.read_checkpoints():
            value, checkpoint = _parse_checkpoint_record(record)
            if checkpoint is None:
                raise AuditLogError(f"{self.store.checkpoints_name} line {record.line}: {value}")
            yield record, checkpoint, value

    def _last_checkpoint(self) -> tuple[Record, Checkpoint, dict[str, Any]] | None:
        last = deque(self._checkpoint_records(), maxlen=1)
        return last[0] if last else None

    def _check_extends_last_checkpoint(self, tree: CompactRange) -> None:
        last = self._last_checkpoint()
        if last is None:
            return
        record, checkpoint, value = last
        base = _range_from(checkpoint.size, value.get("range"))
        end = value.get("end")
        if base is None or base.root() != checkpoint.root or not isinstance(end, int):
            raise AuditLogError(
                f"{self.store.checkpoints_name} line {record.line}: the saved tree is damaged"
            )
        for entry in self.store.read_entries(end, checkpoint.size + 1):
            if entry.end > self._end:
                break
            base.append(leaf_hash(entry.data))
        if base != tree:
            raise AuditLogError(
                f"refusing to sign: the log's {tree.size} entries do not extend the {checkpoint.size} signed "
                f"at {self.store.checkpoints_name} line {record.line}; run `seabridge govern audit verify`"
            )

    # -- proofs --------------------------------------------------------------------------------------------

    def inclusion_proof(self, index: int, tree_size: int | None = None) -> InclusionProof:
        """Proof that entry ``index`` is in the tree of ``tree_size`` entries (default: the latest
        checkpoint's size if it holds the entry, else the current size)."""
        tree = self._full_tree()
        checkpoints = [c for c in self.checkpoints() if index < c.size <= tree.size]
        if tree_size is None:
            tree_size = checkpoints[-1].size if checkpoints else tree.size
        if not 0 <= index < tree_size <= tree.size:
            raise AuditLogError(
                f"no entry {index} in a tree of {tree_size} (the log has {tree.size} entries)"
            )
        signed = next((c for c in reversed(checkpoints) if c.size == tree_size), None)
        leaf = self._entry_bytes(index)
        path = tuple(tree.inclusion_proof(index, tree_size))
        return InclusionProof(index, tree_size, leaf, tree.root(tree_size), path, signed)

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> ConsistencyProof:
        """Proof that the first ``old_size`` entries are a prefix of the first ``new_size`` (default: all)."""
        tree = self._full_tree()
        new_size = tree.size if new_size is None else new_size
        if not 0 <= old_size <= new_size <= tree.size:
            raise AuditLogError(f"no consistency proof from {old_size} to {new_size} ({tree.size} entries)")
        path = tuple(tree.consistency_proof(old_size, new_size))
        return ConsistencyProof(old_size, new_size, tree.root(old_size), tree.root(new_size), path)

    def _full_tree(self) -> MerkleTree:
        """Every subtree hash of the log as it is now, extended from what was read before."""
        with self._mutex:
            if self._tree is None:
                self._tree, self._starts = MerkleTree(), array("q")
            tree = self._tree
            start = self._starts[-1] if self._starts else 0
            records = self.store.read_entries(start, tree.size)
            if self._starts:
                next(records, None)  # the last entry already in the tree
            for record in records:
                if not record.complete:
                    break  # being written, or cut: ``verify`` reports it
                tree.append(leaf_hash(record.data))
                self._starts.append(record.start)
            return tree

    def _entry_bytes(self, index: int) -> bytes:
        """The stored bytes of entry ``index``, which must be a sound entry: no proofs for damaged ones."""
        record = next(self.store.read_entries(self._starts[index], index + 1), None)
        if record is None:
            raise AuditLogError(f"entry {index} is no longer in {self.store.entries_name}")
        if self._parse(record).seq != index:
            raise AuditLogError(
                f"{self.store.entries_name} line {index + 1} is not entry {index}: run verify"
            )
        return record.data

    # -- reading and verifying -----------------------------------------------------------------------------

    def entries(self, start: int = 0) -> Iterator[Entry]:
        """The entries in order from the ``start``-th, parsed (``AuditLogError`` at a damaged line)."""
        for record in self.store.read_entries():
            if record.line <= start:
                continue
            yield self._parse(record)

    def last(self, count: int) -> list[Entry]:
        """The last ``count`` entries, read from the end of the store."""
        try:
            return [parse_entry(data) for data in self.store.last_entries(count)]
        except EntryError as error:
            raise AuditLogError(f"{self.store.entries_name}, near the end: {error}") from None

    def verify(self, verifier: VerifierKey | None = None, trusted: Sequence[Checkpoint] = ()) -> VerifyReport:
        """Check the whole log (see :func:`seabridge.governance.audit.verify.verify_store`)."""
        return verify_store(self.store, verifier, trusted)

    def _parse(self, record: Record) -> Entry:
        try:
            if not record.complete:
                raise EntryError("the line is incomplete")
            return parse_entry(record.data)
        except EntryError as error:
            raise AuditLogError(f"{self.store.entries_name} line {record.line}: {error}") from None

    # -- the compact range and its cache -------------------------------------------------------------------

    def _sync(self) -> CompactRange:
        """The compact range of every entry in the store now (the lock is held): the cached one, extended
        by what other processes appended, each of those checked to continue the log."""
        if self._range is None:
            self._range = self._load_head() or self._load_last_checkpoint() or CompactRange()
            self._saved_size = self._range.size
        end = self.store.end()
        if end < self._end:
            raise AuditLogError(
                f"{self.store.entries_name} shrank from {self._end} to {end} bytes: entries were removed; "
                "run `seabridge govern audit verify`"
            )
        if end > self._end:
            tree = self._range.copy()
            for record in self.store.read_entries(self._end, tree.size + 1):
                entry = self._parse(record)
                if entry.seq != tree.size or entry.prev != tree.root():
                    raise AuditLogError(
                        f"{self.store.entries_name} line {record.line} does not continue the log (it should "
                        f"be entry {tree.size}); run `seabridge govern audit verify`"
                    )
                tree.append(leaf_hash(record.data))
                self._end, self._last = record.end, (record.start, leaf_hash(record.data))
            self._range = tree
        return self._range

    def _save_head(self) -> None:
        start, last_leaf = self._last
        if self._range is None or (self._range.size and not last_leaf):
            return  # started from a checkpoint and appended nothing: no entry to anchor the cache on
        self.store.save_head(
            {
                "size": self._range.size,
                "end": self._end,
                "last_start": start,
                "last_leaf": last_leaf.hex(),
                "range": [h.hex() for h in self._range.hashes],
            }
        )
        self._saved_size = self._range.size

    def _load_head(self) -> CompactRange | None:
        """The cached range if its last entry is still where and what the cache says; else None."""
        head = self.store.load_head()
        if head is None:
            return None
        try:
            size, end, start = int(head["size"]), int(head["end"]), int(head["last_start"])
            tree, last_leaf = _range_from(size, head["range"]), bytes.fromhex(head["last_leaf"])
        except (KeyError, TypeError, ValueError):
            return None
        if tree is None or size == 0 or end > self.store.end():
            return None
        record = next(self.store.read_entries(start, size), None)
        if record is None or record.end != end or leaf_hash(record.data) != last_leaf:
            return None
        try:
            if parse_entry(record.data).seq != size - 1:
                return None
        except EntryError:
            return None
        self._end, self._last = end, (start, last_leaf)
        return tree

    def _load_last_checkpoint(self) -> CompactRange | None:
        """The range saved with the last checkpoint, if it matches its root; else None (rehash from 0)."""
        try:
            last = self._last_checkpoint()
        except AuditLogError:
            return None
        if last is None:
            return None
        _, checkpoint, value = last
        tree, end = _range_from(checkpoint.size, value.get("range")), value.get("end")
        if (
            tree is None
            or tree.root() != checkpoint.root
            or not isinstance(end, int)
            or end > self.store.end()
        ):
            return None
        self._end = end
        return tree


def record_event(event: AuditEvent, folder: Path | None = None) -> int:
    """Append one event to the audit log in ``folder`` (default: the settings' audit folder) and close it;
    returns the entry's index. For commands that record one decision or access each run."""
    with AuditLog(folder) as log:
        return log.append(event)


def _range_from(size: int, hashes: Any) -> CompactRange | None:
    try:
        return CompactRange(size, [bytes.fromhex(h) for h in hashes])
    except (TypeError, ValueError):
        return None


def _parse_checkpoint_record(record: Record) -> tuple[Any, Checkpoint | None]:
    """(the record's JSON, its checkpoint) or (why not, None)."""
    try:
        value = json.loads(record.data)
        note = value["note"]
        if not isinstance(note, str):
            raise TypeError
    except (ValueError, TypeError, KeyError):
        return "not a checkpoint record", None
    try:
        return value, parse_checkpoint(note)
    except NoteError as error:
        return str(error), None
