"""One ``LanguageProfile`` per label: everything language-specific that the other pillars need.

The corpus pipeline, PII detection and annotation ask the profile (how to segment, how to split sentences,
which words are spam, how to normalise for deduplication, which digits a number may be written in); they
never branch on language codes themselves. Adding a language means adding a profile, nothing else.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache

import icu
import regex

from seabridge.lang import segmentation as _segment
from seabridge.lang.blocklists import blocklist_for, blocklist_pattern
from seabridge.lang.labels import CORE_LABELS, UNDETERMINED, LanguageInfo, language_info, parse_label

# Scripts written without spaces between words: dedup shingles by characters there, by words elsewhere.
UNSPACED_SCRIPTS = frozenset({"Thai", "Laoo", "Khmr", "Mymr", "Hans", "Hant", "Hani", "Jpan"})

# Native decimal digits by script; PII recognisers accept numbers written in them.
NATIVE_DIGITS: dict[str, str] = {
    "Thai": "๐๑๒๓๔๕๖๗๘๙",
    "Laoo": "໐໑໒໓໔໕໖໗໘໙",
    "Khmr": "០១២៣៤៥៦៧៨៩",
    "Mymr": "၀၁၂၃၄၅၆၇၈၉",
}
_SHAN_DIGITS = "႐႑႒႓႔႕႖႗႘႙"

# ICU locale for sentence breaking (the language subtag is enough for ICU's rules).
_ICU_LOCALE: dict[str, str] = {
    "zho_Hans": "zh_Hans",
    "zho_Hant": "zh_Hant",
    "zsm_Latn": "ms",
    "tgl_Latn": "fil",
}

# Invisible characters that carry no content for duplicate detection (ZWSP is a word-break hint in Khmer
# and Burmese, so it is kept in the text, but two copies of a text that differ only in ZWSP are duplicates).
_DEDUP_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
_DEDUP_SPACE = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class QualityThresholds:
    """Gopher/FineWeb-style document heuristics, per language.

    Word-length bounds depend on how the language's segmenter cuts words (a Chinese word averages under two
    characters, a Vietnamese word joins syllables), so they live in the profile, not in the filter.
    """

    min_words: int = 20
    max_words: int = 100_000
    min_mean_word_chars: float = 3.0
    max_mean_word_chars: float = 10.0
    max_symbol_word_ratio: float = 0.1
    max_lines_ending_ellipsis: float = 0.3
    max_lines_starting_bullet: float = 0.9
    min_alpha_word_ratio: float = 0.8
    max_duplicate_line_fraction: float = 0.3
    # Spam: at least this many blocklist hits of at least this many different terms, and at least this
    # many per word (news about a casino repeats one word; a gambling page advertises several).
    min_blocklist_hits: int = 3
    min_blocklist_terms: int = 2
    max_blocklist_density: float = 0.01


_UNSPACED_QUALITY = QualityThresholds(min_words=30, min_mean_word_chars=1.0, max_mean_word_chars=8.0)
_HAN_QUALITY = QualityThresholds(min_words=30, min_mean_word_chars=1.0, max_mean_word_chars=4.0)
_VIE_QUALITY = QualityThresholds(min_mean_word_chars=2.0, max_mean_word_chars=9.0)


@dataclass(frozen=True)
class LanguageProfile:
    """Everything language-specific about one label."""

    label: str
    info: LanguageInfo | None
    unspaced: bool
    digits: str
    quality: QualityThresholds
    blocklist: frozenset[str]
    shingle_unit: str  # "char" or "word": how MinHash near-dedup shingles this language
    shingle_size: int
    _sentence_locale: str = field(repr=False)

    @property
    def script(self) -> str:
        return self.label.split("_", 1)[1] if "_" in self.label else "Zyyy"

    def segment(self, text: str, engine: str = "fast") -> list[str]:
        """Words of ``text`` (no whitespace; their concatenation is the text without whitespace)."""
        return _segment.segment(text, self.label, engine)

    def segment_batch(self, texts: list[str], engine: str = "fast") -> list[list[str]]:
        return _segment.segment_batch(texts, self.label, engine)

    def sentences(self, text: str) -> list[str]:
        """Sentences by ICU's rules for the language (Myanmar ။, Khmer ។, CJK 。 are sentence ends)."""
        bounds = list(_sentence_breaker(self._sentence_locale, text))
        starts = [0, *bounds]
        return [s for a, b in zip(starts, bounds, strict=False) if (s := text[a:b].strip())]

    def dedup_key(self, text: str) -> str:
        """The form of ``text`` that exact and near-duplicate detection compare.

        Case and spacing are folded and invisible characters dropped, but combining marks are kept: the
        Thai words ข้าว (rice), ขาว (white) and ข่าว (news) differ only in marks and must stay different.
        """
        text = _DEDUP_INVISIBLE.sub("", text).casefold()
        return _DEDUP_SPACE.sub("" if self.unspaced else " ", text).strip()

    def blocklist_hits(self, text: str) -> int:
        """How many spam/gambling/adult terms of this language (and of English) occur in ``text``."""
        return len(self.blocklist_terms(text))

    def blocklist_terms(self, text: str) -> list[str]:
        """Every occurrence of a spam/gambling/adult term in ``text``, case-folded, in order."""
        if not self.blocklist:
            return []
        return [term.casefold() for term in blocklist_pattern(self.label).findall(text)]

    def digit_value(self, char: str) -> int | None:
        """Value of a digit written in ASCII or in this language's own digits."""
        if "0" <= char <= "9":
            return ord(char) - 48
        index = self.digits.find(char)
        return index % 10 if index >= 0 else None  # ``digits`` holds whole sets of ten (Shan: two sets)


_LOCAL = threading.local()


def _sentence_breaker(locale: str, text: str) -> icu.BreakIterator:
    """A per-thread ICU sentence iterator (ICU iterators are not thread-safe) set on ``text``."""
    cache_: dict[str, icu.BreakIterator] = _LOCAL.__dict__.setdefault("sentences", {})
    breaker = cache_.get(locale)
    if breaker is None:
        breaker = cache_[locale] = icu.BreakIterator.createSentenceInstance(icu.Locale(locale))
    breaker.setText(text)
    return breaker


@cache
def get_profile(label: str) -> LanguageProfile:
    """The profile for ``label``; labels outside the core set get a generic profile for their script."""
    if label == UNDETERMINED:
        language, script = UNDETERMINED, "Zyyy"
    else:
        language, script = parse_label(label)
    unspaced = script in UNSPACED_SCRIPTS
    if script in {"Hans", "Hant", "Hani", "Jpan"}:
        quality = _HAN_QUALITY
    elif unspaced:
        quality = _UNSPACED_QUALITY
    elif label == "vie_Latn":
        quality = _VIE_QUALITY
    else:
        quality = QualityThresholds()
    digits = _SHAN_DIGITS + NATIVE_DIGITS["Mymr"] if label == "shn_Mymr" else NATIVE_DIGITS.get(script, "")
    return LanguageProfile(
        label=label,
        info=language_info(label),
        unspaced=unspaced,
        digits=digits,
        quality=quality,
        blocklist=blocklist_for(label),
        shingle_unit="char" if unspaced else "word",
        shingle_size=5 if unspaced else 3,
        _sentence_locale=_ICU_LOCALE.get(label, language),
    )


def core_profiles() -> list[LanguageProfile]:
    """Profiles of every core label, in the order of :data:`CORE_LABELS`."""
    return [get_profile(label) for label in CORE_LABELS]
