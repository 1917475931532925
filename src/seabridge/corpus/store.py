"""The layout of a corpus folder, atomic writes and completion markers.

```
DIR/data/<task>.parquet        kept documents
DIR/removed/<task>.parquet     removed documents, each with its drop_reason (and duplicate_of)
DIR/quarantine/<task>.jsonl    records that could not be read: file, position, reason, preview
DIR/manifest.json  DIR/stats.json  DIR/report.html
DIR/_work/                     intermediate shards and completion markers (deleted when the build ends)
```

Every file is written to a temporary name and renamed into place, and a task's completion marker is
written last: after a crash a task either has its marker (and all its files) or is simply run again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
STATS = "stats.json"
REPORT = "report.html"


class CorpusDir:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.data = self.root / "data"
        self.removed = self.root / "removed"
        self.quarantine = self.root / "quarantine"
        self.work = self.root / "_work"
        self.stage = self.work / "stage"
        self.markers = self.work / "markers"

    def create(self) -> None:
        for folder in (self.data, self.removed, self.quarantine, self.stage, self.markers):
            folder.mkdir(parents=True, exist_ok=True)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def stats_path(self) -> Path:
        return self.root / STATS

    def marker_path(self, phase: str, task: str) -> Path:
        return self.markers / f"{phase}-{task}.json"

    def read_marker(self, phase: str, task: str, fingerprint: str) -> dict[str, Any] | None:
        """The marker's content if the task finished with the same settings, else ``None``."""
        try:
            marker = json.loads(self.marker_path(phase, task).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return marker if marker.get("fingerprint") == fingerprint else None

    def write_marker(self, phase: str, task: str, fingerprint: str, content: dict[str, Any]) -> None:
        write_json(self.marker_path(phase, task), {"fingerprint": fingerprint, **content})

    def shards(self, folder: Path) -> list[Path]:
        return sorted(folder.glob("*.parquet")) if folder.is_dir() else []

    def read_manifest(self) -> dict[str, Any]:
        return read_json(self.manifest_path)

    def read_stats(self) -> dict[str, Any]:
        return read_json(self.stats_path)


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"{path} does not exist: is {path.parent} a corpus built by seabridge?"
        ) from exc


def write_json(path: Path, content: Any) -> None:
    write_text(path, json.dumps(content, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


class ShardWriter:
    """Parquet written batch by batch to a temporary file, renamed into place by :meth:`commit`."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.tmp = path.with_name(f".tmp-{path.name}")
        self.schema = schema
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:  # no empty row groups
            return
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        self.writer.write_table(table)
        self.rows += table.num_rows

    def commit(self) -> None:
        """Close and move into place; a shard with no rows is still written, so readers see the task."""
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        self.writer.close()
        self.tmp.replace(self.path)


def iter_tables(paths: list[Path], columns: list[str] | None = None) -> Iterator[pa.Table]:
    """Row groups of the given shards, one at a time (memory stays one row group)."""
    for path in paths:
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            yield parquet.read_row_group(group, columns=columns)
