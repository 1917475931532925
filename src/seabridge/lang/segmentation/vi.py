"""Vietnamese: words are runs of space-separated syllables (``Hà Nội``), so segmentation is syllable merging.

Both engines first cut the text into syllables and punctuation with one regex, then decide which adjacent
syllables (separated by whitespace only) belong to one word:

* ``dict-vi`` (fast): a unigram word model over a lexicon counted from UD Vietnamese-VTB; a Viterbi pass
  over at most four syllables per word picks the likeliest split. Pure Python dictionary look-ups.
* ``crf-vi`` (accurate): a linear-chain CRF (python-crfsuite) labelling each syllable B(egin)/I(nside)
  from lexical n-gram, shape and lexicon features.

The lexicon and the CRF model ship in ``seabridge/lang/data/segment/`` and are rebuilt by
``tools/train_segmenters.py`` (data: UD Vietnamese-VTB, CC BY-SA 4.0).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import regex

from .base import Segmenter, Span

# A syllable: letters/digits, joined across inner . , / : - (numbers, dates, "TP.HCM"), an optional %; or a
# run of dots (ellipsis); or any other single non-space character (punctuation). Python's whitespace
# (str.split) also counts U+001C..U+001F, which regex's \s does not.
SYLLABLE = regex.compile(r"\w+(?:[.,/:\-]\w+)*%?|\.{2,}|[^\s\x1c-\x1f]")
# Characters that can glue onto a neighbour in a grapheme cluster; where one occurs, the regex above
# could cut a grapheme, so we take ICU's word segments (always grapheme-safe) as syllables instead.
CLUSTERING = regex.compile(
    r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=Regional_Indicator}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}]"
)
MAX_WORD = 4  # syllables; longer VTB words (5+) are rare names

_DATA = "seabridge.lang"  # files live in seabridge/lang/data/segment/
LEXICON_FILE = "data/segment/vi_lexicon.tsv"
CRF_FILE = "data/segment/vi_crf.crfsuite"
WORDLIST_FILE = "data/segment/vi_wordlist.txt"
WORDLIST_COUNT = 1  # pseudo-count the fast engine gives a word-list entry (VTB counts come on top)


def syllables(text: str) -> list[Span]:
    """Spans of syllables and punctuation marks; everything else in ``text`` is whitespace."""
    if CLUSTERING.search(text) is None:
        return [m.span() for m in SYLLABLE.finditer(text)]
    from .icu_engine import shared

    return shared().spans(text)


def read_lexicon(lines: Sequence[str]) -> dict[str, int]:
    """``word<TAB>count`` lines (lower-cased words, syllables joined by one space) into a dict."""
    lexicon: dict[str, int] = {}
    for line in lines:
        word, _, count = line.rstrip("\n").partition("\t")
        if word and count.isdigit():
            lexicon[word] = int(count)
    return lexicon


@lru_cache(maxsize=1)
def shipped_lexicon() -> dict[str, int]:
    text = resources.files(_DATA).joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return read_lexicon(text.splitlines())


@lru_cache(maxsize=1)
def shipped_wordlist() -> frozenset[str]:
    """pyvi's general word list (MIT): the lexicon beyond VTB's few thousand words."""
    text = resources.files(_DATA).joinpath(WORDLIST_FILE).read_text(encoding="utf-8")
    return frozenset(" ".join(line.lower().split()) for line in text.splitlines() if line.strip())


def _merge(text: str, sylls: list[Span], starts: list[bool]) -> list[Span]:
    """Word spans from syllable spans and a begins-a-word flag per syllable."""
    spans: list[Span] = []
    for (i, j), begin in zip(sylls, starts, strict=True):
        if begin or not spans:
            spans.append((i, j))
        else:
            spans[-1] = (spans[-1][0], j)
    return spans


def _tokens(text: str, spans: list[Span]) -> list[str]:
    return ["".join(text[i:j].split()) for i, j in spans]


class _SyllableMerger(Segmenter):
    """Vietnamese words are runs of syllables: subclasses only decide which syllables start a word."""

    def _starts(self, text: str, sylls: list[Span]) -> list[bool]:
        raise NotImplementedError

    def spans(self, text: str) -> list[Span]:
        sylls = syllables(text)
        return _merge(text, sylls, self._starts(text, sylls))

    def tokens(self, text: str) -> list[str]:
        return _tokens(text, self.spans(text))

    def count(self, text: str) -> int:
        return sum(self._starts(text, syllables(text)))


class DictVietnameseSegmenter(_SyllableMerger):
    """Most probable split under a unigram word model; unknown syllables stand alone."""

    name = "dict-vi"

    def __init__(self, lexicon: dict[str, int] | None = None, wordlist: frozenset[str] | None = None) -> None:
        lexicon = dict(shipped_lexicon() if lexicon is None else lexicon)
        for word in shipped_wordlist() if wordlist is None else wordlist:
            lexicon[word] = lexicon.get(word, 0) + WORDLIST_COUNT
        total = sum(lexicon.values()) or 1
        # log-probabilities; an unknown single syllable costs as much as a word seen once, halved
        self._logp = {w: math.log(c / total) for w, c in lexicon.items()}
        self._unknown = math.log(0.5 / total)
        self._longest: dict[str, int] = {}  # first syllable -> most syllables of a word starting with it
        for w in lexicon:
            parts = w.split(" ")
            if 1 < len(parts) <= MAX_WORD:
                self._longest[parts[0]] = max(self._longest.get(parts[0], 1), len(parts))

    def _starts(self, text: str, sylls: list[Span]) -> list[bool]:
        n = len(sylls)
        low = [text[i:j].lower() for i, j in sylls]
        logp, longest, unknown = self._logp, self._longest, self._unknown
        # best[k]: best score of a split of the first k syllables; back[k]: length of its last word
        best = [0.0] + [-math.inf] * n
        back = [1] * (n + 1)
        for k in range(n):
            base = best[k]
            w = low[k]
            cand = base + logp.get(w, unknown)
            if cand > best[k + 1]:
                best[k + 1], back[k + 1] = cand, 1
            for length in range(2, min(longest.get(w, 1), n - k) + 1):
                if sylls[k + length - 1][0] == sylls[k + length - 2][1]:
                    break  # no space between them: punctuation glued on, never one word
                w = w + " " + low[k + length - 1]
                p = logp.get(w)
                if p is not None and base + p > best[k + length]:
                    best[k + length], back[k + length] = base + p, length
        starts = [False] * n
        k = n
        while k > 0:
            k -= back[k]
            starts[k] = True
        return starts


def _shape(s: str) -> str:
    if s.isdigit():
        return "d"
    if s.isalpha():
        return "U" if s.isupper() else ("T" if s[0].isupper() else "l")
    if any(c.isalnum() for c in s):
        return "m"
    return "p"


def crf_features(
    text: str, sylls: list[Span], lexicon: dict[str, int], wordlist: frozenset[str] = frozenset()
) -> list[list[str]]:
    """Feature strings for each syllable: words around it, shapes, spacing and lexicon hits."""
    raw = [text[i:j] for i, j in sylls]
    low = [s.lower() for s in raw]
    shape = [_shape(s) for s in raw]
    n = len(raw)
    low_p = ["<s>", "<s>", *low, "</s>", "</s>"]
    shape_p = ["<", "<", *shape, ">", ">"]
    # glued[k]: syllable k touches the previous one (no whitespace between)
    glued = [False] + [sylls[k][0] == sylls[k - 1][1] for k in range(1, n)]
    feats = []
    for k in range(n):
        p = k + 2
        w0, wm1, wp1 = low_p[p], low_p[p - 1], low_p[p + 1]
        f = [
            "w0=" + w0,
            "w-1=" + wm1,
            "w+1=" + wp1,
            "w-2=" + low_p[p - 2],
            "w+2=" + low_p[p + 2],
            "b-1=" + wm1 + " " + w0,
            "b+1=" + w0 + " " + wp1,
            "t0=" + wm1 + " " + w0 + " " + wp1,
            "s0=" + shape_p[p],
            "s-1=" + shape_p[p - 1] + shape_p[p],
            "s+1=" + shape_p[p] + shape_p[p + 1],
            "g=" + ("1" if glued[k] else "0"),
        ]
        if wm1 + " " + w0 in lexicon:
            f.append("L2-1")
        if w0 + " " + wp1 in lexicon:
            f.append("L2+1")
        if k >= 2 and low_p[p - 2] + " " + wm1 + " " + w0 in lexicon:
            f.append("L3-1")
        if wm1 + " " + w0 + " " + wp1 in lexicon:
            f.append("L3m")
        if w0 + " " + wp1 + " " + low_p[p + 2] in lexicon:
            f.append("L3+1")
        if wordlist:
            if wm1 + " " + w0 in wordlist:
                f.append("X2-1")
            if w0 + " " + wp1 in wordlist:
                f.append("X2+1")
            if wm1 + " " + w0 + " " + wp1 in wordlist:
                f.append("X3m")
            if low_p[p - 2] + " " + wm1 + " " + w0 in wordlist:
                f.append("X3-1")
            if w0 + " " + wp1 + " " + low_p[p + 2] in wordlist:
                f.append("X3+1")
        feats.append(f)
    return feats


class CrfVietnameseSegmenter(_SyllableMerger):
    """B/I syllable tagging with a CRF; needs ``python-crfsuite`` (MIT)."""

    name = "crf-vi"

    def __init__(
        self,
        model_path: str | None = None,
        lexicon: dict[str, int] | None = None,
        wordlist: frozenset[str] | None = None,
    ) -> None:
        try:
            import pycrfsuite
        except ImportError as exc:
            from . import EngineUnavailableError

            raise EngineUnavailableError(
                "engine 'crf-vi' needs python-crfsuite: pip install python-crfsuite"
            ) from exc
        self._pycrfsuite = pycrfsuite
        self._lexicon = shipped_lexicon() if lexicon is None else lexicon
        self._wordlist = shipped_wordlist() if wordlist is None else wordlist
        if model_path is None:
            ref = resources.files(_DATA).joinpath(CRF_FILE)
            with resources.as_file(ref) as path:  # a real file in any normal install
                model_path = str(path)
        self._model_path = model_path
        self._local = threading.local()
        self._tagger()  # fail now, not at first use, if the model is missing

    def _tagger(self):
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._local.tagger = self._pycrfsuite.Tagger()
            tagger.open(self._model_path)
        return tagger

    def _starts(self, text: str, sylls: list[Span]) -> list[bool]:
        if not sylls:
            return []
        labels = self._tagger().tag(crf_features(text, sylls, self._lexicon, self._wordlist))
        glued = [False] + [sylls[k][0] == sylls[k - 1][1] for k in range(1, len(sylls))]
        return [k == 0 or lab == "B" or glued[k] for k, lab in enumerate(labels)]
