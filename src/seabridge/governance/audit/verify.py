"""Check a whole audit log in one streaming pass and name the first thing wrong with it.

Every entry is parsed (it must be its own canonical JSON), its sequence number must be the next one, and
the tree head it records before itself must be the root of the entries before it; each checkpoint must be
signed by the log's key and its root must be the tree's root at its size. The first failure is reported
with its reason, the index of the entry at fault and its line:

``altered``
    a line is not a valid entry, or the next entry recorded a different head for the log before it
    (so the entry before that one changed; if only the recorded head was edited, its own entry is named)
``removed``
    sequence numbers jump, the file ends inside an entry, or a checkpoint covers more entries than remain
``reordered``
    an entry stands where an earlier number belongs and an earlier one follows it (the reading looks one
    line ahead, so a copy of a later entry put before its place reads as reordered too)
``inserted``
    a line repeats a sequence number already read, or a foreign line stands before the expected entry
``bad signature``
    a checkpoint is not signed by the given public key (or its signature fails)
``checkpoint mismatch``
    a checkpoint is malformed or out of order, or its root is not the log's: entries were rewritten
    together with every head recorded after them, which only the signed checkpoints can reveal

Only the signed checkpoints make a careful rewrite evident; give the public key (and checkpoints saved
elsewhere as ``trusted``, e.g. an auditor's copy) so that deleting the log's own checkpoints does not help.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import takewhile
from typing import Any

from seabridge.governance.audit.checkpoint import Checkpoint, NoteError, parse_checkpoint
from seabridge.governance.audit.entry import Entry, EntryError, parse_entry
from seabridge.governance.audit.keys import VerifierKey
from seabridge.governance.audit.merkle import CompactRange, leaf_hash
from seabridge.governance.audit.store import AuditStore, Record


class Reason(StrEnum):
    ALTERED = "altered"
    REMOVED = "removed"
    REORDERED = "reordered"
    INSERTED = "inserted"
    BAD_SIGNATURE = "bad signature"
    CHECKPOINT_MISMATCH = "checkpoint mismatch"


@dataclass(frozen=True, slots=True)
class Problem:
    """The first thing wrong: why, which entry (None for a checkpoint's own fault), where, and details."""

    reason: Reason
    index: int | None
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        subject = f"entry {self.index}" if self.index is not None else "checkpoint"
        return f"{self.reason}: {subject} at {self.file} line {self.line}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": str(self.reason),
            "index": self.index,
            "file": self.file,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The log's entries, root and checkpoints found sound; with a problem, the entries and root are those
    read up to it (the entry at fault may be among them: its fault shows in the next one)."""

    entries: int
    root: bytes
    checkpoints: int
    signatures_checked: bool
    problem: Problem | None
    signed: int = 0  # entries covered by the largest checkpoint found sound; those after it are unsigned

    @property
    def ok(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        checked = "verified" if self.signatures_checked else "matched (signatures not checked: no public key)"
        count = f"{self.checkpoints} checkpoint" + ("" if self.checkpoints == 1 else "s")
        return f"{self.entries} entries, root {self.root.hex()}, {count} {checked}"

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "root": self.root.hex(),
            "checkpoints": self.checkpoints,
            "signatures_checked": self.signatures_checked,
            "problem": self.problem.to_json() if self.problem else None,
            "signed": self.signed,
        }


@dataclass(frozen=True, slots=True)
class _Due:
    """A checkpoint to check once the tree reaches ``size`` entries, or a fault found in reading it."""

    size: int
    file: str
    line: int
    checkpoint: Checkpoint | None
    fault: str | None = None


def verify_store(
    store: AuditStore, verifier: VerifierKey | None = None, trusted: Sequence[Checkpoint] = ()
) -> VerifyReport:
    """Check every entry and checkpoint of ``store`` (and the ``trusted`` checkpoints, kept elsewhere).

    Appenders are not held up: the ends of both files are read under the store's lock, where no append is
    half written, and what is appended after that is left for the next run.
    """
    return _Verification(store, verifier, _snapshot(store)).run(trusted)


def _snapshot(store: AuditStore) -> tuple[int, int]:
    """Where the entries and the checkpoints end, read under the lock if this reader may take it."""
    if not store.exists():
        return 0, 0
    try:
        with store.locked():
            return store.end(), store.checkpoints_end()
    except OSError:  # a read-only copy (an auditor's): nobody appends to it
        return store.end(), store.checkpoints_end()


def _parse(record: Record | None) -> tuple[Entry | None, str]:
    if record is None:
        return None, "no line"
    if not record.complete:
        return None, "the line is incomplete"
    try:
        return parse_entry(record.data), ""
    except EntryError as error:
        return None, str(error)


class _Verification:
    def __init__(self, store: AuditStore, verifier: VerifierKey | None, ends: tuple[int, int]) -> None:
        self.store = store
        self.verifier = verifier
        self.entries_end, self.checkpoints_end = ends
        self.entries_file = store.entries_name
        self.tree = CompactRange()
        self.verified = 0
        self.vouched = 0  # the size of the last checkpoint found sound

    def run(self, trusted: Sequence[Checkpoint]) -> VerifyReport:
        given = sorted(
            (_Due(c.size, "checkpoint given", i, c) for i, c in enumerate(trusted, 1)), key=lambda d: d.size
        )
        due = heapq.merge(self._stored(), given, key=lambda d: d.size)
        pending = next(due, None)
        records = takewhile(lambda r: r.end <= self.entries_end, self.store.read_entries())
        record = next(records, None)
        while True:
            following = next(records, None) if record is not None else None
            problem = self._entry(record, following) if record is not None else None
            if problem is not None and problem.index is not None and problem.index < self.tree.size:
                return self._report(problem)  # about entries the checkpoints due now cover: more precise
            while pending is not None and pending.size <= self.tree.size:
                if checkpoint_problem := self._check(pending):
                    return self._report(checkpoint_problem)
                pending = next(due, None)
            if record is None:
                break
            if problem is not None:
                return self._report(problem)
            self.tree.append(leaf_hash(record.data))
            record = following
        if pending is not None:
            size = self.tree.size
            return self._report(
                Problem(
                    Reason.REMOVED,
                    size,
                    self.entries_file,
                    size + 1,
                    f"the log ends after {size} entries, but {pending.file} line {pending.line} signed a "
                    f"tree of {pending.size}: entries were removed from the end",
                )
            )
        return self._report(None)

    def _report(self, problem: Problem | None) -> VerifyReport:
        return VerifyReport(
            self.tree.size, self.tree.root(), self.verified, self.verifier is not None, problem, self.vouched
        )

    # -- checkpoints ---------------------------------------------------------------------------------------

    def _stored(self) -> Iterator[_Due]:
        """The stored checkpoints in file order; one malformed or out of order is due with the one before."""
        name, largest = self.store.checkpoints_name, 0
        for record in takewhile(lambda r: r.end <= self.checkpoints_end, self.store.read_checkpoints()):
            checkpoint, fault = None, None
            try:
                value = json.loads(record.data)
                checkpoint = parse_checkpoint(value["note"])
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                fault = str(error) if isinstance(error, NoteError) else "not a checkpoint record"
            if checkpoint is not None and checkpoint.size < largest:
                fault = f"a tree of {checkpoint.size} entries signed after one of {largest}: out of order"
            if checkpoint is not None and fault is None:
                largest = checkpoint.size
            yield _Due(largest, name, record.line, checkpoint, fault)

    def _check(self, due: _Due) -> Problem | None:
        def problem(reason: Reason, message: str) -> Problem:
            return Problem(reason, None, due.file, due.line, message)

        if due.checkpoint is None or due.fault:
            return problem(Reason.CHECKPOINT_MISMATCH, due.fault or "not a checkpoint")
        checkpoint = due.checkpoint
        if self.verifier is not None:
            try:
                checkpoint.verify(self.verifier)
            except NoteError as error:
                return problem(Reason.BAD_SIGNATURE, str(error))
        root = self.tree.root()
        if checkpoint.root != root:
            return problem(
                Reason.CHECKPOINT_MISMATCH,
                f"it signs root {checkpoint.root.hex()} for {checkpoint.size} entries, but they hash to "
                f"{root.hex()}: an entry from {self.vouched} on was rewritten with every head recorded after "
                "it, or the checkpoint was forged",
            )
        self.verified += 1
        self.vouched = checkpoint.size
        return None

    # -- entries -------------------------------------------------------------------------------------------

    def _entry(self, record: Record, following: Record | None) -> Problem | None:
        """What is wrong with the next entry, looking one line ahead; None if it continues the log."""
        expected = self.tree.size
        entry, error = _parse(record)

        def problem(reason: Reason, message: str, index: int = expected, line: int = record.line) -> Problem:
            return Problem(reason, index, self.entries_file, line, message)

        if entry is None:
            if not record.complete and following is None:
                return problem(Reason.REMOVED, "the file ends inside this entry: it was cut short")
            after, _ = _parse(following)
            if after is not None and after.seq == expected:
                return problem(Reason.INSERTED, f"a foreign line ({error}) stands before entry {expected}")
            return problem(Reason.ALTERED, error)
        if entry.seq == expected:
            return None if entry.prev == self.tree.root() else self._broken_chain(record, entry, following)
        if entry.seq > expected:
            after, _ = _parse(following)
            if after is not None and after.seq < entry.seq:
                return problem(Reason.REORDERED, f"entry {entry.seq} stands where entry {expected} belongs")
            gone = (
                f"entry {expected} is"
                if entry.seq == expected + 1
                else f"entries {expected}-{entry.seq - 1} are"
            )
            return problem(Reason.REMOVED, f"{gone} missing before entry {entry.seq}")
        if entry.seq == expected - 1:
            return problem(
                Reason.INSERTED,
                f"lines {record.line - 1} and {record.line} both claim entry {entry.seq}: one was inserted",
                index=entry.seq,
                line=record.line - 1,
            )
        return problem(Reason.INSERTED, f"a copy of entry {entry.seq} stands where entry {expected} belongs")

    def _broken_chain(self, record: Record, entry: Entry, following: Record | None) -> Problem:
        """Entry ``n`` records a head that is not the root of entries 0..n-1: either entry n-1 changed or
        only this record of the head did. Restoring the head and seeing entry n+1 agree tells them apart."""
        n = entry.seq
        after, _ = _parse(following)
        if after is not None:
            probe = self.tree.copy()
            probe.append(leaf_hash(Entry(n, entry.ts, self.tree.root(), entry.fields).leaf_data()))
            if after.prev == probe.root():
                return Problem(
                    Reason.ALTERED, n, self.entries_file, record.line, "the tree head it records was changed"
                )
        if n == 0:
            return Problem(
                Reason.ALTERED,
                0,
                self.entries_file,
                record.line,
                "the first entry must record the empty tree",
            )
        return Problem(
            Reason.ALTERED,
            n - 1,
            self.entries_file,
            record.line - 1,
            f"entry {n} (line {record.line}) recorded a different tree head for the log before it",
        )
