"""Which writing systems a text uses, counted fast.

Identification routes on script first (Thai, Lao, Khmer and Han text never needs a statistical model to
tell it from Latin), so counting scripts sits on the hot path. We map every BMP code point to a one-
character script code once, with ICU's script property, and then count with ``str.translate`` and
``collections.Counter``, both of which run in C.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import icu

# Scripts that carry no language signal: punctuation, digits, spaces, combining marks inherited from the base.
NEUTRAL_SCRIPTS = frozenset({"Zyyy", "Zinh", "Zzzz"})
_BMP = 0x10000


@lru_cache(maxsize=1)
def _tables() -> tuple[str, tuple[str, ...]]:
    """A translate table (BMP code point -> private code char) and the ISO 15924 code of each private char."""
    codes: list[str] = []
    index: dict[str, int] = {}
    chars: list[str] = []
    for cp in range(_BMP):
        code = _script_of_codepoint(cp)
        if code not in index:
            index[code] = len(codes)
            codes.append(code)
        chars.append(chr(0xE000 + index[code]))  # Private Use Area: never produced by the mapping itself
    return "".join(chars), tuple(codes)


def _script_of_codepoint(cp: int) -> str:
    if 0xD800 <= cp <= 0xDFFF:  # lone surrogates (from surrogateescape) belong to no script
        return "Zzzz"
    return icu.Script.getScript(cp).getShortName()


def script_of(char: str) -> str:
    """ISO 15924 code of one character (``Zyyy`` for common punctuation and digits)."""
    cp = ord(char)
    if cp < _BMP:
        table, codes = _tables()
        return codes[ord(table[cp]) - 0xE000]
    return _script_of_codepoint(cp)


def script_counts(text: str) -> Counter[str]:
    """Characters per ISO 15924 script, neutral scripts (spaces, digits, punctuation, marks) left out."""
    table, codes = _tables()
    counts: Counter[str] = Counter()
    for char, n in Counter(text.translate(table)).items():  # chars beyond the BMP stay as themselves
        cp = ord(char)
        code = codes[cp - 0xE000] if 0xE000 <= cp < 0xE000 + len(codes) else _script_of_codepoint(cp)
        if code not in NEUTRAL_SCRIPTS:
            counts[code] += n
    return counts


def dominant_script(text: str) -> str | None:
    """The script with most letters, or ``None`` for text with no letters at all.

    Japanese is the one script mix folded here (:func:`fold_japanese`).
    """
    counts = fold_japanese(script_counts(text))
    return counts.most_common(1)[0][0] if counts else None


def fold_japanese(counts: Counter[str]) -> Counter[str]:
    """Count kana, and Han next to kana, as one ``Jpan`` script (in place; returned for chaining)."""
    kana = counts.pop("Hira", 0) + counts.pop("Kana", 0)
    if kana:
        counts["Jpan"] = kana + counts.pop("Hani", 0)
    return counts
