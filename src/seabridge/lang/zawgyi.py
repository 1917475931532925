"""Zawgyi detection and conversion to Unicode Burmese.

Zawgyi is a font encoding that reuses Myanmar code points for glyph variants, so the same bytes read as
different text depending on the font. Detection uses Google's ``myanmartools`` Markov model (it ships its
parameters); conversion uses ICU's ``Zawgyi-my`` transliterator. Both are the field's reference tools. We add
three things around them:

* a vectorised evaluation of the myanmartools model (same parameters, same arithmetic in float64), because the
  reference implementation scores one character pair per Python call (~0.3M chars/s);
* a Shan guard: Shan Unicode text reuses the code points Zawgyi uses for glyph variants (U+1075-U+108D),
  which is why rule-based detectors flag it. The Markov model does not, but we also veto on letters Shan uses
  and Zawgyi does not, so short or odd Shan lines stay safe;
* an evidence rule: a string that Zawgyi conversion leaves unchanged (``။``, ``မ``) is not called Zawgyi,
  whatever the model's score, because both readings are the same text; nor is one whose conversion
  still scores as Zawgyi (a lone ``ျ``), which would make normalisation non-idempotent.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
import warnings
from collections.abc import Sequence
from functools import lru_cache

import icu
import numpy as np
from myanmartools import ZawgyiDetector

__all__ = [
    "ZAWGYI_THRESHOLD",
    "fix_zawgyi",
    "has_myanmar",
    "is_zawgyi",
    "looks_shan",
    "zawgyi_probabilities",
    "zawgyi_probability",
    "zawgyi_to_unicode",
]

# Chosen on training data (pairs.tsv even rows, SIB-200 mya/shn train, SIB-200 mya train converted to Zawgyi
# with ICU ``my-Zawgyi``; see ``benchmarks/lang_zawgyi.py``): every Unicode or Shan line scores below 2e-4 and
# every Zawgyi line above 0.69, so any threshold between separates them. We take the midpoint in log-odds
# (about 0.015 there) rounded up to 0.05, myanmartools' own "definitely Unicode" bound, leaving margin on both
# sides.
ZAWGYI_THRESHOLD = 0.05

_MYANMAR = re.compile("[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")
# Letters and signs of Shan (and other non-Burmese Myanmar-script languages) that are not part of the Zawgyi
# repertoire or are Zawgyi's rarest glyph variants: ဢ U+1022, ဵ U+1035, ႃ U+1083, ႄ U+1084, ႅ U+1085,
# U+109A-U+109D. In SIB-200 Shan train, 99% of lines contain one of them; none of 855 Zawgyi lines does.
_SHAN_ONLY = re.compile("[\u1022\u1035\u1083-\u1085\u109a-\u109d]")
# Share of Myanmar-block characters that must be Shan-only before the guard vetoes. Real Zawgyi may use
# U+1083/U+1084 (ya-yit variants) now and then; Shan lines have 4-10% of these letters.
_SHAN_SHARE = 0.02


@lru_cache(maxsize=1)
def _model() -> tuple[dict[int, int], np.ndarray, int]:
    """The myanmartools parameters as a translate table (char -> state byte) and a float64 matrix."""
    with warnings.catch_warnings():  # myanmartools 1.2.1 uses the deprecated importlib.resources.open_binary
        warnings.simplefilter("ignore", DeprecationWarning)
        detector = ZawgyiDetector()
    chars: str = "".join(detector._chars)
    size = len(chars) + 1
    if size > 256:  # states are packed into bytes below
        raise RuntimeError("myanmartools model has more states than fit a byte")
    params = np.array(detector._params, dtype=np.float64).reshape(size, size)
    # Ask the reference for each state instead of enumerating: its bisect lookup assumes a sorted char list,
    # which the shipped one is not, so U+A9E0-U+A9FF and U+2000-U+200B score as foreign there. We keep that
    # behaviour so our probabilities equal the reference's.
    table = {ord(c): detector._state(c) for c in chars if detector._state(c)}
    return table, params, size


@lru_cache(maxsize=1)
def _foreign() -> re.Pattern[str]:
    chars = "".join(sorted(chr(c) for c in _model()[0]))
    return re.compile("[^" + re.escape(chars) + "]+")


def has_myanmar(text: str) -> bool:
    """True if ``text`` has any character of the Myanmar blocks (cheap pre-check for everything here)."""
    return _MYANMAR.search(text) is not None


def zawgyi_probability(text: str) -> float:
    """Probability (0..1) that ``text`` is Zawgyi rather than Unicode, per Google's myanmartools model.

    Returns 0.0 for text without Myanmar characters. Matches ``ZawgyiDetector.get_zawgyi_probability``
    (which returns ``-inf`` where we return 0.0) to floating-point rounding.
    """
    if not text or not has_myanmar(text):
        return 0.0
    table, params, _ = _model()
    # Foreign characters (state 0) are collapsed: pairs that touch state 0 carry NaN in the model and are
    # skipped, so a run of them scores like one.
    states = _foreign().sub("\x00", text).translate(table).encode("latin-1")
    seq = np.frombuffer(b"\x00" + states + b"\x00", dtype=np.uint8)
    llrs = params[seq[:-1], seq[1:]]
    llrs = llrs[~np.isnan(llrs)]
    if llrs.size == 0:
        return 0.0
    total = float(llrs.sum())
    if total >= 0:  # same overflow-safe logistic as the reference
        z = math.exp(-total)
        return z / (z + 1)
    return 1 / (1 + math.exp(total))


def zawgyi_probabilities(texts: Sequence[str]) -> list[float]:
    """``zawgyi_probability`` for each text."""
    return [zawgyi_probability(t) for t in texts]


def looks_shan(text: str) -> bool:
    """True if ``text`` carries letters of Shan Unicode that Zawgyi text (practically) never has."""
    hits = len(_SHAN_ONLY.findall(text))
    if not hits:
        return False
    myanmar = len(_MYANMAR.findall(text))
    return hits >= _SHAN_SHARE * myanmar


_local = threading.local()


def _transliterator() -> icu.Transliterator:
    """One ICU transliterator per thread: ICU transliterators keep state and are not thread-safe."""
    trans = getattr(_local, "zawgyi", None)
    if trans is None:
        trans = icu.Transliterator.createInstance("Zawgyi-my")
        _local.zawgyi = trans
    return trans


def zawgyi_to_unicode(text: str) -> str:
    """Convert Zawgyi ``text`` to NFC Unicode Burmese (ICU ``Zawgyi-my``); other text passes through."""
    if not text or not has_myanmar(text):
        return text
    # ICU works on UTF-16; lone surrogates would not survive the round trip, so they are kept aside.
    if _has_surrogate(text):
        return "".join(
            zawgyi_to_unicode(part) if i % 2 == 0 else part for i, part in enumerate(_split_surr(text))
        )
    return unicodedata.normalize("NFC", _transliterator().transliterate(text))


_SURROGATE = re.compile("([\ud800-\udfff]+)")


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _split_surr(text: str) -> list[str]:
    return _SURROGATE.split(text)


def _decide(text: str) -> tuple[bool, str | None]:
    """Whether ``text`` is Zawgyi, and its conversion when that was computed on the way."""
    if not text or not has_myanmar(text):
        return False, None
    if zawgyi_probability(text) < ZAWGYI_THRESHOLD or looks_shan(text):
        return False, None
    converted = zawgyi_to_unicode(text)
    if converted == unicodedata.normalize("NFC", text):
        return False, None  # same text in both readings: nothing to call Zawgyi
    if zawgyi_probability(converted) >= ZAWGYI_THRESHOLD:
        # The "Unicode" result still reads as Zawgyi (a lone medial, a fragment with no consonant): the
        # model cannot tell, and converting would not even be idempotent. Leave such text as it came.
        return False, None
    return True, converted


def is_zawgyi(text: str) -> bool:
    """True if ``text`` is Zawgyi-encoded Burmese; Shan, Unicode Burmese and other text are never flagged."""
    return _decide(text)[0]


def fix_zawgyi(text: str) -> tuple[str, bool]:
    """Convert ``text`` to Unicode if it is Zawgyi; returns ``(text, was_zawgyi)``, other text as is."""
    zawgyi, converted = _decide(text)
    if zawgyi and converted is not None:
        return converted, True
    return text, False
