"""Statistical identification for scripts shared by many languages (Latin, Devanagari).

Two shipped models, both trained by ``tools/train_langid.py``:

* ``latn.ftz``: a quantized fastText classifier (character n-grams + word bigrams) over every Latin and
  Devanagari label we know. fastText is the runtime we already depend on and predicts in C++.
* ``malay.tsv.gz``: a second opinion for the Indonesian/Malay pair, which fastText alone confuses on one
  sentence in eight. It is a linear score over words and word pairs, combining log-ratios counted on the
  parallel training sentences with log-ratios of Indonesian vs Malay word frequencies (``wordfreq``),
  weighted by a logistic regression fitted on cross-validated training scores.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import fasttext
import regex

MODEL_FILE = "latn.ftz"
MALAY_FILE = "malay.tsv.gz"
IND = "ind_Latn"
ZSM = "zsm_Latn"
_PREFIX = "__label__"

# Runs of non-letters, and apostrophes that are not inside a word: the glottal-stop apostrophe of Tetum
# (ne'e), Hawaiian-style orthographies and English contractions is a letter for our purposes.
_NON_LETTERS = regex.compile(r"(?:[^\p{L}\p{M}']|(?<![\p{L}\p{M}])'|'(?![\p{L}\p{M}]))+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})


def model_line(text: str) -> str:
    """The text as the models see it: lower case, letters and marks only, single spaces.

    Digits and punctuation carry no language signal and would split n-grams; fastText also needs one
    line without newlines. Training and prediction must share this function.
    """
    return _NON_LETTERS.sub(" ", text.lower().translate(_APOSTROPHES)).strip()


def malay_features(line: str) -> list[str]:
    """Words and adjacent word pairs of a :func:`model_line` string."""
    words = line.split()
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(frozen=True, slots=True)
class MalayScorer:
    """Linear log-odds that a sentence is Malay rather than Indonesian."""

    bias: float
    weights: dict[str, float]

    def logit(self, line: str) -> float:
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in malay_features(line))

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> MalayScorer:
        """Parse ``feature<TAB>weight`` lines; the feature ``<bias>`` holds the intercept."""
        weights: dict[str, float] = {}
        bias = 0.0
        for raw in lines:
            feature, _, value = raw.rstrip("\n").rpartition("\t")
            if feature == "<bias>":
                bias = float(value)
            elif feature:
                weights[feature] = float(value)
        return cls(bias, weights)


class LatinModel:
    """fastText + the Malay/Indonesian second opinion, loaded once from package data."""

    def __init__(self, model: fasttext.FastText._FastText, malay: MalayScorer | None) -> None:
        self._model = model
        self._malay = malay
        self.labels: frozenset[str] = frozenset(label[len(_PREFIX) :] for label in model.get_labels())

    @classmethod
    def load(cls) -> LatinModel:
        root = resources.files("seabridge.lang") / "data" / "langid"
        with resources.as_file(root / MODEL_FILE) as path:
            # Construct directly: fasttext.load_model prints a deprecation warning to stderr on every load.
            model = fasttext.FastText._FastText(model_path=str(path))
        malay_res = root / MALAY_FILE
        malay = None
        if malay_res.is_file():
            with malay_res.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
                malay = MalayScorer.from_lines(fh.readlines())
        return cls(model, malay)

    def classify(self, lines: Sequence[str]) -> list[tuple[str, float]]:
        """Label and probability for each :func:`model_line` string (none may be empty)."""
        if not lines:
            return []
        # One C++ call for the batch. Only the top label and its probability are read from it: with
        # numpy 2 the fasttext-wheel batch call repeats the first probability for every k > 1.
        labels, probs = self._model.f.multilinePredict([line + "\n" for line in lines], 1, 0.0, "replace")
        out: list[tuple[str, float]] = []
        for line, label_list, prob_list in zip(lines, labels, probs, strict=True):
            label = label_list[0][len(_PREFIX) :] if label_list else ""
            prob = float(prob_list[0]) if len(prob_list) else 0.0
            if label in (IND, ZSM) and self._malay is not None:
                label, prob = self._malay_decision(line)
            out.append((label, min(1.0, max(0.0, prob))))
        return out

    def _malay_decision(self, line: str) -> tuple[str, float]:
        # The pair's share of fastText's probability mass, split by the dedicated scorer.
        top = self._model.f.predict(line + "\n", 2, 0.0, "replace")
        pair_mass = sum(p for p, label in top if label[len(_PREFIX) :] in (IND, ZSM))
        assert self._malay is not None
        z = max(-30.0, min(30.0, self._malay.logit(line)))
        p_zsm = 1.0 / (1.0 + math.exp(-z))
        return (ZSM, pair_mass * p_zsm) if p_zsm >= 0.5 else (IND, pair_mass * (1.0 - p_zsm))


@lru_cache(maxsize=1)
def latin_model() -> LatinModel:
    return LatinModel.load()
