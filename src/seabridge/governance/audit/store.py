"""Where the audit log keeps its records: a small storage protocol and its file implementation.

The Merkle code and the log never touch files: they ask an ``AuditStore`` for records (a record is the bytes
of one entry or checkpoint, where it is, and its line number) and give it lines to append under its lock.
``FileStore`` keeps a folder::

    entries.jsonl       one canonical JSON entry per line; append-only
    checkpoints.jsonl   one JSON object per line: {"note": signed checkpoint, "end": ..., "range": [...]}
    head.json           a cache of the tree's compact range at some size, so opening the log does not
                        rehash it; checked against the entry it names, and rebuilt when wrong
    lock                flock(2) target: appenders in several processes take turns

A SQLite or PostgreSQL store later implements the same protocol (a position is then a row id and the lock
a transaction), and nothing else changes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

ENTRIES = "entries.jsonl"
CHECKPOINTS = "checkpoints.jsonl"
HEAD = "head.json"
LOCK = "lock"


@dataclass(frozen=True, slots=True)
class Record:
    """One stored line: its bytes without the newline, its 1-based line number, where it starts and where
    the next begins, and whether it ended with a newline (a cut or interrupted write does not)."""

    data: bytes
    line: int
    start: int
    end: int
    complete: bool


class AuditStore(Protocol):
    """What the audit log needs from storage: ordered, append-only entries and checkpoints, and a lock."""

    @property
    def entries_name(self) -> str: ...  # for messages: a path, or a table name

    @property
    def checkpoints_name(self) -> str: ...

    def exists(self) -> bool: ...

    def locked(self) -> contextlib.AbstractContextManager[None]: ...

    def end(self) -> int: ...  # the position after the last entry

    def read_entries(self, start: int = 0, first_line: int = 1) -> Iterator[Record]: ...

    def last_entries(self, count: int) -> list[bytes]: ...

    def append_entries(self, lines: Sequence[bytes], *, durable: bool = True) -> int: ...  # the new end

    def read_checkpoints(self) -> Iterator[Record]: ...

    def checkpoints_end(self) -> int: ...

    def append_checkpoint(self, line: bytes) -> None: ...

    def load_head(self) -> dict[str, Any] | None: ...

    def save_head(self, head: dict[str, Any]) -> None: ...


class FileStore:
    """An ``AuditStore`` in a folder of JSON Lines files (see the module docstring)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._entries = self.directory / ENTRIES
        self._checkpoints = self.directory / CHECKPOINTS
        self._made = False  # the folder exists (made once, before the first lock or write)

    @property
    def entries_name(self) -> str:
        return str(self._entries)

    @property
    def checkpoints_name(self) -> str:
        return str(self._checkpoints)

    def exists(self) -> bool:
        return self._entries.exists() or self._checkpoints.exists()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive among processes (flock on ``lock``) for one append or checkpoint."""
        self._make_directory()
        handle = os.open(self.directory / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)  # closing releases the lock

    def end(self) -> int:
        try:
            return self._entries.stat().st_size
        except FileNotFoundError:
            return 0

    def read_entries(self, start: int = 0, first_line: int = 1) -> Iterator[Record]:
        yield from _read_records(self._entries, start, first_line)

    def last_entries(self, count: int) -> list[bytes]:
        """The last ``count`` complete lines, read backwards from the end (not the whole file)."""
        if count <= 0:
            return []
        try:
            file = self._entries.open("rb")
        except FileNotFoundError:
            return []
        with file:
            position = file.seek(0, os.SEEK_END)
            chunk = b""
            while position > 0 and chunk.count(b"\n") <= count:
                step = min(position, 1 << 16)
                position -= step
                file.seek(position)
                chunk = file.read(step) + chunk
        lines = chunk.split(b"\n")
        if position > 0:
            lines = lines[1:]  # the first piece may be the tail of a longer line
        return [line for line in lines[:-1] if line][-count:]  # [-1]: after the last newline

    def append_entries(self, lines: Sequence[bytes], *, durable: bool = True) -> int:
        """Write whole lines in one ``write`` at the end (O_APPEND); ``fsync`` before returning if durable."""
        self._make_directory()
        return _append(self._entries, b"".join(line + b"\n" for line in lines), durable)

    def read_checkpoints(self) -> Iterator[Record]:
        yield from _read_records(self._checkpoints, 0, 1)

    def checkpoints_end(self) -> int:
        try:
            return self._checkpoints.stat().st_size
        except FileNotFoundError:
            return 0

    def append_checkpoint(self, line: bytes) -> None:
        self._make_directory()
        _append(self._checkpoints, line + b"\n", durable=True)

    def load_head(self) -> dict[str, Any] | None:
        try:
            head = json.loads((self.directory / HEAD).read_bytes())
        except (OSError, ValueError):
            return None
        return head if isinstance(head, dict) else None

    def save_head(self, head: dict[str, Any]) -> None:
        """Replace the cache in one rename; no fsync: a lost or stale cache only costs a rehash."""
        self._make_directory()
        temporary = self.directory / f".{HEAD}.{os.getpid()}.tmp"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(head, file)
        temporary.replace(self.directory / HEAD)

    def _make_directory(self) -> None:
        if not self._made:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._made = True


def _read_records(path: Path, start: int, first_line: int) -> Iterator[Record]:
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return
    with file:
        file.seek(start)
        position, line = start, first_line
        for raw in file:
            complete = raw.endswith(b"\n")
            end = position + len(raw)
            yield Record(raw[:-1] if complete else raw, line, position, end, complete)
            position, line = end, line + 1


def _append(path: Path, data: bytes, durable: bool) -> int:
    try:
        handle, created = os.open(path, os.O_WRONLY | os.O_APPEND), False
    except FileNotFoundError:
        handle, created = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), True
    try:
        view = memoryview(data)
        while view:
            written = os.write(handle, view)
            view = view[written:]
        if durable:
            os.fsync(handle)
        end = os.fstat(handle).st_size
    finally:
        os.close(handle)
    if created and durable:  # the new name must survive a crash too
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return end
