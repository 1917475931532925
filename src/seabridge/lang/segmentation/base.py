"""What every segmentation engine promises, and the helpers that keep those promises.

The contract: tokens are the non-whitespace pieces of a text, in order, and joining them gives the text
with all whitespace removed (``str.split()``'s notion of whitespace). Spans are code-point offsets into
the original text; a span may cover inner spaces (Vietnamese ``Hà Nội``) and never cuts a grapheme.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

import regex

Span = tuple[int, int]

# Characters outside the BMP take two UTF-16 units; ICU reports UTF-16 offsets, Python uses code points.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_to_codepoint(text: str, bounds: list[int]) -> list[int]:
    """Convert sorted UTF-16 offsets into code-point offsets (identity when the text is all BMP)."""
    starts = [m.start() + k for k, m in enumerate(_ASTRAL.finditer(text))]  # UTF-16 start of each astral char
    if not starts:
        return bounds
    return [u - bisect_left(starts, u) for u in bounds]


@cache
def cluster_glue() -> tuple[frozenset[str], frozenset[str]]:
    """Characters that cannot begin a grapheme cluster (UAX #29 Extend, SpacingMark, ZWJ: marks, Thai SARA
    AM, emoji modifiers) and those that cannot end one (Prepend, Khmer COENG, Myanmar virama)."""
    every = "".join(chr(cp) for r in (range(0x300, 0x20000), range(0xE0000, 0xE01F0)) for cp in r)
    starters = regex.findall(r"[\p{GCB=Extend}\p{GCB=SpacingMark}\p{GCB=ZWJ}]", every)
    enders = regex.findall(r"[\p{GCB=Prepend}\u17d2\u1039]", every)
    return frozenset(starters), frozenset(enders)


def nonspace_length(text: str) -> int:
    """How many characters remain once whitespace is removed (the length every tokenisation must add to)."""
    return len("".join(text.split()))


def tokens_from_spans(text: str, spans: Sequence[Span]) -> list[str]:
    """Tokens for spans: the span's text with any whitespace inside it removed."""
    out = []
    for i, j in spans:
        piece = "".join(text[i:j].split())
        if piece:
            out.append(piece)
    return out


def trim_span(text: str, i: int, j: int) -> Span | None:
    """Drop leading/trailing whitespace from a span unless that would split a grapheme.

    A space followed by a combining or spacing mark is one grapheme (ICU keeps them together): it stays.
    """
    glue_before = cluster_glue()[0]
    while i < j and text[i].isspace() and not (i + 1 < j and text[i + 1] in glue_before):
        i += 1
    while j > i and text[j - 1].isspace():
        j -= 1
    return (i, j) if i < j else None


def segments_to_spans(text: str, bounds: Sequence[int]) -> list[Span]:
    """Spans of the non-whitespace segments between consecutive boundaries (``bounds`` exclude 0)."""
    spans: list[Span] = []
    prev = 0
    for b in bounds:
        if prev < b and not text[prev:b].isspace():
            if text[prev].isspace() or text[b - 1].isspace():
                span = trim_span(text, prev, b)
                if span:
                    spans.append(span)
            else:
                spans.append((prev, b))
        prev = b
    return spans


class Segmenter(ABC):
    """One concrete engine. Subclasses give ``spans``; the rest has working defaults they may speed up."""

    name: str = ""

    @abstractmethod
    def spans(self, text: str) -> list[Span]:
        """Code-point spans of the tokens of ``text``."""

    def tokens(self, text: str) -> list[str]:
        return tokens_from_spans(text, self.spans(text))

    def batch(self, texts: Sequence[str]) -> list[list[str]]:
        return [self.tokens(t) for t in texts]

    def count(self, text: str) -> int:
        return len(self.spans(text))
