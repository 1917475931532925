"""SG_NRIC_FIN: prefix S/T/F/G/M, seven digits, a check letter from the published weights and tables.

The oracle here is a second, table-driven implementation written from the published rule (weights
2, 7, 6, 5, 4, 3, 2; offset 4 for T and G, 3 for M; letter tables JZIHGFEDCBA, XWUTRQPNMLK, and for M the
letter ``11 - r`` of KLJNPQRTUWX), plus FormSG's published M-series test vector ``M1234567K``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import SG_NRIC_FIN
from seabridge.governance.pii.recognizers.sg_nric_fin import (
    LOWER_CASE_SCORE,
    SCORE,
    is_valid_sg_nric_fin,
)

OFFSETS = {"S": 0, "T": 4, "F": 0, "G": 4, "M": 3}
LETTERS = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK"}


def oracle(prefix: str, digits: str) -> str:
    remainder = (
        sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) + OFFSETS[prefix]
    ) % 11
    if prefix == "M":
        return "KLJNPQRTUWX"[(11 - remainder) - 1]
    return LETTERS[prefix][remainder]


def found(text: str, label: str | None = "eng_Latn") -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in scan(text, label)]


# S1234567D by hand: 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 = 106; 106 mod 11 = 7; JZIHGFEDCBA[7] = D.
VALID = ["S1234567D", "T1234567J", "F1234567N", "G1234567X", "M1234567K", "S0000001I", "T9876543Z"]


def test_the_oracle_agrees_with_the_worked_examples() -> None:
    assert oracle("S", "1234567") == "D"
    assert oracle("M", "1234567") == "K"  # FormSG's test vector


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_are_found_in_capitals_at_full_score(number: str) -> None:
    assert number[-1] == oracle(number[0], number[1:8])
    assert is_valid_sg_nric_fin(number)
    (entity,) = scan(f"Applicant {number} signed.", "eng_Latn")
    assert (entity.type, entity.score) == (SG_NRIC_FIN, SCORE)


@pytest.mark.parametrize(
    "number",
    ["S1234567A", "T1234567D", "F1234567D", "M1234567N", "X1234567D", "S123456D", "S12345678D", "M1234567A"],
)
def test_near_misses_are_invalid_and_not_reported(number: str) -> None:
    # M1234567N: the letter an M number would get without the M series' offset of 3.
    assert not is_valid_sg_nric_fin(number)
    assert found(f"NRIC {number} .") == []


def test_lower_case_needs_a_context_word() -> None:
    assert is_valid_sg_nric_fin("s1234567d")
    assert found("see s1234567d.png") == []
    (entity,) = scan("my nric is s1234567d", "eng_Latn")
    assert entity.score == pytest.approx(LOWER_CASE_SCORE + 0.3)
    assert found("NRIC: s1234567D") == [(SG_NRIC_FIN, "s1234567D")]


@pytest.mark.parametrize(
    "text",
    ["AS1234567D", "S1234567DA", "9S1234567D", "S1234567D9", "S1234567D_x", "x_S1234567D"],
)
def test_ids_inside_longer_tokens_are_not_found(text: str) -> None:
    assert found(f"NRIC {text} .") == []


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("zho_Hans", "新加坡身份证S1234567D，请核对"),
        ("tha_Thai", "เลขบัตรสิงคโปร์S1234567Dครับ"),
        ("mya_Mymr", "စင်ကာပူမှတ်ပုံတင်S1234567Dဖြစ်သည်"),
        ("khm_Khmr", "អត្តសញ្ញាណប័ណ្ណសិង្ហបុរីS1234567Dរបស់គាត់"),
        ("lao_Laoo", "ບັດສິງກະໂປS1234567Dແມ່ນ"),
        ("zsm_Latn", "Nombor NRIC beliau ialah S1234567D, sila semak."),
        ("eng_Latn", "(NRIC: S1234567D)"),
    ],
)
def test_found_next_to_any_script(label: str, text: str) -> None:
    assert found(text, label) == [(SG_NRIC_FIN, "S1234567D")]


@given(
    prefix=st.sampled_from("STFGM"),
    digits=st.integers(0, 9_999_999).map(lambda n: f"{n:07d}"),
    position=st.integers(0, 6),
    delta=st.integers(1, 9),
)
def test_changing_any_one_digit_makes_a_number_invalid(
    prefix: str, digits: str, position: int, delta: int
) -> None:
    number = prefix + digits + oracle(prefix, digits)
    assert is_valid_sg_nric_fin(number)
    changed_digit = str((int(digits[position]) + delta) % 10)
    changed = prefix + digits[:position] + changed_digit + digits[position + 1 :] + number[-1]
    assert not is_valid_sg_nric_fin(changed)


@given(
    prefix=st.sampled_from("STFGM"),
    digits=st.integers(0, 9_999_999).map(lambda n: f"{n:07d}"),
    letter=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
)
def test_the_validator_agrees_with_the_oracle_and_the_recogniser_with_the_validator(
    prefix: str, digits: str, letter: str
) -> None:
    number = prefix + digits + letter
    assert is_valid_sg_nric_fin(number) == (letter == oracle(prefix, digits))
    text = f"FIN {number}."
    assert found(text) == ([(SG_NRIC_FIN, number)] if letter == oracle(prefix, digits) else [])
