"""MY_MYKAD: ``YYMMDD-PB-###G``; the dashed form anywhere, 12 plain digits only in Malay text or after a
context word.

Numbers are written by hand: a real date and a place-of-birth code from the National Registration
Department's list (14 = Wilayah Persekutuan Kuala Lumpur, 10 = Selangor, 60 = born in Brunei); the codes
17-20 are not assigned.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import MY_MYKAD, VN_CCCD
from seabridge.governance.pii.recognizers.my_mykad import DASHED_SCORE, PLAIN_SCORE, is_valid_my_mykad


def found(text: str, label: str | None) -> list[tuple[str, str, float]]:
    return [(e.type, text[e.start : e.end], e.score) for e in scan(text, label)]


VALID = ["900101-14-5678", "000229-10-1234", "851231-60-0001", "101010-01-9999"]


@pytest.mark.parametrize("number", VALID)
def test_dashed_numbers_are_found_in_any_language(number: str) -> None:
    assert is_valid_my_mykad(number) and is_valid_my_mykad(number.replace("-", ""))
    for label, text in [
        ("zsm_Latn", f"Pemohon {number} hadir."),
        ("eng_Latn", f"Applicant {number} attended."),
        ("vie_Latn", f"Người nộp đơn {number} đã đến."),
        ("zho_Hans", f"申请人{number}已到"),
        ("tha_Thai", f"ผู้ยื่น{number}มาแล้ว"),
    ]:
        assert found(text, label) == [(MY_MYKAD, number, DASHED_SCORE)]


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("901301-14-5678", "month 13"),
        ("900230-14-5678", "February 30"),
        ("010229-14-5678", "February 29 of 1901 and 2001"),
        ("900100-14-5678", "day 0"),
        ("900101-00-5678", "place code 00"),
        ("900101-17-5678", "place code 17 is not assigned"),
        ("900101-14-567", "11 digits"),
    ],
)
def test_near_misses_are_invalid_and_not_reported(number: str, why: str) -> None:
    assert not is_valid_my_mykad(number), why
    assert found(f"No. MyKad {number}.", "zsm_Latn") == [], why


def test_plain_digits_need_malay_text_or_a_context_word() -> None:
    number = "900101145678"
    assert found(f"Nombor {number} didaftarkan.", "zsm_Latn") == [(MY_MYKAD, number, PLAIN_SCORE)]
    assert found(f"No. KP: {number}", "zsm_Latn") == [(MY_MYKAD, number, 0.9)]
    assert found(f"Order {number} shipped.", "eng_Latn") == []
    assert found(f"IC no {number}", "eng_Latn") == [(MY_MYKAD, number, 0.9)]
    assert found(f"马来西亚身份证{number}，请核对", "zho_Hans") == [(MY_MYKAD, number, 0.9)]
    spaced = "900101 14 5678"
    assert found(f"MyKad {spaced}", None) == [(MY_MYKAD, spaced, 0.9)]


@pytest.mark.parametrize(
    "text",
    [
        "1900101-14-5678",
        "900101-14-56789",
        "A900101-14-5678",
        "900101-14-5678B",
        "12-900101-14-5678",
        "900101-14-5678-1",
        "900101-14 5678",  # mixed separators
        "9001011-4-5678",
    ],
)
def test_ids_inside_longer_tokens_are_not_found(text: str) -> None:
    assert found(f"MyKad {text} .", "zsm_Latn") == []


def test_a_plain_number_that_is_also_a_valid_cccd_goes_by_language() -> None:
    # 010203 is a date (2001-02-03) and 12 a place code (Sabah); 010 is also Lao Cai and 2 a man born 2000s.
    number = "010203123456"
    assert found(f"Nombor {number} didaftarkan.", "zsm_Latn") == [(MY_MYKAD, number, PLAIN_SCORE)]
    assert [t for t, _, _ in found(f"Số {number} đã đăng ký.", "vie_Latn")] == [VN_CCCD]


DATES = st.dates().filter(lambda d: 1930 <= d.year <= 2025)
PLACES = st.sampled_from(["01", "10", "14", "16", "21", "59", "60", "71", "74", "82", "98"])


@given(
    birth=DATES,
    place=PLACES,
    serial=st.integers(0, 9999),
    label=st.sampled_from(["zsm_Latn", "eng_Latn", None]),
)
def test_any_real_date_and_place_is_found_dashed(birth, place: str, serial: int, label: str | None) -> None:
    number = f"{birth:%y%m%d}-{place}-{serial:04d}"
    assert found(f"({number})", label) == [(MY_MYKAD, number, DASHED_SCORE)]


@given(noise=st.text(alphabet="0123456789- MyKad", max_size=30), label=st.sampled_from(["zsm_Latn", None]))
def test_reported_spans_always_pass_the_validator(noise: str, label: str | None) -> None:
    text = f"{noise}900101-14-5678{noise}"
    for entity in scan(text, label):
        if entity.type == MY_MYKAD:
            assert is_valid_my_mykad(text[entity.start : entity.end])
