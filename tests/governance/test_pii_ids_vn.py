"""VN_CCCD: 12 digits (province, century-and-sex digit, birth year, six random digits) in Vietnamese text or
after a context word; the old 9-digit CMND only right after a CMND context word.

Numbers are written by hand from Circular 07/2016/TT-BCA (art. 7, annex 1): 001 Hà Nội, 079 Hồ Chí Minh,
096 Cà Mau; 003 and 097 are not province codes.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seabridge.governance.pii import PHONE, scan
from seabridge.governance.pii.entities import VN_CCCD
from seabridge.governance.pii.recognizers.vn_cccd import (
    PROVINCES,
    SCORE,
    is_valid_vn_cccd,
    is_valid_vn_cmnd,
)


def found(text: str, label: str | None) -> list[tuple[str, str, float]]:
    return [(e.type, text[e.start : e.end], e.score) for e in scan(text, label)]


VALID = [
    "001099012345",  # Hà Nội, a man born 1999
    "079203001234",  # Hồ Chí Minh, a man born 2003
    "096185123456",  # Cà Mau, a woman born 1985
    "048300000001",  # Đà Nẵng, a woman born 2000
]


def test_the_province_list_has_the_63_codes_of_the_circular() -> None:
    assert len(PROVINCES) == 63
    assert min(PROVINCES) == 1 and max(PROVINCES) == 96
    assert {3, 5, 7, 9, 97}.isdisjoint(PROVINCES)


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_are_found_in_vietnamese_text(number: str) -> None:
    assert is_valid_vn_cccd(number)
    assert found(f"Ông A, số {number}, cư trú tại Hà Nội.", "vie_Latn") == [(VN_CCCD, number, SCORE)]
    assert found(f"Số CCCD: {number}", "vie_Latn") == [(VN_CCCD, number, 1.0)]


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("003099012345", "003 is no province"),
        ("097099012345", "097 is no province"),
        ("000099012345", "000 is no province"),
        ("001499012345", "century digit 4: born in the 2100s"),
        ("001999012345", "century digit 9"),
        (f"0012{(date.today().year + 1) % 100:02d}012345", "born next year"),
        ("00109901234", "11 digits"),
    ],
)
def test_near_misses_are_invalid_and_not_reported(number: str, why: str) -> None:
    assert not is_valid_vn_cccd(number), why
    assert found(f"Số CCCD: {number}", "vie_Latn") == [], why


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        ("eng_Latn", "Order 001099012345 shipped.", []),
        ("eng_Latn", "Citizen ID 001099012345 verified.", [(VN_CCCD, "001099012345", 1.0)]),
        ("zho_Hans", "越南身份证001099012345，请核对", [(VN_CCCD, "001099012345", 1.0)]),
        ("khm_Khmr", "លេខCCCD 001099012345បាន", [(VN_CCCD, "001099012345", 1.0)]),
        ("tha_Thai", "บัตร CCCD 001099012345ครับ", [(VN_CCCD, "001099012345", 1.0)]),
        (None, "căn cước công dân 001099012345", [(VN_CCCD, "001099012345", 1.0)]),
    ],
)
def test_elsewhere_only_after_a_context_word(label: str | None, text: str, expected: list) -> None:
    assert found(text, label) == expected


def test_groups_of_three_with_spaces_or_dots() -> None:
    for written in ("001 099 012 345", "001.099.012.345"):
        assert is_valid_vn_cccd(written)
        assert found(f"CCCD {written} .", "vie_Latn") == [(VN_CCCD, written, 1.0)]
    assert found("CCCD 001 099.012 345 .", "vie_Latn") == []  # one kind of separator throughout
    # An amount written with thousands dots never starts with a 0, so it is never a province code.
    assert found("Giá 100.000.000.000 đồng", "vie_Latn") == []


@pytest.mark.parametrize(
    "text",
    ["0010990123456", "1001099012345", "A001099012345", "001099012345đ", "12-001099012345", "001099012345.5"],
)
def test_ids_inside_longer_tokens_are_not_found(text: str) -> None:
    assert found(f"CCCD {text} .", "vie_Latn") == []


def test_old_nine_digit_cmnd_only_after_a_cmnd_word() -> None:
    assert is_valid_vn_cmnd("012345678") and not is_valid_vn_cmnd("01234567")
    assert found("Số CMND: 012345678 cấp tại Hà Nội", "vie_Latn") == [(VN_CCCD, "012345678", 0.9)]
    assert found("chứng minh nhân dân số 012345678", "vie_Latn") == [(VN_CCCD, "012345678", 0.9)]
    assert found("Mã đơn hàng 012345678", "vie_Latn") == []
    assert found("Số CMND: 0123456789", "vie_Latn") == []  # ten digits: not a CMND


def test_phones_stay_phones_and_ids_stay_ids() -> None:
    text = "ĐT 0912 345 678, CCCD 001099012345"
    assert [(t, s) for t, s, _ in found(text, "vie_Latn")] == [
        (PHONE, "0912 345 678"),
        (VN_CCCD, "001099012345"),
    ]
    assert [t for t, _, _ in found("ĐT 0912345678", "vie_Latn")] == [PHONE]


def test_a_cccd_that_also_reads_as_a_number_after_an_exit_code_is_a_cccd_in_vietnamese_text() -> None:
    # Bắc Kạn (006), a man born 2022 - or 00 62 22 000000, a Bandung number dialled from Vietnam.
    number = "006222000000"
    assert is_valid_vn_cccd(number)
    assert found(f"Số {number}.", "vie_Latn") == [(VN_CCCD, number, SCORE)]
    assert [t for t, _, _ in found("Gọi 0062 22 000000.", "vie_Latn")] == [PHONE]  # grouped as a phone
    assert [t for t, _, _ in found("Gọi +62 22 000000.", "vie_Latn")] == [PHONE]


@given(
    province=st.sampled_from(sorted(PROVINCES)),
    birth_year=st.integers(1900, 2025),
    woman=st.booleans(),
    serial=st.integers(0, 999_999),
)
def test_every_well_formed_number_is_valid_and_found(province, birth_year, woman, serial) -> None:
    century = 2 * (birth_year // 100 - 19) + woman
    number = f"{province:03d}{century}{birth_year % 100:02d}{serial:06d}"
    assert is_valid_vn_cccd(number)
    assert found(f"Số {number}.", "vie_Latn") == [(VN_CCCD, number, SCORE)]


@given(noise=st.text(alphabet="0123456789 .CCD", max_size=30))
def test_reported_spans_always_pass_the_validator(noise: str) -> None:
    text = f"{noise}001099012345{noise}"
    for entity in scan(text, "vie_Latn"):
        if entity.type == VN_CCCD:
            span = text[entity.start : entity.end]
            assert is_valid_vn_cccd(span) or is_valid_vn_cmnd(span)
