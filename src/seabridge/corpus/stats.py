"""Corpus statistics: computed per shard while it is written, merged by summing, checked at the end.

Every count is a sum over shards, so partial statistics from any number of workers merge exactly, and the
accounting identity ``read = kept + removed + quarantined`` can be checked per input file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa
import regex

HISTOGRAM_BINS = 32  # bin k holds lengths in [2^k, 2^(k+1)); bin 0 also holds 0


def log2_histogram(values: Iterable[int]) -> list[int]:
    array = np.fromiter(values, dtype=np.int64)
    if array.size == 0:
        return []
    bins = np.floor(np.log2(np.maximum(array, 1))).astype(np.int64).clip(0, HISTOGRAM_BINS - 1)
    return np.bincount(bins).tolist()


def shard_stats(table: pa.Table) -> dict[str, Any]:
    """Partial statistics of one final shard (kept and removed rows together)."""
    columns = table.select(
        ["file", "label", "chars", "words", "drop_reason", "code_switched", "zawgyi", "pii"]
    )
    rows = columns.to_pylist()
    stats: dict[str, Any] = {"labels": {}, "drop_reasons": {}, "files": {}, "pii": {}, "duplicates": {}}
    chars: dict[str, list[int]] = {}
    words: dict[str, list[int]] = {}
    removed_chars: list[int] = []
    for row in rows:
        label, reason = row["label"] or "und", row["drop_reason"]
        entry = stats["labels"].setdefault(
            label, {"kept": 0, "chars": 0, "words": 0, "removed": {}, "code_switched": 0, "zawgyi": 0}
        )
        per_file = stats["files"].setdefault(row["file"], {"kept": 0, "removed": 0})
        if reason is None:
            entry["kept"] += 1
            entry["chars"] += row["chars"] or 0
            entry["words"] += row["words"] or 0
            entry["code_switched"] += bool(row["code_switched"])
            entry["zawgyi"] += bool(row["zawgyi"])
            per_file["kept"] += 1
            chars.setdefault(label, []).append(row["chars"] or 0)
            words.setdefault(label, []).append(row["words"] or 0)
            for kind in row["pii"] or ():
                stats["pii"][kind] = stats["pii"].get(kind, 0) + 1
        else:
            entry["removed"][reason] = entry["removed"].get(reason, 0) + 1
            stats["drop_reasons"][reason] = stats["drop_reasons"].get(reason, 0) + 1
            per_file["removed"] += 1
            removed_chars.append(row["chars"] or 0)
            if reason in ("exact_duplicate", "near_duplicate"):
                kind = "exact" if reason == "exact_duplicate" else "near"
                by_label = stats["duplicates"].setdefault(label, {"exact": 0, "near": 0})
                by_label[kind] += 1
    stats["histograms"] = {
        "chars_log2": {label: log2_histogram(values) for label, values in chars.items()},
        "words_log2": {label: log2_histogram(values) for label, values in words.items()},
        "removed_chars_log2": log2_histogram(removed_chars),
    }
    return stats


def merge(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Sum partial statistics: numbers add, lists add element-wise, dicts merge recursively."""
    total: dict[str, Any] = {}
    for part in parts:
        _merge_into(total, part)
    return total


def _merge_into(total: dict[str, Any], part: dict[str, Any]) -> None:
    for key, value in part.items():
        if isinstance(value, dict):
            _merge_into(total.setdefault(key, {}), value)
        elif isinstance(value, list):
            current = total.get(key, [])
            width = max(len(current), len(value))
            total[key] = [
                (current[i] if i < len(current) else 0) + (value[i] if i < len(value) else 0)
                for i in range(width)
            ]
        else:
            total[key] = total.get(key, 0) + value


_REASON_CLASSES = [
    (regex.compile(r"^truncated (\w+)", regex.I), None),
    (regex.compile(r"invalid UTF-8", regex.I), "invalid UTF-8"),
    (regex.compile(r"exceeds max_record_bytes|too large|oversize", regex.I), "oversize record"),
    (regex.compile(r"^binary file", regex.I), "binary file"),
    (regex.compile(r"^unsupported format", regex.I), "unsupported format"),
    (regex.compile(r"^unsupported payload", regex.I), "unsupported payload type"),
    (regex.compile(r"JSON|Expecting|delimiter|Unterminated", regex.I), "malformed JSON"),
]


def reason_class(reason: str) -> str:
    """A short class of a quarantine reason ("truncated gzip stream", "malformed JSON") for tables."""
    for pattern, name in _REASON_CLASSES:
        match = pattern.search(reason)
        if match:
            return name or f"truncated {match.group(1)} stream"
    head = regex.split(r"[:(]", reason, maxsplit=1)[0].strip()
    return head[:60] or "unreadable"


def finish(
    parts: dict[str, Any],
    read_counts: dict[str, dict[str, int]],
    quarantine_reasons: dict[str, int],
    dedup_summary: dict[str, Any],
    bytes_read: int,
) -> dict[str, Any]:
    """The final ``stats.json``: merged shard statistics, per-file accounting checked, totals."""
    files: dict[str, dict[str, Any]] = {}
    for name, counts in read_counts.items():
        finals = parts.get("files", {}).get(name, {})
        files[name] = {
            "format": counts.get("format", ""),
            "read": counts.get("read", 0),
            "kept": finals.get("kept", 0),
            "removed": finals.get("removed", 0),
            "quarantined": counts.get("quarantined", 0),
        }
    labels = parts.get("labels", {})
    duplicates = {
        "exact": parts.get("drop_reasons", {}).get("exact_duplicate", 0),
        "near": parts.get("drop_reasons", {}).get("near_duplicate", 0),
        "clusters": dedup_summary.get("clusters", 0),
        "largest_cluster": dedup_summary.get("largest_cluster", 0),
        "by_label": parts.get("duplicates", {}),
    }
    totals = {
        "read": sum(f["read"] for f in files.values()),
        "kept": sum(f["kept"] for f in files.values()),
        "removed": sum(f["removed"] for f in files.values()),
        "quarantined": sum(f["quarantined"] for f in files.values()),
        "bytes_read": bytes_read,
        "chars_kept": sum(entry["chars"] for entry in labels.values()),
        "words_kept": sum(entry["words"] for entry in labels.values()),
    }
    return {
        "totals": totals,
        "labels": dict(sorted(labels.items(), key=lambda item: -item[1]["kept"])),
        "drop_reasons": dict(sorted(parts.get("drop_reasons", {}).items(), key=lambda item: -item[1])),
        "quarantine_reasons": dict(sorted(quarantine_reasons.items(), key=lambda item: -item[1])),
        "files": files,
        "duplicates": duplicates,
        "pii": parts.get("pii", {}),
        "histograms": parts.get("histograms", {"chars_log2": {}, "words_log2": {}, "removed_chars_log2": []}),
    }


def unbalanced_files(stats: dict[str, Any]) -> list[str]:
    """Files for which read != kept + removed + quarantined (must be empty; anything else is a bug)."""
    return [
        name for name, f in stats["files"].items() if f["read"] != f["kept"] + f["removed"] + f["quarantined"]
    ]
