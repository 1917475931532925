"""Zawgyi detection accuracy, conversion CER and throughput: seabridge vs its building blocks and pyidaungsu.

Data (read from ``$SEABRIDGE_SHARED_DATA``, default ``../shared/data``): ``zawgyi/pairs.tsv`` and SIB-200
``mya_Mymr``/``shn_Mymr``. The threshold was chosen on the train split (SIB-200 train + even pair rows); the
held-out split reported here is SIB-200 dev + odd pair rows, plus SIB-200 dev Burmese converted to Zawgyi with
ICU ``my-Zawgyi`` (synthetic Zawgyi, labelled as such). Run: ``.venv/bin/python benchmarks/lang_zawgyi.py``.
"""

from __future__ import annotations

import math
import os
import time
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path

import icu
from rich.console import Console
from rich.table import Table

from seabridge.lang.marks import fix_mark_order
from seabridge.lang.zawgyi import ZAWGYI_THRESHOLD, is_zawgyi, zawgyi_probability, zawgyi_to_unicode

ROOT = Path(__file__).resolve().parent.parent


def _data_dir() -> Path:
    return Path(os.environ.get("SEABRIDGE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _sib(data: Path, label: str, split: str) -> list[str]:
    lines = (data / "langid" / "sib200" / f"{label}.{split}.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[1] for line in lines]


def _pairs(data: Path) -> list[tuple[str, str]]:
    rows = (data / "zawgyi" / "pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [(r.split("\t")[0], r.split("\t")[1]) for r in rows]


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _detectors() -> dict[str, Callable[[str], bool]]:
    from myanmartools import ZawgyiDetector

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ZawgyiDetector()
    found: dict[str, Callable[[str], bool]] = {
        "seabridge is_zawgyi": is_zawgyi,
        "myanmartools @0.95": lambda t: reference.get_zawgyi_probability(t) >= 0.95,
        "myanmartools @0.5": lambda t: reference.get_zawgyi_probability(t) >= 0.5,
    }
    try:
        import pyidaungsu

        model = pyidaungsu.f  # its detect() wrapper breaks on numpy 2; the model itself works
        found["pyidaungsu (fastText)"] = lambda t: (
            model.predict([t.replace("\n", " ")], k=1)[0][0][0] == "__label__zg"
        )
    except Exception:
        pass
    return found


def _splits(data: Path) -> dict[str, dict[str, list[str]]]:
    pairs = _pairs(data)
    to_zawgyi = icu.Transliterator.createInstance("my-Zawgyi")
    out: dict[str, dict[str, list[str]]] = {}
    for name, split, rows in (("train", "train", pairs[0::2]), ("held-out", "dev", pairs[1::2])):
        mya = _sib(data, "mya_Mymr", split)
        out[name] = {
            "Unicode Burmese": [u for _, u in rows] + mya,
            "Zawgyi (real/genconvert)": [z for z, _ in rows],
            "Zawgyi (ICU my-Zawgyi of SIB)": [to_zawgyi.transliterate(t) for t in mya],
            "Shan": _sib(data, "shn_Mymr", split),
        }
    return out


def _threshold_table(splits: dict[str, dict[str, list[str]]]) -> Table:
    train = splits["train"]
    neg = [zawgyi_probability(t) for k in ("Unicode Burmese", "Shan") for t in train[k]]
    pos = [zawgyi_probability(t) for k, v in train.items() if k.startswith("Zawgyi") for t in v]
    table = Table(title="Threshold choice on the train split (myanmartools probability)")
    for col in ("max non-Zawgyi", "min Zawgyi", "log-odds midpoint", "shipped threshold"):
        table.add_column(col, justify="right")
    hi, lo = max(neg), min(pos)

    def logit(p: float) -> float:
        p = min(max(p, 1e-300), 1 - 1e-16)
        return math.log(p / (1 - p))

    mid = 1 / (1 + math.exp(-(logit(hi) + logit(lo)) / 2))
    table.add_row(f"{hi:.2e}", f"{lo:.4f}", f"{mid:.4f}", f"{ZAWGYI_THRESHOLD}")
    return table


def _accuracy_table(split: dict[str, list[str]]) -> Table:
    table = Table(title="Zawgyi detection, held-out split (lines): correct / total")
    table.add_column("detector")
    for cls in split:
        table.add_column(cls, justify="right")
    table.add_column("accuracy", justify="right")
    table.add_column("Shan flagged", justify="right")
    for name, detect in _detectors().items():
        cells, right, total = [], 0, 0
        shan_flagged = 0
        for cls, lines in split.items():
            want = cls.startswith("Zawgyi")
            ok = sum(detect(t) == want for t in lines)
            if cls == "Shan":
                shan_flagged = len(lines) - ok
            cells.append(f"{ok}/{len(lines)}")
            right, total = right + ok, total + len(lines)
        table.add_row(name, *cells, f"{right / total:.4f}", str(shan_flagged))
    return table


def _conversion_table(pairs: list[tuple[str, str]]) -> Table:
    table = Table(title=f"Zawgyi -> Unicode, all {len(pairs)} pairs.tsv rows (reference NFC)")
    table.add_column("converter")
    table.add_column("CER", justify="right")
    table.add_column("rows exact", justify="right")
    icu_only = icu.Transliterator.createInstance("Zawgyi-my")
    converters: dict[str, Callable[[str], str]] = {
        "seabridge zawgyi_to_unicode": zawgyi_to_unicode,
        "ICU Zawgyi-my alone": icu_only.transliterate,
    }
    try:
        import pyidaungsu

        converters["pyidaungsu cvt2uni"] = pyidaungsu.cvt2uni
    except Exception:
        pass
    for name, convert in converters.items():
        errors = total = exact = 0
        for zawgyi, unicode in pairs:
            ref = unicodedata.normalize("NFC", unicode)
            d = _levenshtein(convert(zawgyi), ref)
            errors, total, exact = errors + d, total + len(ref), exact + (d == 0)
        table.add_row(name, f"{errors / total:.5f}", f"{exact}/{len(pairs)}")
    return table


def _rate(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    chars = sum(map(len, texts)) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    return chars / (time.perf_counter() - start)


def _speed_table(texts: list[str], quick: bool) -> Table:
    from myanmartools import ZawgyiDetector

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ZawgyiDetector()
    icu_only = icu.Transliterator.createInstance("Zawgyi-my")
    repeat = 1 if quick else 5
    table = Table(title="Throughput per core (chars/s, one thread) on Myanmar lines")
    table.add_column("operation")
    table.add_column("chars/s", justify="right")
    rows: list[tuple[str, Callable[[str], object]]] = [
        ("seabridge zawgyi_probability", zawgyi_probability),
        ("myanmartools get_zawgyi_probability", reference.get_zawgyi_probability),
        ("seabridge is_zawgyi", is_zawgyi),
        ("seabridge zawgyi_to_unicode", zawgyi_to_unicode),
        ("ICU Zawgyi-my alone", icu_only.transliterate),
    ]
    for name, fn in rows:
        table.add_row(name, f"{_rate(fn, texts, repeat):,.0f}")
    return table


def _marks_table(data: Path, quick: bool) -> Table:
    repeat = 1 if quick else 5
    table = Table(title="fix_mark_order throughput per core (chars/s) and lines changed, SIB-200 train+dev")
    table.add_column("text")
    table.add_column("chars/s", justify="right")
    table.add_column("lines changed", justify="right")
    for label in ("tha_Thai", "lao_Laoo", "khm_Khmr", "mya_Mymr", "shn_Mymr", "eng_Latn", "zho_Hans"):
        lines = _sib(data, label, "train") + _sib(data, label, "dev")
        changed = sum(fix_mark_order(t) != t for t in lines)
        table.add_row(label, f"{_rate(fix_mark_order, lines, repeat):,.0f}", f"{changed}/{len(lines)}")
    return table


def run(quick: bool = False) -> list[Table]:
    data = _data_dir()
    if not (data / "zawgyi" / "pairs.tsv").exists():
        table = Table(title="lang_zawgyi: skipped")
        table.add_column("reason")
        table.add_row(f"no shared data at {data} (set SEABRIDGE_SHARED_DATA)")
        return [table]
    splits = _splits(data)
    texts = [t for v in splits["held-out"].values() for t in v]
    return [
        _threshold_table(splits),
        _accuracy_table(splits["held-out"]),
        _conversion_table(_pairs(data)),
        _speed_table(texts, quick),
        _marks_table(data, quick),
    ]


def main() -> None:
    console = Console()
    for table in run():
        console.print(table)


if __name__ == "__main__":
    main()
