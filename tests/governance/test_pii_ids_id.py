"""ID_NIK: 16 digits, province-regency-district, birth date (day + 40 for women), serial from 0001; found in
Indonesian, Javanese and Sundanese text, elsewhere only after a context word.

Numbers are written by hand from the layout; python-stdnum's ``id.nik`` is used as a second opinion where
it is right and shown wrong where it is not (a day of 81, the provinces it does not know).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.id import nik

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import ID_NIK
from seabridge.governance.pii.recognizers.id_nik import SCORE, is_valid_id_nik


def found(text: str, label: str | None) -> list[tuple[str, str, float]]:
    return [(e.type, text[e.start : e.end], e.score) for e in scan(text, label)]


WOMAN = "3171014107900002"  # Jakarta Selatan, district 01, a woman born 1 July 1990 (41 = 40 + 1), serial 2
MAN = "3578100508850001"  # Surabaya, district 10, a man born 5 August 1985
NEW_PROVINCES = [
    "6501021203000123",  # Kalimantan Utara (65, from 2012)
    "9201010101100001",  # Papua Barat under the 2022 numbering
    "9601010101100001",  # Papua Barat Daya (96, from 2022)
]


@pytest.mark.parametrize("number", [WOMAN, MAN])
def test_valid_numbers_agree_with_stdnum(number: str) -> None:
    assert nik.is_valid(number)
    assert is_valid_id_nik(number)


@pytest.mark.parametrize("number", NEW_PROVINCES)
def test_provinces_stdnum_does_not_know_are_valid(number: str) -> None:
    assert not nik.is_valid(number)
    assert is_valid_id_nik(number)


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("3171018107900002", "day 81: stdnum takes it modulo 40"),
        ("3171013207900002", "day 32"),
        ("3171017207900002", "day 72 (a woman's 32nd)"),
        ("3171010007900002", "day 0"),
        ("3171014007900002", "day 40 (a woman's 0th)"),
        ("3171013002900002", "February 30"),
        ("3171011513900002", "month 13"),
        ("3171014107900000", "serial 0000"),
        ("3171004107900002", "district 00"),
        ("3100014107900002", "regency 00"),
        ("3180014107900002", "regency 80"),
        ("2071014107900002", "province 20"),
        ("3771014107900002", "province 37"),
        ("9771014107900002", "province 97"),
        ("317101410790002", "15 digits"),
    ],
)
def test_near_misses_are_invalid_and_not_reported(number: str, why: str) -> None:
    assert not is_valid_id_nik(number), why
    assert found(f"NIK {number} terdaftar", "ind_Latn") == [], why


@pytest.mark.parametrize("label", ["ind_Latn", "jav_Latn", "sun_Latn"])
def test_reported_in_indonesian_javanese_and_sundanese_text(label: str) -> None:
    assert found(f"Nomor {WOMAN} sudah tercatat.", label) == [(ID_NIK, WOMAN, SCORE)]
    assert found(f"NIK: {WOMAN}", label) == [(ID_NIK, WOMAN, 1.0)]


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        ("eng_Latn", f"Reference {MAN} was filed.", []),
        ("eng_Latn", f"Her NIK is {MAN}.", [(ID_NIK, MAN, 1.0)]),
        ("zsm_Latn", f"Nombor {MAN} didaftarkan.", []),
        ("zsm_Latn", f"No. KTP {MAN} didaftarkan.", [(ID_NIK, MAN, 1.0)]),
        ("zho_Hans", f"印尼身份证{MAN}，请核对", [(ID_NIK, MAN, 1.0)]),
        ("zho_Hans", f"订单{MAN}已发货", []),
        (None, f"e-KTP {MAN}", [(ID_NIK, MAN, 1.0)]),
    ],
)
def test_elsewhere_only_after_a_context_word(label: str | None, text: str, expected: list) -> None:
    assert found(text, label) == expected


@pytest.mark.parametrize(
    "text",
    [f"{MAN}1", f"1{MAN}", f"A{MAN}", f"{MAN}x", f"12-{MAN}", f"{MAN}.5", f"+{MAN}"],
)
def test_ids_inside_longer_tokens_are_not_found(text: str) -> None:
    assert found(f"NIK {text} .", "ind_Latn") == []


def test_a_nik_that_is_also_a_card_number_is_a_nik_in_indonesian_text() -> None:
    # Bali (51) starts like a Mastercard (51-55); this one also passes the Luhn check.
    number = "5171024506900002"
    assert luhn.is_valid(number) and is_valid_id_nik(number)
    assert found(f"Nomor {number} milik warga Denpasar.", "ind_Latn") == [(ID_NIK, number, SCORE)]
    assert found(f"NIK {number}", "ind_Latn") == [(ID_NIK, number, 1.0)]
    assert found(f"NIK {number}", "eng_Latn") == [(ID_NIK, number, 1.0)]


def test_found_with_no_space_in_unspaced_scripts_after_a_context_word() -> None:
    assert found(f"身份证{MAN}。", "zho_Hans") == [(ID_NIK, MAN, 1.0)]
    assert found(f"เลขNIK{MAN}ครับ", "tha_Thai") == []  # glued to "K": the digits end a Latin token
    assert found(f"เลข NIK {MAN} ครับ", "tha_Thai") == [(ID_NIK, MAN, 1.0)]


PROVINCE_CODES = [
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    21,
    31,
    32,
    33,
    34,
    35,
    36,
    51,
    52,
    53,
    61,
    62,
    63,
    64,
    65,
]
PROVINCE_CODES += [71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]


@given(
    province=st.sampled_from(PROVINCE_CODES),
    regency=st.integers(1, 79),
    district=st.integers(1, 99),
    birth=st.dates().filter(lambda d: 1930 <= d.year <= 2025),
    woman=st.booleans(),
    serial=st.integers(1, 9999),
)
def test_every_well_formed_number_is_valid_and_found(
    province, regency, district, birth, woman, serial
) -> None:
    day = birth.day + 40 * woman
    number = f"{province:02d}{regency:02d}{district:02d}{day:02d}{birth:%m%y}{serial:04d}"
    assert is_valid_id_nik(number)
    text = f"NIK {number}"
    assert found(text, "ind_Latn") == [(ID_NIK, number, 1.0)]


@given(noise=st.text(alphabet="0123456789 NIK", max_size=30))
def test_reported_spans_always_pass_the_validator(noise: str) -> None:
    text = f"{noise}{WOMAN}{noise}"
    for entity in scan(text, "ind_Latn"):
        if entity.type == ID_NIK:
            assert is_valid_id_nik(text[entity.start : entity.end])
