"""Language identification: which ``<iso639-3>_<Script>`` label a text is written in.

Script first, statistics second. Most of the region's scripts belong to one language each (Thai, Lao,
Khmer, Hangul...), so counting scripts settles them exactly and fast. Myanmar script is Burmese or Shan,
told apart by the letters only Shan uses (after Zawgyi-encoded Burmese has been recognised and converted
by normalisation; rule-based detectors that skip this step call Shan Zawgyi). Han text is Simplified or
Traditional by the characters only one standard uses (``identify_han``). Latin and Devanagari, shared by
dozens of languages, go to a fastText model with a dedicated Indonesian/Malay second opinion
(``identify_latin``). Text in any other script, or with no letters, is ``und``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from seabridge.lang.identify_han import HANS, HANT, han_variant
from seabridge.lang.identify_latin import latin_model, model_line
from seabridge.lang.labels import UNDETERMINED
from seabridge.lang.normalize import Normalized, normalize_detailed
from seabridge.lang.scripts import fold_japanese, script_counts

UNICODE = "unicode"
ZAWGYI = "zawgyi"

# Scripts written (in practice, and in everything we can measure) by one language.
_SCRIPT_LABELS: dict[str, str] = {
    "Thai": "tha_Thai",
    "Laoo": "lao_Laoo",
    "Khmr": "khm_Khmr",
    "Hang": "kor_Hang",
    "Jpan": "jpn_Jpan",
    "Grek": "ell_Grek",
    "Armn": "hye_Armn",
    "Geor": "kat_Geor",
    "Sinh": "sin_Sinh",
    "Taml": "tam_Taml",
    "Telu": "tel_Telu",
    "Knda": "kan_Knda",
    "Mlym": "mal_Mlym",
    "Gujr": "guj_Gujr",
    "Guru": "pan_Guru",
    "Orya": "ory_Orya",
    "Thaa": "div_Thaa",
}
_STATISTICAL_SCRIPTS = frozenset({"Latn", "Deva"})
MYA = "mya_Mymr"
SHN = "shn_Mymr"

# Letters of the Myanmar blocks that Shan uses and Burmese does not (Shan consonants, vowels, tones).
_SHAN_LETTERS = regex.compile(r"[\u1075-\u108d\u109a-\u109d]")
_MYANMAR = regex.compile(r"[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")
# A Han character or Hangul syllable carries about a word or a syllable, several Latin letters' worth: a
# Chinese sentence quoting an English name is still Chinese.
_SYLLABIC_WEIGHT = {"Hani": 3, "Jpan": 3, "Hang": 3}
# Shan sentences have 20-57% of their Myanmar characters in that set, Burmese none; a few percent
# allows for a Shan name quoted in Burmese text.
_SHAN_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Identification:
    """A label, a probability-like confidence in [0, 1], and the encoding the text arrived in."""

    label: str
    score: float
    encoding: str

    def to_dict(self) -> dict[str, str | float]:
        return {"label": self.label, "score": round(self.score, 4), "encoding": self.encoding}


_UNDETERMINED = Identification(UNDETERMINED, 0.0, UNICODE)


def identify(text: str) -> Identification:
    """Identify one text (a sentence or a paragraph; longer text is more reliable)."""
    return identify_batch([text])[0]


def identify_batch(texts: Sequence[str]) -> list[Identification]:
    """Identify many texts; all statistical work goes to the model in a single call."""
    return identify_normalized(
        [normalize_detailed(t) if isinstance(t, str) and t and not t.isspace() else None for t in texts]
    )


def identify_normalized(texts: Sequence[Normalized | None]) -> list[Identification]:
    """Identify texts the caller has already normalised (``None`` for empty ones), so that a pipeline that
    keeps the normalised text does not normalise twice; the Zawgyi flag comes from the recorded repairs."""
    results: list[Identification] = [_UNDETERMINED] * len(texts)
    pending: list[tuple[int, str, float, str]] = []  # index, model line, script share, encoding
    for i, normalized in enumerate(texts):
        decided, pend = _route(normalized)
        if decided is not None:
            results[i] = decided
        elif pend is not None:
            pending.append((i, *pend))
    if pending:
        predictions = latin_model().classify([line for _, line, _, _ in pending])
        for (i, _, share, encoding), (label, prob) in zip(pending, predictions, strict=True):
            results[i] = Identification(label, prob * share, encoding) if label else _UNDETERMINED
    return results


def _route(normalized: Normalized | None) -> tuple[Identification | None, tuple[str, float, str] | None]:
    """A decision by script, or the model line still to classify (with its script share and encoding)."""
    if normalized is None or not normalized.text or normalized.text.isspace():
        return _UNDETERMINED, None
    text = normalized.text
    encoding = ZAWGYI if "zawgyi" in normalized.changes else UNICODE
    counts = script_counts(text)
    if not counts:
        return _UNDETERMINED, None
    fold_japanese(counts)
    for name, weight in _SYLLABIC_WEIGHT.items():
        if name in counts:
            counts[name] *= weight
    script, n = counts.most_common(1)[0]
    share = n / sum(counts.values())
    if script in _SCRIPT_LABELS:
        return Identification(_SCRIPT_LABELS[script], share, encoding), None
    if script == "Hani":
        label, confidence = han_variant(text)
        return Identification(label, confidence * share, encoding), None
    if script == "Mymr":
        return Identification(_myanmar_label(text, encoding), share, encoding), None
    if script in _STATISTICAL_SCRIPTS:
        line = model_line(text)
        if line:
            return None, (line, share, encoding)
    return _UNDETERMINED, None


def _myanmar_label(text: str, encoding: str) -> str:
    if encoding == ZAWGYI:  # Zawgyi was a Burmese font hack; Shan text never arrives in it
        return MYA
    myanmar = len(_MYANMAR.findall(text))
    shan = len(_SHAN_LETTERS.findall(text))
    return SHN if myanmar and shan >= _SHAN_SHARE * myanmar else MYA


@lru_cache(maxsize=1)
def known_labels() -> frozenset[str]:
    """Every label :func:`identify` can return, ``und`` excluded."""
    return frozenset(_SCRIPT_LABELS.values()) | {HANS, HANT, MYA, SHN} | latin_model().labels
