"""A batch of documents on its way through the steps, and the Arrow schema it is written with.

Steps add columns and may set a drop reason; they never delete a row, so every document read is
accounted for at the end and thresholds can be re-applied later from the recorded attributes (the dolma
"attributes" idea). Between steps the columns are Python lists (the per-document work is Python anyway);
they become one Arrow table when the batch is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

# Columns every written shard has, in this order. ``drop_reason`` is null for kept documents.
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("order", pa.int64()),  # input index << 40 | position: the order duplicates are resolved in
        ("file", pa.string()),
        ("source", pa.string()),  # file and position, e.g. ``news.jsonl:12``
        ("text", pa.string()),
        ("label", pa.string()),
        ("label_score", pa.float32()),
        ("label_share", pa.float32()),  # share of the letters in paragraphs of that label
        ("code_switched", pa.bool_()),
        ("other_labels", pa.list_(pa.string())),
        ("zawgyi", pa.bool_()),
        ("normalize_changes", pa.list_(pa.string())),
        ("chars", pa.int32()),
        ("words", pa.int32()),
        ("mean_word_chars", pa.float32()),
        ("alpha_word_ratio", pa.float32()),
        ("symbol_word_ratio", pa.float32()),
        ("ellipsis_line_ratio", pa.float32()),
        ("bullet_line_ratio", pa.float32()),
        ("duplicate_line_ratio", pa.float32()),
        ("blocklist_hits", pa.int32()),
        ("blocklist_terms", pa.int32()),  # distinct terms among the hits
        ("pii", pa.list_(pa.string())),
        ("drop_reason", pa.string()),
        ("duplicate_of", pa.string()),
        ("meta", pa.string()),  # the record's other fields as a JSON object
    ]
)
# Only in the intermediate shards: what the global dedup phase needs.
DEDUP_FIELDS = [
    ("exact_hash", pa.binary(16)),
    ("bands", pa.list_(pa.uint64())),
    ("minhash8", pa.binary()),
]
STAGE_SCHEMA = pa.schema([*SCHEMA, *DEDUP_FIELDS])
FINAL_COLUMNS = SCHEMA.names

_DEFAULTS: dict[str, Any] = {
    "label_share": 0.0,
    "code_switched": False,
    "zawgyi": False,
}


class Batch:
    """Columns of equal length; ``drop_reason`` holds the first reason a step gave, or ``None``."""

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        self.size = len(columns["id"])
        columns.setdefault("drop_reason", [None] * self.size)
        # Per-batch scratch space for steps (segmented words...): never written.
        self.scratch: dict[str, Any] = {}

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, name: str) -> list[Any]:
        return self.columns[name]

    def set(self, name: str, values: Sequence[Any]) -> None:
        if len(values) != self.size:
            raise ValueError(f"column {name!r} has {len(values)} values for {self.size} documents")
        self.columns[name] = list(values)

    def alive(self) -> list[int]:
        """Rows no step has dropped yet (later steps spend no work on dropped rows)."""
        return [i for i, reason in enumerate(self.columns["drop_reason"]) if reason is None]

    def drop(self, rows: Iterable[int], reason: str) -> None:
        reasons = self.columns["drop_reason"]
        for i in rows:
            if reasons[i] is None:
                reasons[i] = reason

    def to_arrow(self, schema: pa.Schema = STAGE_SCHEMA) -> pa.Table:
        arrays = []
        for column in schema:
            values = self.columns.get(column.name)
            if values is None:
                values = [_DEFAULTS.get(column.name)] * self.size
            arrays.append(pa.array(values, type=column.type))
        return pa.Table.from_arrays(arrays, schema=schema)
