"""PII recognition: seabridge against Microsoft Presidio, same labelled set, same run.

The claim: on identifiers of the region written in its languages, seabridge reaches ≥ 0.98 precision and
recall on every type, at ≥ 5 MB/s per core.

    .venv/bin/python benchmarks/pii.py                  # 400 + 400 per type, 2,000 plain: 4–5 minutes
    .venv/bin/python benchmarks/pii.py --quick          # 40 + 40 per type: about 30 seconds
    .venv/bin/python benchmarks/pii.py --skip-presidio --json out.json

The set (``benchmarks/pii_data.py``, cached in ``benchmarks/.cache/``, its docstring has every rule): per
type, valid identifiers and near misses (a wrong check digit or letter, an impossible date, an unknown region,
a digit too many or too few …) in hand-written frames and SIB-200 train sentences of 16 labels, with and
without a context word and, in scripts without spaces, with and without spaces around them; plus sentences
with no personal data (dates, prices, order numbers, years).

Systems:

* seabridge: ``seabridge.governance.pii.scan(text, label)`` in this process, with the sample's label.
  Types without a recogniser yet simply score recall 0.
* Presidio (presidio-analyzer 2.2.366 in ``.venv-presidio``, run by ``benchmarks/pii_presidio.py``): every
  predefined recogniser that runs offline, enabled, spaCy ``en_core_web_sm`` for NER, ``language="en"`` for
  every text (it has no recognisers for the region's languages), its default score threshold (0). Its types
  are mapped onto ours (EMAIL_ADDRESS → EMAIL, PHONE_NUMBER → PHONE, IBAN_CODE → IBAN, TH_TNIN →
  TH_NATIONAL_ID, SG_NRIC_FIN, PH_TIN, IP_ADDRESS, CREDIT_CARD); the rest (PERSON, DATE_TIME, US_SSN, PH_UMID
  …) are ignored and counted below the table. Install it with ``python3 -m venv .venv-presidio`` and
  ``.venv-presidio/bin/pip install -r benchmarks/requirements-presidio.txt``; without it only seabridge's
  figures are shown.

Scoring, per type T: a predicted span of type T is a true positive when a gold span of type T has exactly
its start and end (no boundary tolerance). Any other prediction of type T is a false positive — except one
overlapping a near miss generated as another type (a near-miss IBAN reported as a phone number is not
counted against PHONE; those are counted as ``ignored``). A gold span not predicted as T is a false negative.
"any-type R" is the share of gold spans predicted with exactly their span under any type (a mislabelled ID
shows there); "NM rejected" the share of near misses of T that no prediction of type T overlaps.

Throughput, one core each: bytes of UTF-8 text analysed ÷ seconds of analysis, model loading excluded
(reported apart), on (a) the labelled set and (b) ordinary text with little personal data: the lines of
``examples/sample/*.txt`` with their labels, repeated to ``--text-mb`` (10 MB; Presidio reads the first
``--presidio-text-mb`` of it, 2 MB, as its rate is the same on every repetition). MB/s per core uses wall
time (CPU time in brackets); Presidio runs with one BLAS/OpenMP thread.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pii_data import CACHE, TYPES, Sample, cached_set, read

REPO = Path(__file__).resolve().parents[1]
PRESIDIO_PY = REPO / ".venv-presidio" / "bin" / "python"
SAMPLE_TEXT = REPO / "examples" / "sample"
CLAIM_SCORE = 0.98
CLAIM_MB_S = 5.0
MAX_ERRORS = 100  # per (error, type, where) in the JSON report
QUICK = {"per_type": 40, "none": 200, "text_mb": 1.0, "presidio_text_mb": 0.25}
PRESIDIO_TYPES = frozenset(
    {"EMAIL", "PHONE", "IP_ADDRESS", "CREDIT_CARD", "IBAN", "SG_NRIC_FIN", "TH_NATIONAL_ID", "PH_TIN"}
)

Span = tuple[str, int, int]


# --- running the systems ---------------------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds spent analysing some text, and how much text."""

    texts: int
    bytes: int
    wall_s: float
    cpu_s: float

    @property
    def mb_s(self) -> float:
        return self.bytes / 1e6 / self.wall_s if self.wall_s else float("nan")

    @property
    def mb_s_cpu(self) -> float:
        return self.bytes / 1e6 / self.cpu_s if self.cpu_s else float("nan")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ordinary_text(mb: float) -> list[tuple[str | None, str]]:
    """(label, line) of ``examples/sample/*.txt``, repeated until ``mb`` MB; ``damaged.txt`` has no label."""
    lines: list[tuple[str | None, str]] = []
    for path in sorted(SAMPLE_TEXT.glob("*.txt")):
        label = None if path.stem == "damaged" else path.stem.split(".")[0]
        lines += [(label, line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    size = sum(len(text.encode("utf-8")) for _, text in lines)
    return lines * max(1, round(mb * 1e6 / size))


def timed(
    scan: Callable[[str, str | None], list], texts: list[tuple[str | None, str]]
) -> tuple[list, Timing]:
    """``scan`` over ``(label, text)`` pairs, and what it took."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    found = [scan(text, label) for label, text in texts]
    spent = Timing(
        len(texts), sum(len(t.encode()) for _, t in texts), time.perf_counter() - wall, cpu_seconds() - cpu
    )
    return found, spent


def run_seabridge(
    samples: list[Sample], text: list[tuple[str | None, str]]
) -> tuple[dict[str, list[Span]], dict]:
    """seabridge's predictions on the set, and its timings on the set and on ordinary text."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    from seabridge.governance.pii import default_registry, scan

    scan("warm-up: โทร 081 234 5678 หรือ a@example.com", "tha_Thai")
    load = {"wall_s": time.perf_counter() - wall, "cpu_s": cpu_seconds() - cpu}
    found, on_set = timed(scan, [(s.label, s.text) for s in samples])
    predictions = {
        s.id: [(e.type, e.start, e.end) for e in entities] for s, entities in zip(samples, found, strict=True)
    }
    found, on_text = timed(scan, text)
    timings = {"load": load, "set": on_set, "text": on_text, "text_entities": sum(map(len, found))}
    return predictions, {**timings, "types": list(default_registry().entity_types)}


def _write_inputs(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row_id, text in rows:
            out.write(json.dumps({"id": row_id, "text": text}, ensure_ascii=False) + "\n")


def run_presidio(
    samples: list[Sample], text: list[tuple[str | None, str]], phone_regions: str | None, min_score: float
) -> tuple[dict[str, list[Span]], dict] | None:
    """Presidio's predictions and timings (``benchmarks/pii_presidio.py`` in ``.venv-presidio``), or None
    with a message when that virtualenv is missing or fails."""
    if not PRESIDIO_PY.exists():
        print(
            f"pii: {PRESIDIO_PY.relative_to(REPO)} is missing, so Presidio is left out: install it with "
            "`python3 -m venv .venv-presidio && .venv-presidio/bin/pip install -r "
            "benchmarks/requirements-presidio.txt`",
            file=sys.stderr,
        )
        return None
    work = CACHE / "pii-presidio"
    work.mkdir(parents=True, exist_ok=True)
    _write_inputs(work / "set.in.jsonl", [(s.id, s.text) for s in samples])
    _write_inputs(work / "text.in.jsonl", [(str(i), line) for i, (_, line) in enumerate(text)])
    cmd = [
        str(PRESIDIO_PY),
        str(REPO / "benchmarks" / "pii_presidio.py"),
        str(work / "set.in.jsonl"),
        str(work / "set.out.jsonl"),
        str(work / "text.in.jsonl"),
        str(work / "text.out.jsonl"),
    ]
    if phone_regions:
        cmd += ["--phone-regions", phone_regions]
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    print("pii: running Presidio …", file=sys.stderr, flush=True)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"pii: Presidio failed ({done.returncode}):\n{done.stderr[-3000:]}", file=sys.stderr)
        return None
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    predictions: dict[str, list[Span]] = {}
    for line in (work / "set.out.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        predictions[row["id"]] = [(t, s, e) for t, s, e, score in row["entities"] if score >= min_score]
    set_file, text_file = stats["files"]
    stats["set"] = Timing(set_file["texts"], set_file["bytes"], set_file["wall_s"], set_file["cpu_s"])
    stats["text"] = Timing(text_file["texts"], text_file["bytes"], text_file["wall_s"], text_file["cpu_s"])
    return predictions, stats


# --- scoring ---------------------------------------------------------------------------------------------


@dataclass
class TypeScore:
    """One system's counts for one entity type."""

    support: int = 0  # gold spans
    near_misses: int = 0
    tp: int = 0
    fp: int = 0
    any_type: int = 0  # gold spans predicted with exactly their span, any type
    overlapped: int = 0  # gold spans that some prediction overlaps
    near_misses_rejected: int = 0
    ignored: int = 0  # predictions of this type on another type's near miss
    fp_where: Counter[str] = field(default_factory=Counter)
    near_miss_kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [rejected, total]
    recall_by: dict[str, list[int]] = field(
        default_factory=dict
    )  # "form:…", "label:…", "spaced:…" -> [found, n]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p == p and r == r and p + r else float("nan")

    @property
    def any_type_recall(self) -> float:
        return self.any_type / self.support if self.support else float("nan")

    @property
    def rejection(self) -> float:
        return self.near_misses_rejected / self.near_misses if self.near_misses else float("nan")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _tally(bucket: dict[str, list[int]], key: str, hit: bool) -> None:
    counts = bucket.setdefault(key, [0, 0])
    counts[0] += hit
    counts[1] += 1


def score(
    samples: list[Sample], predictions: dict[str, list[Span]]
) -> tuple[dict[str, TypeScore], list[dict]]:
    """Per-type scores, and the errors (for the JSON report)."""
    scores: defaultdict[str, TypeScore] = defaultdict(TypeScore)
    errors: list[dict] = []
    for sample in samples:
        predicted = set(predictions.get(sample.id, []))
        gold = {(str(g["type"]), int(g["start"]), int(g["end"])) for g in sample.spans}  # type: ignore[arg-type]
        for kind, start, end in gold:
            s = scores[kind]
            hit = (kind, start, end) in predicted
            s.support += 1
            s.tp += hit
            s.any_type += any((p[1], p[2]) == (start, end) for p in predicted)
            s.overlapped += any(_overlaps((p[1], p[2]), (start, end)) for p in predicted)
            for key in (
                f"form:{sample.detail}",
                f"label:{sample.label}",
                f"spaced:{sample.spaced}",
                f"context:{sample.context}",
                f"construction:{sample.construction}",
            ):
                _tally(s.recall_by, key, hit)
            if not hit:
                errors.append(
                    {
                        "error": "fn",
                        "type": kind,
                        "id": sample.id,
                        "text": sample.text,
                        "gold": [start, end],
                        "predicted": sorted(predicted),
                    }
                )
        for decoy in sample.decoys:
            s, span = scores[str(decoy["type"])], (int(decoy["start"]), int(decoy["end"]))  # type: ignore[arg-type]
            rejected = not any(p[0] == decoy["type"] and _overlaps((p[1], p[2]), span) for p in predicted)
            s.near_misses += 1
            s.near_misses_rejected += rejected
            _tally(s.near_miss_kinds, str(decoy["kind"]), rejected)
        for prediction in predicted - gold:
            where = _false_positive(sample, prediction)
            if where is None:
                scores[prediction[0]].ignored += 1
                continue
            scores[prediction[0]].fp += 1
            scores[prediction[0]].fp_where[where] += 1
            errors.append(
                {
                    "error": "fp",
                    "type": prediction[0],
                    "where": where,
                    "id": sample.id,
                    "text": sample.text,
                    "predicted": list(prediction),
                }
            )
    return dict(scores), errors


def _false_positive(sample: Sample, prediction: Span) -> str | None:
    """Where a prediction that matches no gold span of its type fell; None when it is not counted (it
    overlaps a near miss generated as another type)."""
    kind, start, end = prediction
    for decoy in sample.decoys:
        if _overlaps((start, end), (int(decoy["start"]), int(decoy["end"]))):  # type: ignore[arg-type]
            return f"near_miss:{decoy['kind']}" if decoy["type"] == kind else None
    for gold in sample.spans:
        if _overlaps((start, end), (int(gold["start"]), int(gold["end"]))):  # type: ignore[arg-type]
            return "wrong_boundary" if gold["type"] == kind else f"on_{gold['type']}"
    return "no_pii_sentence" if sample.kind == "none" else "surrounding_text"


def micro(scores: dict[str, TypeScore]) -> TypeScore:
    total = TypeScore()
    for s in scores.values():
        total.support += s.support
        total.near_misses += s.near_misses
        total.tp += s.tp
        total.fp += s.fp
        total.any_type += s.any_type
        total.near_misses_rejected += s.near_misses_rejected
    return total


# --- report ----------------------------------------------------------------------------------------------


def _f(value: float, spec: str = ".3f") -> str:
    return "—" if value != value else format(value, spec)


def type_table(results: dict[str, dict[str, TypeScore]], title: str) -> Table:
    table = Table(title=title)
    table.add_column("type")
    table.add_column("pos", justify="right")
    table.add_column("near", justify="right")
    for name in results:
        for column in (f"{name} P", "R", "F1", "any-R", "NM-rej"):
            table.add_column(column, justify="right")
    first = next(iter(results.values()))
    for kind in [*TYPES, "all (micro)"]:
        row_scores = {
            name: (micro(s) if kind == "all (micro)" else s.get(kind, TypeScore()))
            for name, s in results.items()
        }
        base = micro(first) if kind == "all (micro)" else first.get(kind, TypeScore())
        cells = [str(base.support), str(base.near_misses)]
        for s in row_scores.values():
            cells += [_f(s.precision), _f(s.recall), _f(s.f1), _f(s.any_type_recall), _f(s.rejection)]
        table.add_row(kind, *cells, end_section=kind == TYPES[-1])
    return table


def fp_table(results: dict[str, dict[str, TypeScore]]) -> Table:
    table = Table(
        title="Where the false positives fell (per system and type; ignored = on another type's near miss)"
    )
    table.add_column("system")
    table.add_column("type")
    for column in (
        "near miss",
        "other type's value",
        "wrong boundary",
        "no-PII sentence",
        "surrounding text",
        "ignored",
    ):
        table.add_column(column, justify="right")
    for name, scores in results.items():
        for kind in TYPES:
            s = scores.get(kind, TypeScore())
            if not s.fp and not s.ignored:
                continue
            where = s.fp_where
            table.add_row(
                name,
                kind,
                str(sum(n for w, n in where.items() if w.startswith("near_miss:"))),
                str(sum(n for w, n in where.items() if w.startswith("on_"))),
                str(where["wrong_boundary"]),
                str(where["no_pii_sentence"]),
                str(where["surrounding_text"]),
                str(s.ignored),
            )
    return table


def speed_table(timings: dict[str, dict]) -> Table:
    table = Table(title="Throughput, one core each (MB/s per core by wall time; by CPU time in brackets)")
    table.add_column("system")
    table.add_column("load s", justify="right")
    table.add_column("labelled set", justify="right")
    table.add_column("ordinary text", justify="right")
    for name, t in timings.items():
        cells = [f"{t['load']['wall_s']:.2f}"]
        for key in ("set", "text"):
            m: Timing = t[key]
            cells.append(f"{m.mb_s:.3f} ({m.mb_s_cpu:.3f}) · {m.bytes / 1e6:.2f} MB in {m.wall_s:.1f} s")
        table.add_row(name, *cells)
    return table


def claims(sb: dict[str, TypeScore], timing: dict) -> list[str]:
    """The two claims, each met or not, with the figures that decide them."""

    def meets(t: str) -> bool:
        score = sb.get(t, TypeScore())
        return score.precision >= CLAIM_SCORE and score.recall >= CLAIM_SCORE

    below = [t for t in TYPES if not meets(t)]
    lines = [
        f"claim ≥ {CLAIM_SCORE} precision and recall on every type: "
        + ("met" if not below else f"NOT met ({len(below)} of {len(TYPES)} types below: {', '.join(below)})")
    ]
    for key, what in (
        ("text", "ordinary text"),
        ("set", "the labelled set (an identifier in every sentence)"),
    ):
        rate = timing[key].mb_s
        verdict = "met" if rate >= CLAIM_MB_S else "NOT met"
        lines.append(f"claim ≥ {CLAIM_MB_S:g} MB/s per core on {what}: {verdict} ({rate:.2f} MB/s)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="40 + 40 per type, 200 plain sentences, 1 MB text"
    )
    parser.add_argument("--per-type", type=int, default=400, help="positives (and near misses) per type")
    parser.add_argument("--none", type=int, default=2000, help="sentences without personal data")
    parser.add_argument("--seed", type=int, default=0, help="set generator seed")
    parser.add_argument("--text-mb", type=float, default=10.0, help="ordinary text for throughput (MB)")
    parser.add_argument("--presidio-text-mb", type=float, default=2.0, help="Presidio's share of it (MB)")
    parser.add_argument("--skip-presidio", action="store_true", help="seabridge only")
    parser.add_argument("--presidio-phone-regions", help="e.g. TH,VN,ID,MY,SG,PH,MM,KH,LA,BN,TL,CN")
    parser.add_argument("--presidio-min-score", type=float, default=0.0, help="drop Presidio results below")
    parser.add_argument("--json", type=Path, help="write every figure and every error here")
    args = parser.parse_args()
    if args.quick:
        args.per_type, args.none, args.text_mb, args.presidio_text_mb = QUICK.values()
    set_path = cached_set(args.per_type, args.none, args.seed)
    samples = read(set_path)
    text = ordinary_text(args.text_mb)
    print(
        f"pii: {len(samples):,} samples ({set_path.name}); running seabridge …", file=sys.stderr, flush=True
    )
    predictions, timing = run_seabridge(samples, text)
    results = {"seabridge": score(samples, predictions)}
    timings = {"seabridge": timing}
    presidio = (
        None
        if args.skip_presidio
        else run_presidio(
            samples,
            ordinary_text(args.presidio_text_mb),
            args.presidio_phone_regions,
            args.presidio_min_score,
        )
    )
    if presidio:
        results["Presidio"] = score(samples, presidio[0])
        timings["Presidio"] = presidio[1]
    report(args, set_path, samples, results, timings)


def report(
    args: argparse.Namespace,
    set_path: Path,
    samples: list[Sample],
    results: dict[str, tuple[dict[str, TypeScore], list[dict]]],
    timings: dict[str, dict],
) -> None:
    console = Console(width=200)
    scores = {name: r[0] for name, r in results.items()}
    kinds = Counter(s.kind for s in samples)
    title = (
        f"PII recognition per type: {kinds['positive']:,} valid values, {kinds['near_miss']:,} near misses, "
        f"{kinds['none']:,} sentences without personal data, 16 labels (exact span and type)"
    )
    console.print(type_table(scores, title))
    console.print(fp_table(scores))
    console.print(speed_table(timings))
    missing = [t for t in TYPES if t not in set(timings["seabridge"]["types"])]
    if missing:
        console.print(
            f"seabridge has no recogniser yet for: {', '.join(missing)} (recall 0 until they land)."
        )
    if "Presidio" in timings:
        stats = timings["Presidio"]
        console.print(
            f"Presidio {stats['presidio_analyzer']}, {len(stats['recognizers'])} recognisers, "
            f"language 'en' for every text; no recogniser for: "
            f"{', '.join(t for t in TYPES if t not in PRESIDIO_TYPES)}."
        )
        unmapped = ", ".join(f"{k} {v:,}" for k, v in list(stats["unmapped"].items())[:14])
        console.print(
            f"Presidio types with no seabridge counterpart, ignored (counts on set + text): {unmapped} …"
        )
    for line in claims(scores["seabridge"], timings["seabridge"]):
        console.print(line)
    if args.json:
        args.json.write_text(
            json.dumps(
                json_report(args, set_path, results, timings), indent=1, ensure_ascii=False, default=_jsonable
            ),
            encoding="utf-8",
        )


def _jsonable(value: object) -> object:
    if isinstance(value, Timing):
        return {**asdict(value), "mb_s": value.mb_s, "mb_s_cpu": value.mb_s_cpu}
    raise TypeError(type(value))


def type_record(s: TypeScore) -> dict[str, object]:
    """One type's counts and rates (not ``asdict``: it would rebuild the Counter from its items)."""
    record: dict[str, object] = {name: getattr(s, name) for name in TypeScore.__dataclass_fields__}
    record["fp_where"] = dict(s.fp_where)
    for rate in ("precision", "recall", "f1", "any_type_recall", "rejection"):
        record[rate] = getattr(s, rate)
    return record


def capped(errors: list[dict], most: int = MAX_ERRORS) -> list[dict]:
    """At most ``most`` errors of each (error, type, where), so the report stays readable."""
    seen: Counter[tuple[str, str, str]] = Counter()
    kept = []
    for error in errors:
        key = (error["error"], error["type"], error.get("where", ""))
        seen[key] += 1
        if seen[key] <= most:
            kept.append(error)
    return kept


def json_report(
    args: argparse.Namespace,
    set_path: Path,
    results: dict[str, tuple[dict[str, TypeScore], list[dict]]],
    timings: dict[str, dict],
) -> dict[str, object]:
    report: dict[str, object] = {"set": str(set_path), "args": {k: str(v) for k, v in vars(args).items()}}
    for name, (scores, errors) in results.items():
        report[name] = {
            "per_type": {t: type_record(s) for t, s in scores.items()},
            "timing": timings[name],
            "errors": capped(errors),
        }
    report["claims"] = claims(results["seabridge"][0], timings["seabridge"])
    return report


if __name__ == "__main__":
    main()
