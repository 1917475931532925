"""Word segmentation: boundary F1 and characters/s per core for seabridge and the installed anchors.

Data: ``$SEABRIDGE_SHARED_DATA/segmentation`` (default ``../shared/data`` beside the repo). Figures are on
the *report* split, which no shipped model saw: Vietnamese and Chinese use the odd-numbered sentences of
the UD dev files (0-based), the one-sentence-per-line files every fifth line (index % 5 == 0). The
Vietnamese models were trained on VTB train plus the even-numbered dev sentences (see
``tools/train_segmenters.py``); nothing else ships a trained model. khPOS and myPOS (CC BY-NC-SA) are read
here for local measurement only.

Speed is single-process, single-thread: each engine segments the report split sentence by sentence,
best of three runs. Anchors: ``pip install -r benchmarks/requirements-segment.txt``.

    .venv/bin/python benchmarks/lang_segment.py [--quick]
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from seabridge.lang.segmentation import get_segmenter
from seabridge.lang.segmentation.metrics import boundary_f1

ROOT = Path(__file__).resolve().parent.parent
Gold = list[tuple[str, list[str]]]  # (raw sentence, gold words)

LANGS = {  # code -> (label, file)
    "th": ("tha_Thai", "tha_wisesight.txt"),
    "lo": ("lao_Laoo", "lao_hvulao.txt"),
    "km": ("khm_Khmr", "khm_khpos_train.txt"),
    "my": ("mya_Mymr", "mya_mypos_train.txt"),
    "vi": ("vie_Latn", "vi_vtb-ud-dev.conllu"),
    "zh": ("zho_Hans", "zh_gsdsimp-ud-dev.conllu"),
}


def data_dir() -> Path:
    return Path(os.environ.get("SEABRIDGE_SHARED_DATA", ROOT.parent / "shared" / "data")) / "segmentation"


def read_conllu(path: Path) -> Gold:
    """(``# text``, FORMs) per sentence; multi-word token ranges and empty nodes skipped."""
    sents: Gold = []
    text, words = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text"):
            text = line.split("=", 1)[1].strip()
        elif not line.strip():
            if words:
                sents.append((text, words))
            text, words = "", []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
    if words:
        sents.append((text, words))
    return sents


def read_bar_file(path: Path) -> Gold:
    """``w1|w2|…`` lines; the raw sentence is the concatenation (wisesight keeps its spaces as tokens)."""
    return [
        ("".join(toks), toks) for toks in (line.split("|") for line in path.read_text("utf-8").splitlines())
    ]


def load(code: str, path: Path | None = None) -> Gold:
    path = path or data_dir() / LANGS[code][1]
    return read_conllu(path) if path.suffix == ".conllu" else read_bar_file(path)


def split(code: str, sents: Gold) -> tuple[Gold, Gold]:
    """(train/tune part, report part) of one gold file, as described in the module docstring."""
    if code in ("vi", "zh"):
        return sents[0::2], sents[1::2]
    return [s for i, s in enumerate(sents) if i % 5], sents[0::5]


# ---------------------------------------------------------------------------------------------- anchors
def _anchors(code: str) -> Iterator[tuple[str, Callable[[str], list[str]]]]:
    """(name, tokenize) for each anchor installed for this language."""
    import contextlib
    import io
    import logging

    logging.disable(logging.WARNING)
    if code == "th":
        with contextlib.suppress(ImportError):
            from pythainlp.tokenize import word_tokenize as th_tok

            yield "PyThaiNLP newmm", lambda t: th_tok(t, engine="newmm")
    if code == "lo":
        with contextlib.suppress(ImportError):
            import laonlp

            yield "LaoNLP", laonlp.word_tokenize
    if code == "km":
        with contextlib.suppress(ImportError), contextlib.redirect_stderr(io.StringIO()):
            import khmernltk

            yield "khmer-nltk", khmernltk.word_tokenize
    if code == "my":
        # pyidaungsu (installed --no-deps, see requirements-nodeps.txt); its model was probably trained on
        # myPOS itself, so its figure on myPOS is likely optimistic (as khmer-nltk's is on khPOS).
        with contextlib.suppress(ImportError):
            import pyidaungsu

            yield "pyidaungsu", lambda t: pyidaungsu.tokenize(t, form="word")
    if code == "vi":
        with contextlib.suppress(ImportError):
            from pyvi import ViTokenizer

            yield "pyvi", lambda t: ViTokenizer.tokenize(t).split()
    if code == "zh":
        with contextlib.suppress(ImportError):
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            yield "jieba", jieba.lcut


def _pyicu_words() -> Callable[[str], list[str]]:
    """The plain PyICU recipe (one reused BreakIterator, whitespace dropped), independent of seabridge."""
    import icu

    bi = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())

    def tokenize(text: str) -> list[str]:
        bi.setText(text)
        out, prev = [], 0
        if text.isascii() or max(text) <= "\uffff":
            for b in bi:
                piece = text[prev:b].strip()
                if piece:
                    out.append(piece)
                prev = b
            return out
        u16 = text.encode("utf-16-le")  # ICU offsets are UTF-16 units
        for b in bi:
            piece = u16[2 * prev : 2 * b].decode("utf-16-le").strip()
            if piece:
                out.append(piece)
            prev = b
        return out

    return tokenize


def measure(tokenize: Callable[[str], list[str]], gold: Gold, runs: int = 3) -> tuple[float, float]:
    """(boundary F1, characters per second, best of ``runs``)."""
    texts = [t for t, _ in gold]
    chars = sum(map(len, texts))
    best = float("inf")
    pred: list[list[str]] = []
    for text in texts[:5]:  # warm-up: lazy model loads and caches are not segmentation speed
        tokenize(text)
    for _ in range(runs):
        t0 = time.perf_counter()
        pred = [tokenize(t) for t in texts]
        best = min(best, time.perf_counter() - t0)
    # pyvi joins syllables with "_"; word_ends ignores whitespace only, so drop the joiner for scoring
    pred = [[w.replace("_", "") if "_" in w and " " not in w else w for w in p] for p in pred]
    gold_words = [[w.replace("_", "") for w in g] for _, g in gold]
    return boundary_f1(pred, gold_words), chars / best if best > 0 else float("inf")


def run(quick: bool = False) -> list[Table]:
    console = Console(stderr=True)
    table = Table(title="Word segmentation: boundary F1 / chars per second per core (report split)")
    for col in ("lang", "sentences", "engine", "concrete", "F1", "chars/s"):
        table.add_column(col, justify="right" if col in ("sentences", "F1", "chars/s") else "left")
    if not data_dir().is_dir():
        console.print(
            f"[yellow]segment benchmark skipped: {data_dir()} not found (set SEABRIDGE_SHARED_DATA)"
        )
        return [table]
    for code, (label, _) in LANGS.items():
        _, report = split(code, load(code))
        if quick:
            report = report[:200]
        rows: list[tuple[str, str, Callable[[str], list[str]], int]] = []  # name, concrete, tokenize, runs
        for engine in ("fast", "accurate"):
            seg = get_segmenter(label, engine)
            rows.append((f"seabridge {engine}", seg.name, seg.tokens, 3))
        rows.append(("PyICU BreakIterator", "anchor", _pyicu_words(), 3))
        rows.extend((name, "anchor", fn, 1) for name, fn in _anchors(code))
        for name, concrete, fn, runs in rows:
            f1, speed = measure(fn, report, runs=runs)
            table.add_row(code, str(len(report)), name, concrete, f"{f1:.3f}", f"{speed:,.0f}")
        table.add_section()
    return [table]


def main() -> None:
    console = Console()
    for table in run(quick="--quick" in sys.argv):
        console.print(table)


if __name__ == "__main__":
    main()
