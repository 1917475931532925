"""Repair of combining-mark order in Thai, Lao, Khmer and Myanmar text.

Keyboards accept marks in any order and fonts often render wrong orders identically, so web text holds
sequences such as a Thai tone mark typed before an above vowel. They look right but break search, dedup and
segmentation. NFC already reorders marks with non-zero canonical combining classes (e.g. Thai tone + SARA U);
the marks handled here have class 0, so no normaliser touches them. Each rule rewrites only a sequence that is
never correct spelling, so correct text comes out unchanged (tested on real sentences). No library does this
for these four scripts, hence the hand-written rules.

Myanmar rules assume Unicode text: Zawgyi stores marks in visual order, so run ``fix_zawgyi`` first; text the
Zawgyi detector flags is left alone here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from seabridge.lang.zawgyi import is_zawgyi

__all__ = ["fix_mark_order"]

# Quick pre-check: the characters that can start a broken sequence. Text without any costs one regex scan.
_TRIGGER = re.compile(
    "[\u0e31-\u0e3a\u0e40\u0e47-\u0e4e\u0eb1-\u0ebc\u0ec0\u0ec8-\u0ecd\u17b6-\u17d1\u17d3\u17dd\u102b-\u103e]"
)

_Rule = tuple[re.Pattern[str], "str | Callable[[re.Match[str]], str]"]


def _swap(m: re.Match[str]) -> str:
    return m.group(2) + m.group(1)


def _dedupe(m: re.Match[str]) -> str:
    return m.group(1)


# Thai: tone marks U+0E48-U+0E4B and THANTHAKHAT U+0E4C go after an above vowel (MAI HAN-AKAT U+0E31,
# SARA I..UEE U+0E34-U+0E37) and before SARA AM U+0E33; NIKHAHIT U+0E4D + SARA AA U+0E32 is a decomposed
# SARA AM; two SARA E U+0E40 are SARA AE U+0E41; an identical mark twice is one mark.
_THAI: list[_Rule] = [
    (re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32"), "\\1\u0e33"),
    (re.compile("(\u0e33)([\u0e48-\u0e4b]+)"), _swap),
    (re.compile("([\u0e48-\u0e4c]+)([\u0e31\u0e34-\u0e37])"), _swap),
    (re.compile("\u0e40\u0e40"), "\u0e41"),
    (re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1+"), _dedupe),
]

# Lao: the same rules with tone marks U+0EC8-U+0ECB, above vowels U+0EB1, U+0EB4-U+0EB7, MAI KON U+0EBB and
# the subscript LO U+0EBC (which precedes tone marks), NIGGAHITA U+0ECD + AA U+0EB2 = AM U+0EB3, E + E = EI
# U+0EC1.
_LAO: list[_Rule] = [
    (re.compile("\u0ecd([\u0ec8-\u0ecb]?)\u0eb2"), "\\1\u0eb3"),
    (re.compile("(\u0eb3)([\u0ec8-\u0ecb]+)"), _swap),
    (re.compile("([\u0ec8-\u0ecb]+)([\u0eb1\u0eb4-\u0eb7\u0ebb\u0ebc])"), _swap),
    (re.compile("\u0ec0\u0ec0"), "\u0ec1"),
    (re.compile("([\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd])\\1+"), _dedupe),
]

# Khmer: a subscript (COENG U+17D2 + consonant) belongs right after its base, before any dependent vowel or
# sign. Register shifters U+17C9/U+17CA and ROBAT U+17CC are left out: some conventions put them before the
# subscript. Identical vowel signs or signs twice are one.
_KHMER: list[_Rule] = [
    (re.compile("([\u17b6-\u17c8\u17cb\u17cd-\u17d1\u17d3\u17dd]+)(\u17d2[\u1780-\u17a2])"), _swap),
    (re.compile("([\u17b6-\u17d1\u17d3\u17dd])\\1+"), _dedupe),
]

# Myanmar storage order (UTN #11): medials ya U+103B < ra U+103C < wa U+103D < ha U+103E, then vowel E U+1031,
# upper vowels I/II U+102D/U+102E, lower vowels U/UU U+102F/U+1030, then anusvara U+1036 and dot below U+1037.
# Only pairs whose reverse order is never correct are repaired: Mon writes U+102F before U+1032, so AI U+1032
# is not moved. Dot below U+1037 vs asat U+103A is NFC's job (classes 7 and 9).
_MEDIAL_RANK = {"\u103b": 0, "\u103c": 1, "\u103d": 2, "\u103e": 3}


def _sort_medials(m: re.Match[str]) -> str:
    return "".join(sorted(m.group(0), key=_MEDIAL_RANK.__getitem__))


_MYANMAR: list[_Rule] = [
    (re.compile("[\u103b-\u103e]{2,}"), _sort_medials),
    (re.compile("(\u1031)([\u103b-\u103e]+)"), _swap),
    (re.compile("([\u102f\u1030]+)([\u102d\u102e])"), _swap),
    (re.compile("(\u1036)([\u102f\u1030])"), _swap),
    (re.compile("(\u1037)([\u102b-\u1030\u1032\u1036])"), _swap),
    (
        re.compile(
            "([\u102b-\u1030\u1032-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074"
            "\u1082-\u108d\u108f\u109a-\u109d])\\1+"
        ),
        _dedupe,
    ),
]

_BLOCKS: tuple[tuple[re.Pattern[str], list[_Rule]], ...] = (
    (re.compile("[\u0e00-\u0e7f]"), _THAI),
    (re.compile("[\u0e80-\u0eff]"), _LAO),
    (re.compile("[\u1780-\u17ff]"), _KHMER),
)
_MYANMAR_BLOCK = re.compile("[\u1000-\u109f]")
_MAX_PASSES = 4  # each pass only sorts or shortens; a fixpoint is reached in one or two passes on real text


def _apply(text: str, rules: list[_Rule]) -> str:
    for _ in range(_MAX_PASSES):
        before = text
        for pattern, repl in rules:
            text = pattern.sub(repl, text)
        if text == before:
            break
    return text


def fix_mark_order(text: str) -> str:
    """Repair mark sequences that are never correct in Thai, Lao, Khmer and Myanmar; the rest is unchanged."""
    if not text or text.isascii() or _TRIGGER.search(text) is None:
        return text
    for block, rules in _BLOCKS:
        if block.search(text):
            text = _apply(text, rules)
    if _MYANMAR_BLOCK.search(text):
        fixed = _apply(text, _MYANMAR)
        if fixed != text and not is_zawgyi(text):
            text = fixed
    return text
