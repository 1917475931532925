"""Reading a built corpus back: samples, and exports as JSONL or as a Hugging Face ``datasets`` folder.

The HF folder has one Parquet file per language under ``data/<label>/`` and a dataset card (README.md)
whose YAML header declares a ``default`` configuration with every language and one configuration per
language, so ``datasets.load_dataset(folder)`` and ``load_dataset(folder, "tha_Thai")`` both work offline.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import zstandard

from seabridge.corpus.store import CorpusDir, iter_tables, write_text

EXPORT_COLUMNS = ["id", "text", "label", "label_score", "source", "words", "code_switched", "pii", "meta"]


def documents(root: str | Path, label: str | None = None, removed: bool = False) -> Iterator[dict[str, Any]]:
    """Kept (or removed) documents as dicts, shard by shard, optionally of one label."""
    store = CorpusDir(root)
    store.read_manifest()  # a clear error when ``root`` is not a corpus
    for table in iter_tables(store.shards(store.removed if removed else store.data)):
        if label is not None:
            table = table.filter(pc.equal(table["label"], label))
        yield from table.to_pylist()


def sample(
    root: str | Path, label: str | None, n: int, seed: int = 0, removed: bool = False
) -> list[dict[str, Any]]:
    """``n`` documents drawn uniformly (reservoir sampling: one pass, memory for ``n`` documents)."""
    rng = random.Random(seed)
    chosen: list[dict[str, Any]] = []
    for seen, doc in enumerate(documents(root, label, removed)):
        if seen < n:
            chosen.append(doc)
        else:
            slot = rng.randint(0, seen)
            if slot < n:
                chosen[slot] = doc
    return chosen


def export_jsonl(root: str | Path, out: str | Path, label: str | None = None) -> int:
    """Write kept documents as JSON lines (``.gz`` / ``.zst`` suffixes compress); returns the count."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with _open_text(out) as handle:
        for doc in documents(root, label):
            record = {key: doc[key] for key in EXPORT_COLUMNS}
            record["meta"] = json.loads(doc["meta"]) if doc["meta"] else {}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8")
    if path.suffix == ".zst":
        return zstandard.open(path, "wt", encoding="utf-8")
    return path.open("w", encoding="utf-8")


def export_hf(root: str | Path, out: str | Path) -> dict[str, int]:
    """Write a folder ``datasets.load_dataset`` reads; returns documents per label."""
    store = CorpusDir(root)
    manifest = store.read_manifest()
    out = Path(out)
    writers: dict[str, pq.ParquetWriter] = {}
    counts: dict[str, int] = {}
    try:
        for table in iter_tables(store.shards(store.data), columns=EXPORT_COLUMNS):
            for label in pc.unique(table["label"]).to_pylist():
                part = table.filter(pc.equal(table["label"], label))
                if label not in writers:
                    folder = out / "data" / label
                    folder.mkdir(parents=True, exist_ok=True)
                    writers[label] = pq.ParquetWriter(folder / "train-00000-of-00001.parquet", part.schema)
                writers[label].write_table(part)
                counts[label] = counts.get(label, 0) + part.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    if not counts:  # an empty corpus is still a loadable dataset
        folder = out / "data" / "und"
        folder.mkdir(parents=True, exist_ok=True)
        empty = pa.table({name: pa.array([], pa.string()) for name in EXPORT_COLUMNS})
        pq.write_table(empty, folder / "train-00000-of-00001.parquet")
    write_text(out / "README.md", _card(sorted(counts), counts, manifest))
    return counts


def _card(labels: list[str], counts: dict[str, int], manifest: dict[str, Any]) -> str:
    configs = [
        "configs:",
        "- config_name: default",
        "  default: true",
        "  data_files:",
        "  - split: train",
        '    path: "data/*/*.parquet"',
    ]
    for label in labels:
        configs += [
            f"- config_name: {label}",
            "  data_files:",
            "  - split: train",
            f'    path: "data/{label}/*.parquet"',
        ]
    rows = "\n".join(f"| {label} | {counts[label]:,} |" for label in labels)
    inputs = ", ".join(item["path"] for item in manifest.get("inputs", [])[:10])
    return (
        "---\n" + "\n".join(configs) + "\n---\n\n"
        "# ASEAN Languages Corpus export (seabridge)\n\n"
        f"Built by seabridge {manifest.get('seabridge_version', '?')} on {manifest.get('created', '?')} "
        f"from {len(manifest.get('inputs', []))} input file(s) ({inputs}). "
        "Text is normalised, language-tagged (`label`, ISO 639-3 + ISO 15924), deduplicated within each "
        "language, and personal data "
        "(e-mail addresses, phone numbers, IP addresses) is replaced by placeholders such as `<EMAIL>`.\n\n"
        "| label | documents |\n|---|---|\n" + rows + "\n\n"
        "Licences are those of the inputs: check each source before redistributing.\n"
    )
