"""Grapheme clusters and UTF-16 offsets: speed of seabridge against the engines it could have used directly.

Text: the raw sentences of ``$SEABRIDGE_SHARED_DATA/segmentation`` (Thai, Lao, Khmer, Burmese; default
``../shared/data`` beside the repo), plus a synthetic emoji/CJK-astral mix. Anchors, measured in the same run:
ICU 77's character BreakIterator and ``regex``'s bare ``\\X`` (no Khmer/Myanmar tailoring) for segmentation;
re-segmenting the whole text per span for snapping; slicing and encoding per offset for UTF-16 offsets.
Single thread, best of three.

    .venv/bin/python benchmarks/lang_graphemes.py [--quick]
"""

from __future__ import annotations

import os
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path

import icu
import regex
from rich.console import Console
from rich.table import Table

from seabridge.lang.graphemes import grapheme_boundaries, to_utf16_many, widen_span

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "tha": "tha_wisesight.txt",
    "lao": "lao_hvulao.txt",
    "khm": "khm_khpos_train.txt",
    "mya": "mya_mypos_train.txt",
}
EMOJI = "ครอบครัว 👨\u200d👩\u200d👧 ธง 🇹🇭🇻🇳 👍🏽 𠀀𠀁 中文 ស្ត្រី သင်္ဘော\r\n"


def _texts(size: int) -> dict[str, str]:
    folder = Path(os.environ.get("SEABRIDGE_SHARED_DATA", ROOT.parent / "shared" / "data")) / "segmentation"
    texts = {}
    for code, name in FILES.items():
        path = folder / name
        if path.exists():
            texts[code] = path.read_text(encoding="utf-8").replace("|", "")[:size]
    texts["emoji+astral"] = (EMOJI * (size // len(EMOJI) + 1))[:size]
    return texts


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _icu_boundaries(text: str) -> list[int]:
    it = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    it.setText(text)
    return [0, *it]  # UTF-16 offsets; converting them would only add to ICU's time


def _encode_utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _widen_by_full_pass(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        bounds = grapheme_boundaries(text)
        out.append((bounds[bisect_right(bounds, start) - 1], bounds[bisect_left(bounds, end)]))
    return out


def run(quick: bool = False) -> list[Table]:
    size = 100_000 if quick else 1_000_000
    texts = _texts(size)
    seg = Table(title=f"Grapheme clusters: million chars/s per core ({size:,} chars each)")
    for col in ("text", "seabridge (tailored)", "regex \\X", "ICU BreakIterator"):
        seg.add_column(col, justify="right" if col != "text" else "left")
    for code, text in texts.items():
        rates = [
            len(text) / _best(lambda f=f, t=text: f(t)) / 1e6
            for f in (grapheme_boundaries, lambda t: regex.findall(r"\X", t), _icu_boundaries)
        ]
        seg.add_row(code, *(f"{r:.2f}" for r in rates))

    spans_table = Table(title="Offsets over one long text: spans per second per core")
    for col in (
        "text",
        "n spans",
        "widen_span",
        "full re-segment per span",
        "to_utf16_many",
        "encode per offset",
    ):
        spans_table.add_column(col, justify="right" if col != "text" else "left")
    for code, text in texts.items():
        step = max(1, len(text) // (1_000 if quick else 10_000))
        spans = [(i, min(len(text), i + 5)) for i in range(1, len(text) - 1, step)]
        few = spans[:: max(1, len(spans) // 20)]  # the full-pass anchor is O(n) per span: time a sample
        ends = [e for _, e in spans]
        rates = [
            len(spans) / _best(lambda t=text, sp=spans: [widen_span(t, s, e) for s, e in sp]),
            len(few) / _best(lambda t=text, sp=few: _widen_by_full_pass(t, sp), repeat=1),
            len(ends) / _best(lambda t=text, es=ends: to_utf16_many(t, es)),
            len(ends) / _best(lambda t=text, es=ends: [_encode_utf16_len(t[:e]) for e in es]),
        ]
        spans_table.add_row(code, f"{len(spans):,}", *(f"{r:,.0f}" for r in rates))
    return [seg, spans_table]


def main() -> None:
    console = Console(width=160)
    for table in run(quick="--quick" in sys.argv):
        console.print(table)


if __name__ == "__main__":
    main()
