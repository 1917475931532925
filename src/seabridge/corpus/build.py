"""``build``: plan, process every task, deduplicate globally, split kept from removed, account, report.

A build is resumable at every point: each task's files are written atomically before its completion
marker, the global phase writes its decisions before its own marker, and a finished build is recognised
by its manifest (same settings, same input checksums) and returned without redoing anything.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from seabridge import __version__
from seabridge.corpus import dedup, stats
from seabridge.corpus.config import BuildConfig
from seabridge.corpus.executors import make_executor
from seabridge.corpus.pipeline import FINAL, STAGE, finalize_task, process_task
from seabridge.corpus.plan import Plan, cpu_count, input_bytes, make_plan
from seabridge.corpus.store import CorpusDir, write_json
from seabridge.governance.classify import classify
from seabridge.governance.crypto import MasterKeyError, load_master_key
from seabridge.governance.pii import KEYED_MODES

Progress = Callable[[str, int, int], None]  # phase, tasks done, tasks in all
_DEDUP_MARKER = "all"


class BuildError(RuntimeError):
    """A build that cannot go on (an output folder built differently, an accounting that does not hold)."""


@dataclass
class BuildResult:
    out: Path
    manifest: dict[str, Any]
    stats: dict[str, Any]
    resumed: bool

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.manifest["counts"])

    @property
    def report(self) -> Path:
        return self.out / "report.html"


def build(
    inputs: list[str],
    out: str | Path,
    config: BuildConfig | None = None,
    workers: int | None = None,
    executor: str = "local",
    ray_address: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build (or resume, or recognise as already built) the corpus of ``inputs`` in ``out``."""
    started = time.perf_counter()
    config = _with_key_id(config or BuildConfig())
    workers = workers or cpu_count()
    store = CorpusDir(out)
    plan = make_plan([str(path) for path in inputs], config)
    fingerprint = config.fingerprint()
    existing = _finished(store, plan, fingerprint)
    if existing is not None:
        return existing
    store.create()
    runner = make_executor(executor, workers, ray_address)
    try:
        staged = runner.map(
            process_task,
            [(task, config, str(store.root)) for task in plan.tasks],
            _tick(progress, STAGE, plan),
        )
        decisions, dedup_summary = _deduplicate(store, plan, config, fingerprint)
        finals = runner.map(
            finalize_task,
            [(task.name, fingerprint, str(store.root), decisions.get(task.name)) for task in plan.tasks],
            _tick(progress, FINAL, plan),
        )
    finally:
        runner.close()
    _remove_stale_shards(store, {task.name for task in plan.tasks})
    corpus_stats = _statistics(plan, staged, finals, dedup_summary)
    manifest = _manifest(plan, config, corpus_stats, executor, workers, time.perf_counter() - started)
    write_json(store.stats_path, corpus_stats)
    write_json(store.manifest_path, manifest)
    from seabridge.corpus.report import write_report  # matplotlib is imported only when a report is made

    write_report(store.root)
    shutil.rmtree(store.work, ignore_errors=True)
    return BuildResult(store.root, manifest, corpus_stats, resumed=False)


def _tick(progress: Progress | None, phase: str, plan: Plan) -> Callable[[int, Any], None] | None:
    if progress is None:
        return None
    done = [0]
    progress(phase, 0, len(plan.tasks))

    def tick(_: int, __: Any) -> None:
        done[0] += 1
        progress(phase, done[0], len(plan.tasks))

    return tick


def _finished(store: CorpusDir, plan: Plan, fingerprint: str) -> BuildResult | None:
    """The earlier result when ``out`` already holds this exact build; an error when it holds another."""
    if not store.manifest_path.exists():
        return None
    manifest = store.read_manifest()
    same_inputs = [i["sha256"] for i in manifest.get("inputs", [])] == [i.sha256 for i in plan.inputs]
    if manifest.get("fingerprint") == fingerprint and same_inputs:
        return BuildResult(store.root, manifest, store.read_stats(), resumed=True)
    raise BuildError(
        f"{store.root} already holds a corpus built from other inputs or settings; "
        "choose another --out or delete it"
    )


def _deduplicate(
    store: CorpusDir, plan: Plan, config: BuildConfig, fingerprint: str
) -> tuple[dict[str, str], dict[str, Any]]:
    done = store.read_marker("dedup", _DEDUP_MARKER, fingerprint)
    if done is not None:
        return done["decisions"], done["summary"]
    shards = [store.stage / f"{task.name}.parquet" for task in plan.tasks]
    result = dedup.deduplicate(shards, config.dedup)
    decisions = dedup.write_decisions(result, store.work / "dedup")
    store.write_marker(
        "dedup", _DEDUP_MARKER, fingerprint, {"decisions": decisions, "summary": result.summary()}
    )
    return decisions, result.summary()


def _remove_stale_shards(store: CorpusDir, names: set[str]) -> None:
    """Shards of an interrupted build with a different plan must not be mixed into this one."""
    for folder in (store.data, store.removed, store.quarantine):
        for path in folder.iterdir():
            if path.stem not in names:
                path.unlink()


def _statistics(
    plan: Plan, staged: list[dict[str, Any]], finals: list[dict[str, Any]], dedup_summary: dict[str, Any]
) -> dict[str, Any]:
    read_counts: dict[str, dict[str, Any]] = {
        item.display: {"format": item.fmt or "unsupported", "read": 0, "quarantined": 0}
        for item in plan.inputs
    }
    quarantine_reasons: dict[str, int] = {}
    for result in staged:
        for name, counts in result["files"].items():
            read_counts[name]["read"] += counts.get("read", 0)
            read_counts[name]["quarantined"] += counts.get("quarantined", 0)
        for reason, count in result["quarantine_reasons"].items():
            quarantine_reasons[reason] = quarantine_reasons.get(reason, 0) + count
    merged = stats.merge(result["stats"] for result in finals)
    corpus_stats = stats.finish(merged, read_counts, quarantine_reasons, dedup_summary, input_bytes(plan))
    unbalanced = stats.unbalanced_files(corpus_stats)
    if unbalanced:
        raise BuildError(
            f"accounting does not hold for {', '.join(unbalanced)}: this is a bug, please report it"
        )
    return corpus_stats


def _with_key_id(config: BuildConfig) -> BuildConfig:
    """For keyed redaction, the config naming the master key (read now, so a missing key stops the build
    before any work, with the key's own message)."""
    if config.pii not in KEYED_MODES:
        return config
    try:
        key = load_master_key()
    except MasterKeyError as exc:
        raise BuildError(f"pii={config.pii} needs the master key: {exc}") from exc
    return replace(config, pii_key_id=key.key_id)


def _manifest(
    plan: Plan, config: BuildConfig, corpus_stats: dict[str, Any], executor: str, workers: int, seconds: float
) -> dict[str, Any]:
    totals = corpus_stats["totals"]
    return {
        "seabridge_version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(seconds, 3),
        "executor": executor,
        "workers": workers,
        "fingerprint": config.fingerprint(),
        "parameters": config.to_dict(),
        "inputs": [item.to_dict() for item in plan.inputs],
        "tasks": len(plan.tasks),
        "counts": {key: totals[key] for key in ("read", "kept", "removed", "quarantined")},
        "classification": classify(
            corpus_stats["pii"], config.categories, redaction=config.pii, scanned=config.pii != "off"
        ).to_dict(),
    }
