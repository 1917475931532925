"""Grapheme-safe offsets: cluster boundaries, snapping spans to them, and UTF-16 offset conversion.

Spans across seabridge (PII entities, annotation spans, segments) are code-point offsets into Python strings
and must never cut a user-perceived character; browsers count UTF-16 code units instead.

Clusters are Unicode extended grapheme clusters (UAX #29) as the ``regex`` module's ``\\X`` finds them, with
one tailoring: a Khmer COENG (U+17D2) or Myanmar virama (U+1039) followed by a letter of its script stacks
that letter under the one before it, so the stacked letter joins the cluster before it ("ក្ស", "မ္မ",
kinzi "င်္ဘ"). UAX #29 has the rule (GB9c, Indic_Conjunct_Break) only for Devanagari and five other Indic
scripts up to Unicode 16: ICU 77 splits "ក្|ស", and so do ``regex`` releases older than the installed one,
which our ``regex>=2024.5`` pin allows. Applying the rule here makes spans the same whatever is installed.
Checked and left alone, because ``regex`` and ICU 77 already give what our scripts need: Thai and Lao (tone
marks and above/below vowels join; leading vowels and SARA AA stand alone), Devanagari conjuncts, Hangul
jamo, CRLF, emoji ZWJ sequences, skin tones and flags. Myanmar AA (U+102B/U+102C) stays a cluster of its
own, as UAX #29 says. ``regex`` joins a virama to a following consonant even after a non-consonant
(malformed text) where ICU breaks; that only ever removes a boundary, never cuts a cluster.

Single-offset helpers (``is_boundary``, ``snap``, ``widen_span``) look only at a window around the offset,
bounded by positions where a break is certain whatever surrounds them, so snapping thousands of spans in a
long document does not re-segment the whole text each time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise
from typing import Literal

import regex

__all__ = [
    "from_utf16",
    "from_utf16_many",
    "grapheme_boundaries",
    "graphemes",
    "is_boundary",
    "snap",
    "to_utf16",
    "to_utf16_many",
    "widen_span",
]

_CLUSTER = regex.compile(r"\X")
# Tailoring: a linker (plus any marks after it) never ends a cluster when a letter of its script follows.
_EXT = r"[\p{GCB=Extend}\p{GCB=ZWJ}]*+"
_STACKED = regex.compile(rf"(?V1)\u17D2{_EXT}(?=[\u1780-\u17B3])|\u1039{_EXT}(?=[\p{{sc=Myanmar}}&&\p{{L}}])")
_LINKERS = ("\u17d2", "\u1039")
# A position between these two characters is a boundary whatever the context: no UAX #29 rule (nor the
# tailoring) joins two GCB=Other characters, and nothing joins across a Control, CR or LF except CR LF.
# Every branch consumes one character and needs one after it, so a match at i means a boundary at i + 1.
_ANCHOR = regex.compile(
    r"(?s)(?:\p{GCB=Other}(?=[\p{GCB=Other}\p{GCB=Control}\r\n])"
    r"|[\p{GCB=Control}\n](?=.)|\r(?=[^\n]))"
)
_ANCHOR_LAST = regex.compile(_ANCHOR.pattern, regex.REVERSE)
_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
_WINDOW = 64


def _check(text: str, offset: int) -> None:
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} outside 0..{len(text)}")


def grapheme_boundaries(text: str) -> list[int]:
    """All cluster boundaries in ``text``, ascending, including 0 and ``len(text)``."""
    if text.isascii():  # O(1) check; ASCII clusters are single characters except CR LF
        bounds = list(range(len(text) + 1))
        if "\r\n" in text:
            crlf = {m.start() + 1 for m in regex.finditer("\r\n", text)}
            bounds = [b for b in bounds if b not in crlf]
        return bounds
    bounds = [0]
    bounds.extend(m.end() for m in _CLUSTER.finditer(text))
    if any(linker in text for linker in _LINKERS):
        joined = {m.end() for m in _STACKED.finditer(text)}
        if joined:
            bounds = [b for b in bounds if b not in joined]
    return bounds


def graphemes(text: str) -> list[str]:
    """The clusters of ``text``; ``"".join(graphemes(text)) == text``."""
    if not text.isascii() and not any(linker in text for linker in _LINKERS):
        return _CLUSTER.findall(text)
    bounds = grapheme_boundaries(text)
    return [text[a:b] for a, b in pairwise(bounds)]


def _left_anchor(text: str, offset: int) -> int:
    """Largest certain boundary <= offset (0 if none)."""
    width = _WINDOW
    while True:
        lo = max(0, offset - width)
        match = _ANCHOR_LAST.search(text, lo, offset + 1)  # the match's lookahead needs text[offset]
        if match:
            return match.start() + 1
        if lo == 0:
            return 0
        width *= 4


def _right_anchor(text: str, offset: int) -> int:
    """Smallest certain boundary >= offset (len(text) if none)."""
    if offset == 0:
        return 0
    width = _WINDOW
    while True:
        hi = min(len(text), offset + width)
        match = _ANCHOR.search(text, offset - 1, hi)
        if match:
            return match.start() + 1
        if hi == len(text):
            return hi
        width *= 4


def _local_boundaries(text: str, offset: int) -> list[int]:
    """The boundaries of the clusters around ``offset``, from one certain boundary to the next."""
    lo, hi = _left_anchor(text, offset), _right_anchor(text, offset)
    if hi - lo <= 1:  # both are boundaries, with nothing in between to split
        return [lo, hi] if lo != hi else [lo]
    return [lo + b for b in grapheme_boundaries(text[lo:hi])]


def is_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between two clusters (0 and ``len(text)`` always do)."""
    _check(text, offset)
    if offset in (0, len(text)):
        return True
    bounds = _local_boundaries(text, offset)
    i = bisect_left(bounds, offset)
    return i < len(bounds) and bounds[i] == offset


def snap(text: str, offset: int, direction: Literal["left", "right"] = "left") -> int:
    """``offset`` if it is a boundary, else the nearest boundary to its left or right."""
    _check(text, offset)
    if direction not in ("left", "right"):
        raise ValueError(f"direction must be 'left' or 'right', not {direction!r}")
    if offset in (0, len(text)):
        return offset
    bounds = _local_boundaries(text, offset)
    if direction == "left":
        return bounds[bisect_right(bounds, offset) - 1]
    return bounds[bisect_left(bounds, offset)]


def widen_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The smallest grapheme-aligned span containing ``[start, end)``."""
    _check(text, start)
    _check(text, end)
    if start > end:
        raise ValueError(f"span start {start} after end {end}")
    return snap(text, start, "left"), snap(text, end, "right")


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 code-unit offset of code-point ``offset`` (astral characters count twice)."""
    _check(text, offset)
    if text.isascii():
        return offset
    # Lone surrogates are one code unit each, as in a JavaScript string; 'surrogatepass' counts them so.
    return len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2


def from_utf16(text: str, offset16: int) -> int:
    """The code-point offset of UTF-16 ``offset16``; ValueError inside a surrogate pair or out of range."""
    return from_utf16_many(text, (offset16,))[0]


def _astral_positions(text: str) -> list[int]:
    return [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]


def to_utf16_many(text: str, offsets: Iterable[int]) -> list[int]:
    """``to_utf16`` for many offsets over one text: one scan for astral characters, then a bisect each."""
    astral = _astral_positions(text)
    out = []
    for offset in offsets:
        _check(text, offset)
        out.append(offset + bisect_left(astral, offset))
    return out


def from_utf16_many(text: str, offsets16: Iterable[int]) -> list[int]:
    """``from_utf16`` for many offsets over one text (one scan, then a bisect each)."""
    astral16 = [p + i for i, p in enumerate(_astral_positions(text))]  # where each pair starts, in UTF-16
    length16 = len(text) + len(astral16)
    out = []
    for offset16 in offsets16:
        if not 0 <= offset16 <= length16:
            raise ValueError(f"UTF-16 offset {offset16} outside 0..{length16}")
        before = bisect_right(astral16, offset16 - 2)  # pairs ending at or before offset16
        if before < len(astral16) and astral16[before] == offset16 - 1:
            raise ValueError(f"UTF-16 offset {offset16} falls inside a surrogate pair")
        out.append(offset16 - before)
    return out
