"""What lies around a candidate span: context words before it, and marks that glue it to a neighbour.

Recognisers never use ``\\b``: in Thai, Lao, Khmer, Burmese and Chinese there is no space between a word
and the number or address after it, so ``\\b`` either fails to separate them or separates nothing. Each
recogniser states its own edges (which characters may not touch a match); the helpers here are the parts
they share.
"""

from __future__ import annotations

import unicodedata
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
