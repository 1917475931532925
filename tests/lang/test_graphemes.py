"""Grapheme-safe offsets, checked against hand-read clusters, ICU's BreakIterator and JavaScript lengths."""

from __future__ import annotations

from itertools import pairwise

import icu
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.lang import graphemes as g
from seabridge.lang.graphemes import (
    from_utf16,
    from_utf16_many,
    grapheme_boundaries,
    graphemes,
    is_boundary,
    snap,
    to_utf16,
    to_utf16_many,
    widen_span,
)

COENG, VIRAMA_MY = "\u17d2", "\u1039"


def _block(*ranges: tuple[int, int]) -> list[str]:
    return [chr(c) for lo, hi in ranges for c in range(lo, hi) if icu.Char.isdefined(c)]


THAI = _block((0x0E01, 0x0E5C))
LAO = _block((0x0E81, 0x0EE0))
KHMER = _block((0x1780, 0x17FA))
MYANMAR = _block((0x1000, 0x10A0), (0xAA60, 0xAA80), (0xA9E0, 0xAA00))
HANGUL = [*_block((0x1100, 0x1200)), "가", "각", "힣"]
EMOJI = ["👨", "👩", "👧", "\u200d", "🏽", "🏻", "🇹", "🇭", "🇻", "🇳", "\ufe0f", "❤", "👍", "🏳", "🌈", "😀"]
CJK = ["中", "文", "字", "\U00020000", "\U0002a6d6", "\U0002f800", "。"]
MISC = ["a", "b", " ", "\r", "\n", "\x00", "\t", "\u0301", "\u200c"]
DEVANAGARI = _block((0x0900, 0x0980))
COMMON = EMOJI + CJK + MISC
ALL = THAI + LAO + KHMER + MYANMAR + HANGUL + DEVANAGARI + COMMON
# One script at a time (plus emoji, CJK, controls): there ICU and ours agree exactly. Across scripts regex
# also joins e.g. a Khmer COENG to a Myanmar consonant, which ICU does not.
SEA_TEXT = st.one_of(
    [
        st.text(alphabet=st.sampled_from(script + COMMON), max_size=40)
        for script in (THAI, LAO, KHMER, MYANMAR, HANGUL)
    ]
)
ANY_TEXT = st.one_of(
    SEA_TEXT,
    st.text(alphabet=st.sampled_from([*ALL, "\ud800", "\udfff", "\x7f"]), max_size=40),
    st.text(max_size=40),
)


def _utf16_len(text: str) -> int:
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def _icu_tailored(text: str) -> list[int]:
    """Oracle: ICU 77's UAX #29 clusters plus the Khmer/Myanmar stacking rule, written out independently."""
    it = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    it.setText(text)
    cp_of = {}
    unit = 0
    for i, ch in enumerate(text):
        cp_of[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    cp_of[unit] = len(text)
    gcb = icu.UProperty.GRAPHEME_CLUSTER_BREAK
    extend = {icu.UGraphemeClusterBreak.EXTEND, icu.UGraphemeClusterBreak.ZWJ}
    out = [0]
    for b in (cp_of[u] for u in it):
        if b < len(text):
            j = b
            while j > 0 and icu.Char.getIntPropertyValue(ord(text[j - 1]), gcb) in extend:
                j -= 1
            marks, nxt = text[j:b], text[b]
            script = icu.Script.getScript(ord(nxt)).getShortName()
            if COENG in marks and "\u1780" <= nxt <= "\u17b3":
                continue
            if VIRAMA_MY in marks and script == "Mymr" and nxt.isalpha():
                continue
        out.append(b)
    return out


# ---- hand-checked clusters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("ក្សត្រ", ["ក្ស", "ត្រ"]),  # Khmer "king": each subscript stays with its base
        ("ស្ត្រី", ["ស្ត្រី"]),  # two stacked consonants and a vowel sign
        ("သင်္ဘော", ["သ", "င်္ဘေ", "ာ"]),  # Burmese "ship": kinzi joins ဘ; AA stands alone (UAX #29)
        ("မ္မ", ["မ္မ"]),
        ("ကြွ", ["ကြွ"]),  # Myanmar medials
        ("က်က", ["က်", "က"]),  # asat (visible killer) does not stack
        ("ข้าว", ["ข้", "า", "ว"]),
        ("กำ", ["กำ"]),  # SARA AM is a spacing mark
        ("เก่ง", ["เ", "ก่", "ง"]),  # leading vowel is its own cluster
        ("ກ່ຽວ", ["ກ່", "ຽ", "ວ"]),
        ("क्षत्रिय", ["क्ष", "त्रि", "य"]),  # Unicode 15.1 conjuncts (GB9c)
        ("👨\u200d👩\u200d👧", ["👨\u200d👩\u200d👧"]),
        ("🇹🇭🇻🇳", ["🇹🇭", "🇻🇳"]),
        ("👍🏽!", ["👍🏽", "!"]),
        ("🏳\ufe0f\u200d🌈", ["🏳\ufe0f\u200d🌈"]),
        ("한국어", ["한", "국", "어"]),
        ("ᄀᄀ각", ["ᄀᄀ각"]),  # conjoining jamo
        ("a\r\nb", ["a", "\r\n", "b"]),
        ("\U00020000中", ["\U00020000", "中"]),
        ("", []),
    ],
)
def test_hand_checked_clusters(text: str, clusters: list[str]) -> None:
    assert graphemes(text) == clusters
    assert len(grapheme_boundaries(text)) == len(clusters) + 1


def test_tailoring_holds_with_an_engine_that_splits_stacks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Older regex releases and ICU 77 attach the COENG to the consonant before it and break after it;
    # emulate that (base + marks) to check that the tailoring, not the installed engine, keeps stacks whole.
    legacy = regex.compile(r"(?s)\P{M}\p{M}*+|.")
    assert legacy.findall("ក្សត្រ") == ["ក្", "ស", "ត្", "រ"]
    monkeypatch.setattr(g, "_CLUSTER", legacy)
    assert graphemes("ក្សត្រ") == ["ក្ស", "ត្រ"]
    assert graphemes("သင်္ဘော") == ["သ", "င်္ဘော"]
    assert grapheme_boundaries("ab" + COENG) == [0, 1, 3]  # a coeng before a non-Khmer letter stacks nothing


@pytest.mark.parametrize(
    ("text", "units"),  # String.prototype.length in a browser
    [("👨\u200d👩\u200d👧", 8), ("🇹🇭", 4), ("\U00020000", 2), ("ข้าว", 4), ("a😀b", 4), ("", 0)],
)
def test_utf16_lengths_match_javascript(text: str, units: int) -> None:
    assert to_utf16(text, len(text)) == units
    assert from_utf16(text, units) == len(text)


def test_utf16_offsets_by_hand() -> None:
    text = "a😀b"
    assert [to_utf16(text, i) for i in range(4)] == [0, 1, 3, 4]
    assert from_utf16_many(text, [0, 1, 3, 4]) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="surrogate pair"):
        from_utf16(text, 2)
    for bad in (-1, 5):
        with pytest.raises(ValueError):
            from_utf16(text, bad)
    with pytest.raises(ValueError):
        to_utf16(text, 4)


def test_snap_and_widen_by_hand() -> None:
    text = "ក្សត្រ"
    assert [is_boundary(text, i) for i in range(7)] == [True, False, False, True, False, False, True]
    assert snap(text, 2) == 0
    assert snap(text, 2, "right") == 3
    assert widen_span(text, 2, 4) == (0, 6)
    assert widen_span(text, 3, 3) == (3, 3)
    assert widen_span(text, 4, 4) == (3, 6)
    flag = "ธง🇹🇭"
    assert widen_span(flag, 3, 4) == (2, 4)


# ---- properties --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(SEA_TEXT)
def test_matches_icu_with_tailoring(text: str) -> None:
    assert grapheme_boundaries(text) == _icu_tailored(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALL), max_size=40))
def test_never_breaks_where_icu_does_not(text: str) -> None:
    # regex joins a virama to a following consonant even after a non-consonant or across scripts (malformed
    # text), where ICU breaks; it must never go the other way and cut a cluster that ICU keeps whole.
    assert set(grapheme_boundaries(text)) <= set(_icu_tailored(text))


@given(ANY_TEXT)
def test_boundaries_partition_the_text(text: str) -> None:
    bounds = grapheme_boundaries(text)
    assert bounds[0] == 0
    assert bounds[-1] == len(text)
    assert all(a < b for a, b in pairwise(bounds))
    assert "".join(graphemes(text)) == text
    assert len(graphemes(text)) == len(bounds) - 1


# Long runs with few certain break points (flags, marks, ZWJ chains), so the windows must grow.
SPARSE = st.text(
    alphabet=st.sampled_from(
        ["🇹", "🇭", "🇹", "👨", "👩", "\u200d", "🏽", "\u0301", COENG, "ក", "ស", "\r", "\n", "a"]
    ),
    min_size=60,
    max_size=300,
)


@settings(deadline=None)
@given(st.one_of(ANY_TEXT, SPARSE))
def test_local_helpers_agree_with_full_segmentation(text: str) -> None:
    bounds = grapheme_boundaries(text)
    for offset in range(len(text) + 1):
        left = max(b for b in bounds if b <= offset)
        right = min(b for b in bounds if b >= offset)
        assert is_boundary(text, offset) == (offset in bounds)
        assert snap(text, offset) == left
        assert snap(text, offset, "right") == right


@given(SEA_TEXT, st.data())
def test_widen_span_is_smallest_aligned_cover(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = widen_span(text, start, end)
    assert a <= start <= end <= b
    assert is_boundary(text, a)
    assert is_boundary(text, b)
    bounds = grapheme_boundaries(text)
    assert not any(a < x <= start for x in bounds)  # minimal on the left
    assert not any(end <= x < b for x in bounds)  # and on the right


@given(st.text(alphabet=st.sampled_from(KHMER + MYANMAR + [COENG, VIRAMA_MY] * 8), max_size=40))
def test_subscript_consonant_never_split_from_its_base(text: str) -> None:
    bounds = set(grapheme_boundaries(text))
    for i in range(1, len(text)):
        if text[i - 1] == COENG and "\u1780" <= text[i] <= "\u17a2":
            assert i not in bounds
        if text[i - 1] == VIRAMA_MY and "\u1000" <= text[i] <= "\u1020":
            assert i not in bounds


@given(ANY_TEXT)
def test_utf16_round_trip(text: str) -> None:
    offsets = list(range(len(text) + 1))
    units = to_utf16_many(text, offsets)
    assert units == [_utf16_len(text[:i]) for i in offsets]
    assert units == [to_utf16(text, i) for i in offsets]
    assert from_utf16_many(text, units) == offsets
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            with pytest.raises(ValueError, match="surrogate pair"):
                from_utf16(text, units[i] + 1)
    with pytest.raises(ValueError):
        from_utf16_many(text, [_utf16_len(text) + 1])


@given(ANY_TEXT)
def test_boundaries_survive_utf16_round_trip(text: str) -> None:
    bounds = grapheme_boundaries(text)
    assert [from_utf16(text, to_utf16(text, b)) for b in bounds] == bounds


# ---- bad and large input --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\x00", "\ud800", "a\udc00\ud800b", "\x01\x1b[0m\x7f", "\r\r\n\n"])
def test_odd_input_does_not_crash(text: str) -> None:
    bounds = grapheme_boundaries(text)
    assert "".join(graphemes(text)) == text
    for offset in range(len(text) + 1):
        assert snap(text, offset) in bounds
        assert from_utf16(text, to_utf16(text, offset)) == offset  # lone surrogates are one unit each


def test_offsets_out_of_range_raise() -> None:
    for call in (
        lambda: is_boundary("abc", 4),
        lambda: snap("abc", -1),
        lambda: snap("abc", 1, "up"),  # type: ignore[arg-type]
        lambda: widen_span("abc", 2, 1),
        lambda: widen_span("abc", 0, 9),
        lambda: to_utf16_many("abc", [0, 4]),
    ):
        with pytest.raises(ValueError):
            call()


def test_long_runs_without_safe_break_points() -> None:
    # Regional indicators pair up from the start of the run, so the window must reach back to it.
    flags = "x" + "🇹" * 301
    assert is_boundary(flags, 201)  # 200 indicators before it: 100 whole flags
    assert not is_boundary(flags, 202)
    assert snap(flags, 250) == 249
    assert widen_span(flags, 250, 250) == (249, 251)
    marks = "a" + "\u0301" * 1_000_000 + "b"
    assert not is_boundary(marks, 500_000)
    assert widen_span(marks, 10, 20) == (0, 1_000_001)
    assert len(graphemes(marks)) == 2


def test_megabyte_text_is_fast_enough() -> None:
    text = ("ภาษาไทย ក្សត្រ သင်္ဘော 👨\u200d👩\u200d👧 \U00020000 " * 25_000)[:1_000_000]
    bounds = grapheme_boundaries(text)
    assert "".join(graphemes(text)) == text
    spans = [(i, i + 7) for i in range(0, len(text) - 7, 997)]
    widened = [widen_span(text, a, b) for a, b in spans]
    bset = set(bounds)
    assert all(a in bset and b in bset for a, b in widened)
    units = to_utf16_many(text, [b for _, b in widened])
    assert from_utf16_many(text, units) == [b for _, b in widened]
