"""Phase 2 of a build: exact and near-duplicate decisions across all shards, within each language.

Within one label, documents are taken in input order (``order``), so the earliest copy is always the one
kept, whichever executor ran and however the input was cut into tasks. Exact duplicates share the hash of
their dedup key. Near-duplicate candidates share a MinHash band key; a candidate pair counts only when its
Jaccard similarity, estimated from the 8-bit signatures, reaches the threshold; confirmed pairs are joined
into clusters (connected components) and every member but the earliest is removed, pointing at the kept
document it duplicates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from seabridge.corpus.config import DedupConfig
from seabridge.corpus.minhash import estimated_jaccard

_COLUMNS = ["id", "order", "label", "drop_reason", "exact_hash", "bands", "minhash8"]
# Band buckets larger than this (boilerplate shared by thousands of pages) are checked as a chain
# rather than all pairs, so a bucket costs linear, not quadratic, work.
_ALL_PAIRS_LIMIT = 32
DECISION_SCHEMA = pa.schema(
    [("id", pa.string()), ("drop_reason", pa.string()), ("duplicate_of", pa.string())]
)


@dataclass
class _Documents:
    """The kept-so-far documents of one label, sorted by input order."""

    ids: list[str]
    tasks: list[str]
    exact: list[bytes]
    bands: np.ndarray  # documents × bands, uint64
    bits: np.ndarray  # documents × permutations, uint8


@dataclass
class DedupResult:
    decisions: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # task -> rows
    clusters: int = 0
    largest_cluster: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "clusters": self.clusters,
            "largest_cluster": self.largest_cluster,
            "duplicates": sum(len(rows) for rows in self.decisions.values()),
        }


def load(shards: list[Path]) -> dict[str, _Documents]:
    """The dedup columns of every document no step dropped, grouped by label, in input order."""
    parts: dict[str, list[tuple[str, pa.Table]]] = defaultdict(list)
    for shard in shards:
        table = pq.read_table(shard, columns=_COLUMNS)
        table = table.filter(pc.is_null(table["drop_reason"]))
        for label in pc.unique(table["label"]).to_pylist():
            parts[label].append((shard.stem, table.filter(pc.equal(table["label"], label))))
    grouped: dict[str, _Documents] = {}
    for label, tables in parts.items():
        tasks = [name for name, table in tables for _ in range(table.num_rows)]
        table = pa.concat_tables([table for _, table in tables])
        order = np.argsort(table["order"].to_numpy(), kind="stable")
        n = table.num_rows
        bands = pc.list_flatten(table["bands"]).to_numpy().reshape(n, -1)
        bits = np.frombuffer(b"".join(table["minhash8"].to_pylist()), dtype=np.uint8).reshape(n, -1)
        ids = table["id"].to_pylist()
        exact = table["exact_hash"].to_pylist()
        grouped[label] = _Documents(
            ids=[ids[i] for i in order],
            tasks=[tasks[i] for i in order],
            exact=[exact[i] for i in order],
            bands=bands[order],
            bits=bits[order],
        )
    return grouped


def deduplicate(shards: list[Path], config: DedupConfig) -> DedupResult:
    result = DedupResult()
    for docs in load(shards).values():
        _label_decisions(docs, config, result)
    return result


def _label_decisions(docs: _Documents, config: DedupConfig, result: DedupResult) -> None:
    n = len(docs.ids)
    keeper = np.arange(n)  # the document each one is a copy of (itself when kept)
    reason: list[str | None] = [None] * n
    if config.exact:
        first: dict[bytes, int] = {}
        for i, key in enumerate(docs.exact):
            j = first.setdefault(key, i)
            if j != i:
                keeper[i], reason[i] = j, "exact_duplicate"
    if config.near:
        representatives = np.flatnonzero(keeper == np.arange(n))
        components = _near_components(docs, representatives, config.threshold)
        # the earliest member of each component keeps it: representatives are in input order
        first_of: dict[int, int] = {}
        for rep, component in zip(representatives, components, strict=True):
            root = first_of.setdefault(int(component), int(rep))
            if root != rep:
                keeper[rep], reason[rep] = root, "near_duplicate"
        keeper = keeper[keeper]  # exact copies of a near duplicate point at the document finally kept
    sizes = np.bincount(keeper, minlength=n)
    clustered = sizes[sizes > 1]
    result.clusters += int(clustered.size)
    result.largest_cluster = max(result.largest_cluster, int(clustered.max()) if clustered.size else 0)
    for i in range(n):
        if reason[i] is not None:
            result.decisions.setdefault(docs.tasks[i], []).append(
                (docs.ids[i], reason[i], docs.ids[keeper[i]])
            )


def _near_components(docs: _Documents, rows: np.ndarray, threshold: float) -> np.ndarray:
    """Component number of each of ``rows`` in the graph of confirmed near-duplicate pairs."""
    if rows.size == 0:
        return rows
    pairs: set[tuple[int, int]] = set()
    for band in range(docs.bands.shape[1]):
        keys = docs.bands[rows, band]
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(keys)]
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            members = np.sort(order[start:end])
            if len(members) <= _ALL_PAIRS_LIMIT:
                pairs.update((int(a), int(b)) for k, a in enumerate(members) for b in members[k + 1 :])
            else:
                pairs.update(zip(members[:-1].tolist(), members[1:].tolist(), strict=True))
    if not pairs:
        return np.arange(rows.size)
    left, right = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    similar = estimated_jaccard(docs.bits[rows[left]], docs.bits[rows[right]]) >= threshold
    graph = coo_matrix(
        (np.ones(int(similar.sum())), (left[similar], right[similar])), shape=(rows.size, rows.size)
    )
    return connected_components(graph, directed=False)[1]


def write_decisions(result: DedupResult, folder: Path) -> dict[str, str]:
    """One small Parquet file of decisions per task that has duplicates; returns task -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, str] = {}
    for task, rows in result.decisions.items():
        ids, reasons, originals = (list(column) for column in zip(*rows, strict=True))
        table = pa.Table.from_arrays(
            [pa.array(ids, pa.string()), pa.array(reasons, pa.string()), pa.array(originals, pa.string())],
            schema=DECISION_SCHEMA,
        )
        path = folder / f"{task}.parquet"
        tmp = path.with_name(f".tmp-{path.name}")
        pq.write_table(table, tmp)
        tmp.replace(path)
        paths[task] = str(path)
    return paths
