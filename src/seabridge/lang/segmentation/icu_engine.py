"""ICU word break: the fast engine for every script.

ICU's rules plus its dictionaries (Thai, Lao, Khmer, Burmese, CJK) segment any script at millions of
characters per second. The cost in Python is per call and per boundary, so we keep one BreakIterator per
thread (creating one costs ~50 µs), pull all boundaries with ``list(iterator)`` (a C loop), and cut strings
with comprehensions. Batches are joined with U+2029 (a hard break in UAX #29) and segmented in one call.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import icu

from seabridge.lang.graphemes import is_boundary

from .base import (
    _ASTRAL,
    Segmenter,
    Span,
    cluster_glue,
    segments_to_spans,
    tokens_from_spans,
    utf16_to_codepoint,
)

_SEP = "\u2029"  # PARAGRAPH SEPARATOR: UAX #29 breaks on both sides of it, and CR × LF cannot glue to it


class IcuSegmenter(Segmenter):
    """UAX #29 word boundaries with ICU's dictionaries; whitespace segments dropped."""

    name = "icu"

    def __init__(self, locale: str = "") -> None:
        self._locale = locale
        self._local = threading.local()

    def _iterator(self) -> icu.BreakIterator:
        bi = getattr(self._local, "bi", None)
        if bi is None:
            loc = icu.Locale(self._locale) if self._locale else icu.Locale.getRoot()
            bi = self._local.bi = icu.BreakIterator.createWordInstance(loc)
        return bi

    def bounds(self, text: str) -> list[int]:
        """Code-point offsets of every boundary after 0, the last one ``len(text)``."""
        bi = self._iterator()
        bi.setText(text)
        bounds = list(bi)
        if _ASTRAL.search(text) is not None:
            bounds = utf16_to_codepoint(text, bounds)
        if not text.isascii():
            bounds = _grapheme_safe(text, bounds)
        return bounds

    def spans(self, text: str) -> list[Span]:
        return segments_to_spans(text, self.bounds(text))

    def tokens(self, text: str) -> list[str]:
        bounds = self.bounds(text)
        if not bounds:
            return []
        toks = [
            s for s in [text[i:j] for i, j in zip([0, *bounds[:-1]], bounds, strict=True)] if not s.isspace()
        ]
        if _mixed(toks):  # a segment mixing whitespace and non-whitespace (space + combining mark)
            return tokens_from_spans(text, segments_to_spans(text, bounds))
        return toks

    def count(self, text: str) -> int:
        return len(self.tokens(text))

    def batch(self, texts: Sequence[str]) -> list[list[str]]:
        if len(texts) < 2 or any(_SEP in t for t in texts):
            return [self.tokens(t) for t in texts]
        joined = _SEP.join(texts)
        bounds = self.bounds(joined)
        out: list[list[str]] = []
        current: list[str] = []
        prev = 0
        for b in bounds:
            seg = joined[prev:b]
            prev = b
            if seg == _SEP:
                out.append(current)
                current = []
            elif not seg.isspace():
                current.append(seg)
        out.append(current)
        if any(_mixed(toks) for toks in out) or len(out) != len(texts):
            return [self.tokens(t) for t in texts]
        return out


def _grapheme_safe(text: str, bounds: list[int]) -> list[int]:
    """Drop the rare ICU word boundaries that fall inside a grapheme cluster (ICU's dictionary break can
    split ``:ำ`` or a mark after punctuation). Only boundaries before a mark, or after a stacker, can be
    inside a cluster, so the full grapheme check runs on those alone."""
    glue_before, glue_after = cluster_glue()
    suspects = {b for b in bounds[:-1] if text[b] in glue_before or text[b - 1] in glue_after}
    if not suspects:
        return bounds
    return [b for b in bounds if b not in suspects or is_boundary(text, b)]


def _mixed(tokens: list[str]) -> bool:
    """True when some token still holds whitespace (checked in C: split the joined tokens)."""
    joined = "".join(tokens)
    return len(joined.split(None, 1)) > 1 or (bool(joined) and (joined[0].isspace() or joined[-1].isspace()))


_SHARED: list[IcuSegmenter] = []


def shared() -> IcuSegmenter:
    """One process-wide root-locale instance (its iterators are per thread)."""
    if not _SHARED:
        _SHARED.append(IcuSegmenter())
    return _SHARED[0]
