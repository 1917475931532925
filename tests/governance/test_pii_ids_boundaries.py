"""Shared edges of the national-ID recognisers: what may touch an identifier, digits of any script, the
prefilter's digit count, the language-or-context wrapper; and every ID inserted into real sentences of
every core language (SIB-200 / FLORES-200 samples, see examples/sample/NOTICE.md), with and without spaces.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from test_pii_samples import split_for_insertion

from conftest import sample_lines
from seabridge.governance.pii import PatternRecognizer, Registry, redact, scan
from seabridge.governance.pii.boundaries import (
    NUMBER_END,
    NUMBER_START,
    TOKEN_END,
    TOKEN_START,
    ascii_digits,
    most_digits_in_a_number,
    number_of_at_least,
)
from seabridge.governance.pii.entities import (
    CN_RESIDENT_ID,
    ID_NIK,
    MY_MYKAD,
    SG_NRIC_FIN,
    TH_NATIONAL_ID,
    VN_CCCD,
)
from seabridge.governance.pii.recognizers import _national_ids
from seabridge.governance.pii.recognizers.cn_resident_id import (
    is_valid_cn_first_generation_id,
    is_valid_cn_foreign_resident_id_2017,
    is_valid_cn_resident_id,
)
from seabridge.governance.pii.recognizers.id_nik import is_valid_id_nik
from seabridge.governance.pii.recognizers.my_mykad import is_valid_my_mykad
from seabridge.governance.pii.recognizers.sg_nric_fin import is_valid_sg_nric_fin
from seabridge.governance.pii.recognizers.th_national_id import is_valid_th_national_id
from seabridge.governance.pii.recognizers.vn_cccd import is_valid_vn_cccd, is_valid_vn_cmnd
from seabridge.governance.pii.registry import LanguageOrContext
from seabridge.lang.labels import CORE_LABELS
from seabridge.lang.profiles import get_profile

NUMBER = regex.compile(rf"{NUMBER_START}(?P<pii>\d{{5}}){NUMBER_END}")
TOKEN = regex.compile(rf"{TOKEN_START}(?P<pii>[A-Z]\d{{3}}){TOKEN_END}")


def numbers(text: str) -> list[str]:
    return [m.group("pii") for m in NUMBER.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เลข12345ครับ", ["12345"]),
        ("编号12345，", ["12345"]),
        ("ဖုန်း၁၂၃၄၅ဖြစ်", ["၁၂၃၄၅"]),
        ("no. 12345.", ["12345"]),
        ("a,12345,b", ["12345"]),  # CSV fields
        ("12345/2024", ["12345"]),
        ("(12345)", ["12345"]),
        ("123456", []),  # one digit more
        ("A12345", []),
        ("12345b", []),
        ("đ12345", []),  # a Vietnamese letter is Latin too
        ("x_12345", []),
        ("1-12345", []),  # a piece of a longer number
        ("12345-6", []),
        ("3.12345", []),
        ("12345.6", []),
        ("+12345", []),
        ("１２３４５６", []),  # full-width digits are digits
        ("12345\u102c", []),  # a vowel sign after the last digit: it was a letter
    ],
)
def test_number_edges(text: str, expected: list[str]) -> None:
    assert numbers(text) == expected


def test_token_edges() -> None:
    assert [m.group("pii") for m in TOKEN.finditer("号S123，ครับS123ครับ (S123)")] == ["S123", "S123", "S123"]
    assert list(TOKEN.finditer("AS123 S1234 S123x 9S123")) == []


def test_ascii_digits_reads_every_script_and_leaves_the_rest() -> None:
    assert ascii_digits("๑๒๓-໔໕໖ ៧៨៩ ၀၁ ႐႑ １２ x") == "123-456 789 01 01 12 x"
    assert ascii_digits("²½X") == "²½X"  # not decimal digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no digits", 0),
        ("in 2024 and 15", 4),
        ("1-1017-00230-70-8", 13),
        ("001 099 012 345", 12),
        ("๑๑๐๑๗๐๐๒๓๐๗๐๘", 13),
        ("12  34", 2),  # two spaces: two numbers
        ("S1234567D", 7),
    ],
)
def test_most_digits_in_a_number(text: str, expected: int) -> None:
    assert most_digits_in_a_number(text) == expected


def test_the_digit_count_is_not_confused_between_texts() -> None:
    first, second = "x 1234567890123", "x 12"
    assert number_of_at_least(13)(first)
    assert not number_of_at_least(13)(second)
    assert number_of_at_least(13)(first)
    equal_but_new = "".join(["x 12", "34567890123"])
    assert number_of_at_least(13)(equal_but_new)


def test_language_or_context_keeps_home_languages_and_context_and_demotes_the_rest() -> None:
    inner = PatternRecognizer(
        entity_type="TEST_ID",
        pattern=regex.compile(rf"{NUMBER_START}(?P<pii>\d{{5}}){NUMBER_END}"),
        validator=lambda s: True,
        score=0.8,
        context=("ref",),
    )
    wrapped = LanguageOrContext(inner, home_labels=frozenset({"vie_Latn"}), elsewhere_score=0.3)
    assert (wrapped.entity_type, wrapped.context, wrapped.labels) == ("TEST_ID", ("ref",), None)
    assert [e.score for e in wrapped.analyze("số 12345", "vie_Latn")] == [0.8]
    assert [e.score for e in wrapped.analyze("no 12345", "eng_Latn")] == [0.3]
    assert [e.score for e in wrapped.analyze("ref 12345", "eng_Latn")] == [0.8]
    registry = Registry([wrapped])
    assert registry.scan("no 12345", "eng_Latn") == []
    assert [e.score for e in registry.scan("ref 12345", None)] == [1.0]


# One valid number of each kind (hand-checked in the per-country tests), and the labels where it needs no
# context word: None means every label.
IDS = [
    (TH_NATIONAL_ID, "1-1017-00230-70-8", None),
    (CN_RESIDENT_ID, "11010519491231002X", None),
    (SG_NRIC_FIN, "S1234567D", None),
    (MY_MYKAD, "900101-14-5678", None),
    (MY_MYKAD, "900101145678", {"zsm_Latn"}),
    (ID_NIK, "3171014107900002", {"ind_Latn", "jav_Latn", "sun_Latn"}),
    (VN_CCCD, "001099012345", {"vie_Latn"}),
]
SAMPLE_LABELS = [label for label in CORE_LABELS if label != "tet_Latn"]  # no licensed Tetum sample yet


def cases() -> list:
    out = []
    for label in SAMPLE_LABELS:
        line = sample_lines(label)[2]
        for kind, pii, home in IDS:
            if home is not None and label not in home:
                continue
            for spaced in (True, False) if get_profile(label).unspaced else (True,):
                name = f"{label}-{pii}-{'spaced' if spaced else 'glued'}"
                out.append(pytest.param(label, line, kind, pii, spaced, id=name))
    return out


@pytest.mark.parametrize(("label", "line", "kind", "pii", "spaced"), cases())
def test_ids_inserted_into_real_sentences_are_found_exactly(
    label: str, line: str, kind: str, pii: str, spaced: bool
) -> None:
    before, after = split_for_insertion(line, label, spaced)
    text = before + pii + after
    entities = scan(text, label)
    assert [(e.type, text[e.start : e.end]) for e in entities] == [(kind, pii)]
    assert entities[0].start == len(before)
    assert redact(text, entities).encode() == (before + f"<{kind}>" + after).encode()


VALIDATORS = {
    TH_NATIONAL_ID: is_valid_th_national_id,
    CN_RESIDENT_ID: lambda s: (
        is_valid_cn_resident_id(s)
        or is_valid_cn_foreign_resident_id_2017(s)
        or is_valid_cn_first_generation_id(s)
    ),
    SG_NRIC_FIN: is_valid_sg_nric_fin,
    MY_MYKAD: is_valid_my_mykad,
    ID_NIK: is_valid_id_nik,
    VN_CCCD: lambda s: is_valid_vn_cccd(s) or is_valid_vn_cmnd(s),
}
FRAGMENTS = [pii for _, pii, _ in IDS] + [
    "1101700230708", "๑๑๐๑๗๐๐๒๓๐๗๐๘", "KAZ110090123105", "110105491231002", "012345678", "s1234567d",
    "0812345678", "身份证", "NIK", "CCCD", "MyKad", "เลขบัตร", "ครับ", "-", ".", " ", "", "x", "7", "+",
]  # fmt: skip
COMPOSED = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)


@given(text=COMPOSED, label=st.sampled_from([*SAMPLE_LABELS, None]))
def test_every_reported_id_passes_its_validator_and_redaction_is_final(text: str, label: str | None) -> None:
    registry = Registry(_national_ids())
    entities = registry.scan(text, label)
    for entity in entities:
        span = text[entity.start : entity.end]
        assert VALIDATORS[entity.type](span), (entity, span)
    assert registry.scan(redact(text, entities), label) == []
