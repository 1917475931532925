"""Rebuild everything the segmenters ship, from the shared data, reproducibly.

    .venv/bin/python tools/train_segmenters.py [--eval]

Writes into ``src/seabridge/lang/data/segment/``:

* ``vi_lexicon.tsv`` (word counts) and ``vi_crf.crfsuite`` (CRF) from UD Vietnamese-VTB (CC BY-SA 4.0):
  ``vi_vtb-ud-train.conllu`` plus the even-numbered sentences of ``vi_vtb-ud-dev.conllu``;
  ``vi_wordlist.txt`` from the installed pyvi package (MIT).
* ``th_merge.crfsuite`` from wisesight (CC0; lines with index % 5 != 0) and ``zh_merge.crfsuite`` from
  UD Chinese-GSDSimp dev (CC BY-SA 4.0; even-numbered sentences): CRFs that merge ICU tokens.

The rest (vi/zh odd dev sentences, wisesight index % 5 == 0) is the held-out report split that
``benchmarks/lang_segment.py`` scores; ``--eval`` scores the fresh models on it.
Needs ``pip install -r benchmarks/requirements-segment.txt`` (python-crfsuite, pyvi).
Training is deterministic (L-BFGS, fixed order, no sampling), so a rebuild gives the same files.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import lang_segment as bench  # noqa: E402  (the benchmark owns the data loaders and the split)
from seabridge.lang.segmentation.icu_engine import shared  # noqa: E402
from seabridge.lang.segmentation.merge_crf import MergeCrfSegmenter, merge_features, merge_labels  # noqa: E402
from seabridge.lang.segmentation.metrics import boundary_f1  # noqa: E402
from seabridge.lang.segmentation.vi import (  # noqa: E402
    CrfVietnameseSegmenter,
    DictVietnameseSegmenter,
    crf_features,
    syllables,
)

OUT = ROOT / "src" / "seabridge" / "lang" / "data" / "segment"
FOLDS = 5
CRF_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def vi_training() -> list[tuple[str, list[str]]]:
    train = bench.read_conllu(bench.data_dir() / "vi_vtb-ud-train.conllu")
    tune, _report = bench.split("vi", bench.load("vi"))
    return train + tune


def lexicon_of(sents: list[tuple[str, list[str]]]) -> Counter[str]:
    """Lower-cased gold words, syllables joined by one space."""
    return Counter(" ".join(w.lower().split()) for _, words in sents for w in words)


def labels_for(text: str, words: list[str]) -> tuple[list[tuple[int, int]], list[str]] | None:
    """Syllable spans of ``text`` and their B/I labels from the gold words; None where they disagree."""
    if "".join(text.split()) != "".join("".join(words).split()):
        return None
    sylls = syllables(text)
    ends, pos = {0}, 0
    for w in words:
        pos += len("".join(w.split()))
        ends.add(pos)
    labels, starts, pos = [], {0}, 0
    for i, j in sylls:
        labels.append("B" if pos in ends else "I")
        pos += len("".join(text[i:j].split()))
        starts.add(pos)
    return (sylls, labels) if ends <= starts else None  # a gold word ending inside a syllable: skip


def pyvi_wordlist() -> list[str]:
    """The word list inside the pyvi package (MIT, (c) 2016 Viet-Trung Tran), deduplicated and sorted."""
    from importlib import resources

    text = resources.files("pyvi").joinpath("models/words.txt").read_text(encoding="utf-8")
    return sorted({" ".join(line.split()) for line in text.splitlines() if line.strip()})


def train_vi(sents: list[tuple[str, list[str]]], wordlist: frozenset[str], path: Path) -> None:
    """Train the CRF. Lexicon features of a training sentence come from a lexicon counted on the *other*
    folds (jackknife), so the model learns how much to trust a lexicon hit on unseen text."""
    import pycrfsuite

    folds = [dict(lexicon_of([s for i, s in enumerate(sents) if i % FOLDS != k])) for k in range(FOLDS)]
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, (text, words) in enumerate(sents):
        got = labels_for(text, words)
        if got is None:
            continue
        sylls, labels = got
        trainer.append(crf_features(text, sylls, folds[k % FOLDS], wordlist), labels)
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(path))


MERGE_PARAMS = {  # c1, c2 chosen on a tune split inside the training part (th: i % 4 == 0; zh: odd half)
    "th": {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True},
    "zh": {"c1": 0.5, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True},
}


def train_merge(code: str, path: Path) -> int:
    """Train the ICU-merge CRF for ``code`` on the training part of its gold file; returns sentences used."""
    import pycrfsuite

    train, _report = bench.split(code, bench.load(code))
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, words in train:
        spans = shared().spans(text)
        if spans:
            trainer.append(merge_features(text, spans), merge_labels(text, spans, words))
    trainer.set_params(MERGE_PARAMS[code])
    trainer.train(str(path))
    return len(train)


def write_lexicon(counts: Counter[str], path: Path) -> None:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    path.write_text("".join(f"{w}\t{c}\n" for w, c in rows), encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sents = vi_training()
    counts = lexicon_of(sents)
    words = pyvi_wordlist()
    write_lexicon(counts, OUT / "vi_lexicon.tsv")
    (OUT / "vi_wordlist.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    wordlist = frozenset(w.lower() for w in words)
    train_vi(sents, wordlist, OUT / "vi_crf.crfsuite")
    print(
        f"vi: {len(sents)} sentences, {len(counts)} lexicon entries, {len(words)} word-list entries -> {OUT}"
    )
    for code in ("th", "zh"):
        n = train_merge(code, OUT / f"{code}_merge.crfsuite")
        print(f"{code}: merge CRF on {n} sentences")
    if "--eval" in sys.argv:
        for code in ("th", "zh"):
            _, report = bench.split(code, bench.load(code))
            seg = MergeCrfSegmenter(f"crf-{code}", str(OUT / f"{code}_merge.crfsuite"))
            print(
                f"crf-{code}",
                round(boundary_f1([seg.tokens(t) for t, _ in report], [w for _, w in report]), 4),
            )
        _, report = bench.split("vi", bench.load("vi"))
        gold = [w for _, w in report]
        lex = dict(counts)
        model = str(OUT / "vi_crf.crfsuite")
        for seg in (DictVietnameseSegmenter(lex, wordlist), CrfVietnameseSegmenter(model, lex, wordlist)):
            print(seg.name, round(boundary_f1([seg.tokens(t) for t, _ in report], gold), 4))


if __name__ == "__main__":
    main()
