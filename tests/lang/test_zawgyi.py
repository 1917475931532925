"""Zawgyi detection and conversion on real Burmese, Zawgyi and Shan text (fixtures in tests/data/zawgyi)."""

from __future__ import annotations

import math
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from myanmartools import ZawgyiDetector

from seabridge.lang.zawgyi import (
    fix_zawgyi,
    is_zawgyi,
    looks_shan,
    zawgyi_probabilities,
    zawgyi_probability,
    zawgyi_to_unicode,
)

DATA = Path(__file__).parent.parent / "data" / "zawgyi"


def _sib(label: str) -> list[str]:
    rows = (DATA / "sib200_dev_excerpt.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [r.split("\t")[2] for r in rows if r.startswith(label + "\t")]


def _pairs() -> list[tuple[str, str]]:
    rows = (DATA / "pairs_excerpt.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [(r.split("\t")[0], r.split("\t")[1]) for r in rows]


PAIRS = _pairs()
ZAWGYI = [z for z, _ in PAIRS]
UNICODE = [u for _, u in PAIRS] + _sib("mya_Mymr")
SHAN = _sib("shn_Mymr")


def _words(lines: list[str]) -> list[str]:
    return [w for line in lines for w in line.split() if any("\u1000" <= c <= "\u109f" for c in w)]


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_fixtures_loaded() -> None:
    assert len(PAIRS) == 30 and len(SHAN) == 30 and len(UNICODE) == 60


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_probability_equals_reference_detector() -> None:
    reference = ZawgyiDetector()
    texts = ZAWGYI + UNICODE + SHAN + _words(ZAWGYI + SHAN)
    for text in texts:
        expected = reference.get_zawgyi_probability(text)
        assert zawgyi_probability(text) == (0.0 if expected == -math.inf else expected)


def test_probability_zero_without_myanmar() -> None:
    assert zawgyi_probabilities(["", "hello world", "ภาษาไทย", "\x00\ud800"]) == [0.0, 0.0, 0.0, 0.0]


def test_detects_zawgyi_lines() -> None:
    assert all(is_zawgyi(z) for z in ZAWGYI)


def test_unicode_burmese_not_flagged() -> None:
    assert not any(is_zawgyi(u) for u in UNICODE)


def test_shan_never_flagged_lines_and_words() -> None:
    assert not any(is_zawgyi(s) for s in SHAN + _words(SHAN))


def test_shan_guard_vetoes_what_the_model_flags() -> None:
    # A Shan word ("and") that the Markov model scores as Zawgyi; only the guard keeps it Unicode.
    word = "ႄလႈ"
    assert zawgyi_probability(word) > 0.9
    assert looks_shan(word)
    assert not is_zawgyi(word)


def test_guard_does_not_fire_on_zawgyi_or_burmese() -> None:
    assert all(looks_shan(s) for s in SHAN)
    assert not any(looks_shan(t) for t in ZAWGYI + UNICODE)


def test_text_same_in_both_encodings_is_not_zawgyi() -> None:
    # The model scores a lone full stop 0.86 Zawgyi, but conversion would not change it.
    assert zawgyi_probability("။") > 0.5
    assert not is_zawgyi("။")
    assert fix_zawgyi("။") == ("။", False)


def test_conversion_character_error_rate() -> None:
    errors = total = 0
    for zawgyi, reference in PAIRS:
        reference = unicodedata.normalize("NFC", reference)  # the UDHR side stores asat before dot below
        errors += _levenshtein(zawgyi_to_unicode(zawgyi), reference)
        total += len(reference)
    assert errors / total <= 0.001


def test_conversion_of_a_known_line() -> None:
    assert zawgyi_to_unicode("ေနျပည္ေတာ္ ဇူလုိင္ ၂၆") == "နေပြည်တော် ဇူလိုင် ၂၆"


def test_fix_zawgyi_converts_only_zawgyi() -> None:
    zawgyi, unicode = PAIRS[1]
    assert fix_zawgyi(zawgyi) == (unicodedata.normalize("NFC", unicode), True)
    assert fix_zawgyi(unicode) == (unicode, False)
    assert fix_zawgyi(SHAN[0]) == (SHAN[0], False)


def test_conversion_thread_safe() -> None:
    expected = [zawgyi_to_unicode(z) for z in ZAWGYI]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(zawgyi_to_unicode, ZAWGYI * 8))
    assert results == expected * 8


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "\x00ေနျပည္\x00", "a\ud800ေနျပည္\udfff", "\x1b[31m\x07", "ေ" * 3, "x" * 1_000_000],
)
def test_bad_input_never_crashes(text: str) -> None:
    converted, was = fix_zawgyi(text)
    assert isinstance(converted, str) and isinstance(was, bool)
    assert 0.0 <= zawgyi_probability(text) <= 1.0


def test_lone_surrogates_survive_conversion() -> None:
    out = zawgyi_to_unicode("a\ud800ေနျပည္")
    assert out == "a\ud800နေပြည်"


def test_megabyte_zawgyi_line() -> None:
    text = " ".join(ZAWGYI) * (1_000_000 // sum(map(len, ZAWGYI)) + 1)
    converted, was = fix_zawgyi(text)
    assert was and "ေန" not in converted[:200]


_MYANMAR_ALPHABET = st.characters(min_codepoint=0x1000, max_codepoint=0x109F)


@settings(max_examples=150, deadline=None)
@given(st.text(st.one_of(_MYANMAR_ALPHABET, st.characters()), max_size=60))
def test_arbitrary_text(text: str) -> None:
    p = zawgyi_probability(text)
    assert 0.0 <= p <= 1.0
    converted, was = fix_zawgyi(text)
    if not was:
        assert converted == text
    assert is_zawgyi(text) == was


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(max_codepoint=0x0FFF), max_size=80))
def test_text_without_myanmar_untouched(text: str) -> None:
    assert zawgyi_probability(text) == 0.0
    assert fix_zawgyi(text) == (text, False)
    assert zawgyi_to_unicode(text) == text
