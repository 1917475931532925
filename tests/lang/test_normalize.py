"""Normalisation repairs what is broken and leaves correct text alone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import sample_lines
from seabridge.lang.labels import CORE_LABELS
from seabridge.lang.normalize import decode_line, normalize, normalize_detailed
from seabridge.lang.zawgyi import is_zawgyi

SAMPLE_LABELS = [label for label in CORE_LABELS if label != "tet_Latn"]


def is_correct(line: str) -> bool:
    """Real sentences minus the few that the source itself got wrong: SIB-200 carries some mojibake rows
    (``SÃ£o``), some Burmese not in NFC, and Lao/Thai AM typed as NIKHAHIT + AA, a sequence Unicode says
    not to use in place of the precomposed vowel. Those *should* change."""
    return (
        "Ã" not in line
        and unicodedata.is_normalized("NFC", line)
        and "\u0ecd\u0eb2" not in line
        and "\u0e4d\u0e32" not in line
    )


CORRECT = [line for label in SAMPLE_LABELS for line in sample_lines(label) if is_correct(line)]


@pytest.mark.parametrize("label", SAMPLE_LABELS)
def test_correct_sentences_come_out_unchanged(label: str) -> None:
    lines = [line for line in sample_lines(label) if is_correct(line)]
    assert len(lines) >= 10
    for line in lines:
        assert normalize(line) == line


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(CORRECT), min_size=1, max_size=4),
    st.sampled_from([" ", "\t", " | ", "\u3000", " — "]),
)
def test_mixed_correct_text_comes_out_unchanged(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    assert normalize(text) == text


# Letters, digits, punctuation and spaces of scripts whose correct text has no mark-order rules to repair.
_SAFE_TEXT = st.text(
    alphabet=st.characters(
        categories=("Lu", "Ll", "Lo", "Nd", "Po", "Zs", "Ps", "Pe", "Sm"),
        exclude_characters="\ufeff",
        max_codepoint=0xFFFF,
    ).filter(
        lambda c: not ("\u0080" <= c <= "\u02ff" or "\u0e00" <= c <= "\u109f" or "\u1780" <= c <= "\u17ff")
    ),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(_SAFE_TEXT)
def test_any_nfc_text_without_damage_is_unchanged(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert normalize(text) == text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_normalize_is_idempotent_and_total(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not any("\ud800" <= c <= "\udfff" for c in once)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_and_normalise_without_error(data: bytes) -> None:
    text = normalize(decode_line(data))
    text.encode("utf-8")  # no lone surrogates left: always encodable
    assert "\x00" not in text


@pytest.mark.parametrize("label", ["tha_Thai", "vie_Latn", "khm_Khmr", "zho_Hans"])
@pytest.mark.parametrize("wrong_codec", ["latin-1", "cp1252"])
def test_utf8_read_as_a_legacy_codec_is_repaired(label: str, wrong_codec: str) -> None:
    original = sample_lines(label)[0]
    garbled = original.encode("utf-8").decode(wrong_codec, errors="replace")
    if "\ufffd" in garbled:  # cp1252 has five unassigned bytes; such a line is lossy and cannot round-trip
        pytest.skip("lossy garbling")
    assert garbled != original
    result = normalize_detailed(garbled)
    assert result.text == original
    assert "mojibake" in result.changes


def test_controls_bom_and_nul_are_removed_but_tabs_kept() -> None:
    result = normalize_detailed("\ufeffข้าว\x00มัน\x07ไก่\tแกง\x1b")
    assert result.text == "ข้าวมันไก่\tแกง"
    assert "controls" in result.changes


def test_zero_width_characters_are_content_and_kept() -> None:
    for text in ("ភាសា\u200bខ្មែរ", "ភាសា\u200b\u200bខ្មែរ", "👨\u200d👩\u200d👧", "می\u200cخواهم"):
        assert normalize(text) == text


def test_zero_width_no_break_space_inside_text_is_removed() -> None:
    assert normalize("ភាសា\ufeffខ្មែរ") == "ភាសាខ្មែរ"


def test_decomposed_text_is_composed() -> None:
    assert normalize("Vie\u0302\u0323t Nam") == "Việt Nam"
    assert "nfc" in normalize_detailed("Vie\u0302\u0323t").changes


def test_lone_surrogates_become_replacement_characters() -> None:
    text = decode_line(b"caf\xe9 ok")  # Latin-1 byte inside UTF-8 text
    assert normalize(text) == "caf\ufffd ok"


def test_thai_legacy_encoding_is_decoded() -> None:
    thai = "ภาษาไทยเป็นภาษาราชการของประเทศไทย"
    assert decode_line(thai.encode("cp874")) == thai


def test_zawgyi_lines_are_converted_to_unicode(sample_dir) -> None:
    for line in (sample_dir / "mya_Mymr.zawgyi.txt").read_text(encoding="utf-8").splitlines():
        result = normalize_detailed(line)
        assert "zawgyi" in result.changes
        assert not is_zawgyi(result.text)


def test_doubled_thai_tone_mark_is_repaired() -> None:
    assert normalize("ข้้าว") == "ข้าว"


def test_megabyte_line_is_handled() -> None:
    line = "ภาษาไทย " * 200_000
    assert normalize(line) == line


_MARKED_SCRIPTS = st.one_of(
    *(
        st.characters(min_codepoint=lo, max_codepoint=hi)
        for lo, hi in [(0x1000, 0x109F), (0x0E00, 0x0E7F), (0x0E80, 0x0EFF), (0x1780, 0x17FF), (0x20, 0x7E)]
    )
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_MARKED_SCRIPTS, max_size=16))
def test_normalize_is_idempotent_on_fragments_of_marked_scripts(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize("fragment", ["ျ", "ဃဳဳ", "ခ့္"])
def test_myanmar_fragments_found_by_hypothesis_normalise_to_a_fixpoint(fragment: str) -> None:
    once = normalize(fragment)
    assert normalize(once) == once
