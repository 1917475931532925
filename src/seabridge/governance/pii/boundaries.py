"""What lies around a candidate span: context words before it, and marks that glue it to a neighbour.

Recognisers never use ``\\b``: in Thai, Lao, Khmer, Burmese and Chinese there is no space between a word
and the number or address after it, so ``\\b`` either fails to separate them or separates nothing. Each
recogniser states its own edges (which characters may not touch a match); the helpers here are the parts
they share: edge fragments for tokens and numbers, digits of any script read as ASCII, and a prefilter on
the longest number in a text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

import regex

# How far before a match context words are looked for, in code points (Presidio looks a few words back;
# unspaced scripts have no words to count, so the window is measured in characters).
CONTEXT_WINDOW = 40


@cache
def context_pattern(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One case-insensitive pattern for a recogniser's context words.

    A word starting with an ASCII letter is matched as a whole word, so that ``tel`` does not fire inside
    ``hotel`` or ``tell`` nor ``wa`` inside ``wawasan``, and not after ``<`` or ``_``, so that redaction
    placeholders (``<PHONE>``, ``<IP_ADDRESS>``) are not context; words in other scripts match anywhere,
    since those scripts are written without spaces.
    """
    if not words:
        return None
    latin = sorted((w for w in words if w[:1].isascii() and w[:1].isalpha()), key=len, reverse=True)
    other = sorted((w for w in words if w not in latin), key=len, reverse=True)
    parts = []
    if latin:
        parts.append(r"(?<![A-Za-z<_])(?:" + "|".join(regex.escape(w) for w in latin) + r")(?![A-Za-z])")
    if other:
        parts.append("(?:" + "|".join(regex.escape(w) for w in other) + ")")
    return regex.compile("|".join(parts), regex.IGNORECASE)


def has_context(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` occurs in the :data:`CONTEXT_WINDOW` characters before ``start``."""
    pattern = context_pattern(words)
    return pattern is not None and pattern.search(text, max(0, start - CONTEXT_WINDOW), start) is not None


def glued_to_mark(text: str, end: int) -> bool:
    """Whether the character at ``end`` is a combining mark, i.e. the span's last character is not whole.

    In Burmese the digit ၀ (zero) is often typed for the letter ဝ (wa); a vowel sign after it shows it is a
    letter, and a span ending there would cut a grapheme cluster.
    """
    return end < len(text) and unicodedata.category(text[end]).startswith("M")


# Edges of identifiers, as regex fragments to put around a pattern (``regex`` syntax; ``\d`` is any decimal
# digit: ASCII, Thai, Lao, Khmer, Burmese, full-width…). A token (``S1234567D``) must not continue a Latin
# word or a number (``AS1234567D``, ``9S1234567D``, ``S1234567Dx``); a letter of another script may touch it,
# since Thai, Lao, Khmer, Burmese and Chinese put no space there (``เลขบัตร1101700230708ครับ``). A number
# must also not be one piece of a longer one (``12-1101700230708``, ``1101700230708.5``) nor follow a "+"
# (a phone number's country code). A combining mark after the last character means that character is a
# letter (a Burmese ၀ typed for ဝ), see :func:`glued_to_mark`. Commas and slashes do not join numbers here,
# so CSV fields and lists stay separate.
TOKEN_START = r"(?<![\p{Latin}\d_])"
TOKEN_END = r"(?![\p{Latin}\d_\p{M}])"
NUMBER_START = TOKEN_START + r"(?<![+＋])(?<!\d[.\-])"
NUMBER_END = TOKEN_END + r"(?![.\-]\d)"


class _AsciiDigits(dict[int, int]):
    """A ``str.translate`` table sending every decimal digit to its ASCII digit, filled as characters come
    (all of Unicode would be a million lookups at import)."""

    def __missing__(self, code: int) -> int:
        value = unicodedata.decimal(chr(code), None)
        self[code] = code if value is None else ord("0") + value
        return self[code]


_ASCII_DIGITS = _AsciiDigits()


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit (Unicode category Nd: ``๑``, ``၁``, ``１``…) written as its ASCII
    digit, everything else unchanged, so validators read numbers in any script."""
    return text.translate(_ASCII_DIGITS)


# A number as people write it: digits of any script, single spaces, dots or dashes between groups.
_NUMBER = regex.compile(r"\d+(?:[ .\-]\d+)*")
_last_count: tuple[str, int] = ("", 0)  # the last text counted and its count (one tuple: swapped atomically)


def most_digits_in_a_number(text: str) -> int:
    """The most digits one number of ``text`` holds, its groups joined by single spaces, dots or dashes.

    A recogniser's prefilter: an identifier of N digits can only be where this is at least N. Every number
    recogniser asks it of the same text in turn, so the last answer is kept (with the text, which stays
    alive until the next one) and each text is read once.
    """
    global _last_count
    last = _last_count
    if last[0] is text:
        return last[1]
    most = 0
    for number in _NUMBER.finditer(text):
        group = number.group()
        most = max(most, len(group) - group.count(" ") - group.count(".") - group.count("-"))
    _last_count = (text, most)
    return most


def number_of_at_least(count: int) -> Callable[[str], bool]:
    """A prefilter passing the texts that hold a number of at least ``count`` digits."""

    def prefilter(text: str) -> bool:
        return most_digits_in_a_number(text) >= count

    return prefilter
