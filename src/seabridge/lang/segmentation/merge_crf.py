"""ICU plus a learned merge step: a CRF decides which ICU boundaries inside unspaced text to remove.

ICU's dictionary segmenters over-split more than they under-split against human gold (Thai wisesight:
~2,300 spurious boundaries vs ~1,000 missed on the training split), and the spurious ones follow
annotation conventions (names, slang, repeated letters, compounds) that a CRF over ICU's tokens learns
from a few hundred sentences. Only boundaries between touching tokens can be removed, so the result
keeps every space-delimited and grapheme boundary property of ICU.
"""

from __future__ import annotations

import threading
from importlib import resources

import regex

from .base import Segmenter, Span, tokens_from_spans
from .icu_engine import shared

_TYPES = [
    ("d", regex.compile(r"^\d+$")),
    ("a", regex.compile(r"^[A-Za-z]+$")),
    ("t", regex.compile(r"^[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]+$")),
    ("h", regex.compile(r"^\p{Han}+$")),
]


def _kind(tok: str) -> str:
    for name, pattern in _TYPES:
        if pattern.match(tok):
            return name
    return "p" if not any(c.isalnum() for c in tok) else "m"


def merge_features(text: str, spans: list[Span]) -> list[list[str]]:
    """Features of each ICU token: itself, neighbours, pairs, kinds, length, and whether it touches them."""
    toks = [text[i:j] for i, j in spans]
    n = len(toks)
    kinds = [_kind(t) for t in toks]
    padded = ["<s>", *toks, "</s>"]
    kinds_p = ["<", *kinds, ">"]
    feats = []
    for k in range(n):
        p = k + 1
        t0, tm, tp = padded[p], padded[p - 1], padded[p + 1]
        touch_prev = k > 0 and spans[k - 1][1] == spans[k][0]
        touch_next = k + 1 < n and spans[k][1] == spans[k + 1][0]
        f = [
            "t0=" + t0,
            "t-1=" + tm,
            "t+1=" + tp,
            "b-1=" + tm + "|" + t0,
            "b+1=" + t0 + "|" + tp,
            "k=" + kinds_p[p - 1] + kinds_p[p] + kinds_p[p + 1],
            "len=" + str(min(len(t0), 6)),
            "lenp=" + str(min(len(tm), 6)),
            "tp=" + ("1" if touch_prev else "0") + ("1" if touch_next else "0"),
            "first=" + t0[:1],
            "last-1=" + tm[-1:],
        ]
        if len(t0) > 1 and len(set(t0)) == 1:
            f.append("rep")  # "ยยยย": repeated letters for emphasis
        feats.append(f)
    return feats


class MergeCrfSegmenter(Segmenter):
    """ICU word break, then a CRF's merges of touching tokens; needs ``python-crfsuite`` (MIT)."""

    def __init__(self, name: str, model_path: str | None = None, resource: str | None = None) -> None:
        try:
            import pycrfsuite
        except ImportError as exc:
            from . import EngineUnavailableError

            raise EngineUnavailableError(
                f"engine {name!r} needs python-crfsuite: pip install python-crfsuite"
            ) from exc
        self.name = name
        self._pycrfsuite = pycrfsuite
        if model_path is None:
            with resources.as_file(resources.files("seabridge.lang").joinpath(str(resource))) as path:
                model_path = str(path)
        self._model_path = model_path
        self._local = threading.local()
        self._tagger()

    def _tagger(self):  # pycrfsuite has no type stubs
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._local.tagger = self._pycrfsuite.Tagger()
            tagger.open(self._model_path)
        return tagger

    def spans(self, text: str) -> list[Span]:
        icu_spans = shared().spans(text)
        if len(icu_spans) < 2:
            return icu_spans
        labels = self._tagger().tag(merge_features(text, icu_spans))
        out: list[Span] = [icu_spans[0]]
        for k in range(1, len(icu_spans)):
            i, j = icu_spans[k]
            if labels[k] == "I" and out[-1][1] == i:  # merge only tokens that touch
                out[-1] = (out[-1][0], j)
            else:
                out.append((i, j))
        return out

    def tokens(self, text: str) -> list[str]:
        return tokens_from_spans(text, self.spans(text))


def merge_labels(text: str, spans: list[Span], gold: list[str]) -> list[str]:
    """Training labels: ``I`` where ICU put a boundary that the gold words do not have."""
    ends, pos = {0}, 0
    for w in gold:
        pos += len("".join(w.split()))
        ends.add(pos)
    labels, pos = [], 0
    for i, j in spans:
        labels.append("B" if pos in ends else "I")
        pos += len("".join(text[i:j].split()))
    return labels
