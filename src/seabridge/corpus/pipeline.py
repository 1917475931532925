"""The two per-task phases of a build; both are plain functions of picklable arguments, so any executor
(a local process pool, Ray) can run them, and both skip work a completion marker says is done.

Phase 1, :func:`process_task`: read the task's pieces, run the steps batch by batch, write an intermediate
shard with every document (dropped ones included) and the quarantined records.
Phase 3, :func:`finalize_task`: apply the global duplicate decisions and split the shard into kept and
removed documents, with partial statistics. (Phase 2, the global dedup, is ``seabridge.corpus.dedup``.)
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from seabridge.corpus.batch import FINAL_COLUMNS, SCHEMA, STAGE_SCHEMA, Batch
from seabridge.corpus.config import BuildConfig
from seabridge.corpus.plan import Task
from seabridge.corpus.readers import read_piece
from seabridge.corpus.records import FILE, Piece, Quarantined, Record
from seabridge.corpus.stats import merge, reason_class, shard_stats
from seabridge.corpus.steps import LanguageStep, PiiStep, QualityStep, SignatureStep, Step, WordsStep
from seabridge.corpus.store import CorpusDir, ShardWriter, write_text

STAGE = "stage"
FINAL = "final"
_BATCH_CHARS = 8_000_000  # also flush a batch at this many characters, whatever its document count
_POSITION_BITS = 40


def make_steps(config: BuildConfig) -> list[Step]:
    return [
        LanguageStep(config.code_switch_share),
        WordsStep(config.engine),
        QualityStep(config.min_label_score, config.languages, config.quality, config.thresholds),
        PiiStep(config.pii, config.pii_key_id),
        SignatureStep(config.dedup),
    ]


def document_id(checksum: str, position: int) -> str:
    """Stable across runs, executors and machines: the input's content hash and the record's position."""
    return hashlib.blake2b(f"{checksum}:{position}".encode(), digest_size=8).hexdigest()


def process_task(task: Task, config: BuildConfig, root: str) -> dict[str, Any]:
    """Phase 1 for one task; returns (and records in its marker) what it read per file."""
    store = CorpusDir(root)
    fingerprint = config.fingerprint()
    done = store.read_marker(STAGE, task.name, fingerprint)
    if done is not None:
        return done
    steps = make_steps(config)
    writer = ShardWriter(store.stage / f"{task.name}.parquet", STAGE_SCHEMA)
    files: dict[str, Counter[str]] = {}
    quarantine_lines: list[str] = []
    quarantine_reasons: Counter[str] = Counter()
    pending: list[tuple[int, str, Record]] = []
    pending_chars = 0
    for index, checksum, piece in task.pieces:
        counts = files.setdefault(piece.display, Counter())
        for item in _read(piece, config):
            counts["read"] += 1
            if isinstance(item, Quarantined):
                counts["quarantined"] += 1
                quarantine_reasons[reason_class(item.reason)] += 1
                quarantine_lines.append(_quarantine_line(item))
                continue
            pending.append((index, checksum, item))
            pending_chars += len(item.text)
            if len(pending) >= config.batch_docs or pending_chars >= _BATCH_CHARS:
                writer.write(_run_batch(pending, steps))
                pending, pending_chars = [], 0
    if pending:
        writer.write(_run_batch(pending, steps))
    writer.commit()
    write_text(store.quarantine / f"{task.name}.jsonl", "".join(quarantine_lines))
    result = {
        "files": {name: dict(counts) for name, counts in files.items()},
        "quarantine_reasons": dict(quarantine_reasons),
        "steps": {step.name: step.report() for step in steps},
    }
    store.write_marker(STAGE, task.name, fingerprint, result)
    return {"fingerprint": fingerprint, **result}


def _read(piece: Piece, config: BuildConfig) -> Iterator[Record | Quarantined]:
    if piece.fmt == "unsupported":
        yield Quarantined(
            piece.display, None, FILE, "unsupported format: not .txt, .jsonl, .csv, .parquet or .warc"
        )
        return
    yield from read_piece(piece, config.reader_options)


def _quarantine_line(item: Quarantined) -> str:
    return (
        json.dumps(
            {
                "file": item.source,
                "position": item.position,
                "position_kind": item.position_kind,
                "where": item.where,
                "reason": item.reason,
                "preview": item.preview.decode("utf-8", "backslashreplace"),
            },
            ensure_ascii=False,
        )
        + "\n"
    )


def _run_batch(records: list[tuple[int, str, Record]], steps: list[Step]) -> pa.Table:
    batch = Batch(
        {
            "id": [document_id(checksum, r.position) for _, checksum, r in records],
            "order": [(index << _POSITION_BITS) | max(r.position, 0) for index, _, r in records],
            "file": [r.source for _, _, r in records],
            "source": [r.where for _, _, r in records],
            "text": [r.text for _, _, r in records],
            "meta": [
                json.dumps(r.meta, ensure_ascii=False, default=str) if r.meta else None for _, _, r in records
            ],
        }
    )
    for step in steps:
        step(batch)
    batch.set("chars", [len(text) for text in batch["text"]])
    return batch.to_arrow(STAGE_SCHEMA)


def finalize_task(task_name: str, fingerprint: str, root: str, decisions: str | None) -> dict[str, Any]:
    """Phase 3 for one task: duplicates marked, kept and removed written apart, partial statistics.

    The intermediate shard is read one row group (one batch) at a time, so memory stays one batch.
    """
    store = CorpusDir(root)
    done = store.read_marker(FINAL, task_name, fingerprint)
    if done is not None:
        return done
    decided = _load_decisions(decisions) if decisions is not None else {}
    stage = pq.ParquetFile(store.stage / f"{task_name}.parquet")
    kept = ShardWriter(store.data / f"{task_name}.parquet", SCHEMA)
    removed = ShardWriter(store.removed / f"{task_name}.parquet", SCHEMA)
    parts: list[dict[str, Any]] = []
    for group in range(stage.num_row_groups):
        table = stage.read_row_group(group, columns=FINAL_COLUMNS)
        if decided:
            table = _apply_decisions(table, decided)
        table = table.cast(SCHEMA)
        kept_mask = pc.is_null(table["drop_reason"])
        kept.write(table.filter(kept_mask))
        removed.write(table.filter(pc.invert(kept_mask)))
        parts.append(shard_stats(table))
    kept.commit()
    removed.commit()
    result = {"stats": merge(parts)}
    store.write_marker(FINAL, task_name, fingerprint, result)
    return {"fingerprint": fingerprint, **result}


def _load_decisions(path: str) -> dict[str, tuple[str, str]]:
    decisions = pq.read_table(path)
    return dict(
        zip(
            decisions["id"].to_pylist(),
            zip(decisions["drop_reason"].to_pylist(), decisions["duplicate_of"].to_pylist(), strict=True),
            strict=True,
        )
    )


def _apply_decisions(table: pa.Table, decided: dict[str, tuple[str, str]]) -> pa.Table:
    """Set ``drop_reason`` and ``duplicate_of`` for the rows the dedup phase marked as duplicates."""
    reasons = table["drop_reason"].to_pylist()
    duplicate_of = table["duplicate_of"].to_pylist()
    for i, doc_id in enumerate(table["id"].to_pylist()):
        if doc_id in decided and reasons[i] is None:
            reasons[i], duplicate_of[i] = decided[doc_id]
    table = table.set_column(
        table.schema.get_field_index("drop_reason"), "drop_reason", pa.array(reasons, pa.string())
    )
    return table.set_column(
        table.schema.get_field_index("duplicate_of"), "duplicate_of", pa.array(duplicate_of, pa.string())
    )
