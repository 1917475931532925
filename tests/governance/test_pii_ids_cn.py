"""CN_RESIDENT_ID: citizen numbers, Hong Kong/Macao/Taiwan residence permits and Foreign Permanent Resident
ID numbers (2023 and 2017 versions); first-generation 15-digit numbers only after a context word.

Check characters come from python-stdnum's ISO 7064 MOD 11-2 (``stdnum.iso7064.mod_11_2``), an
implementation independent of the validator's use of it; bodies (division code, date, sequence) are
written by hand from GB 11643-1999. ``11010519491231002X`` is the example number printed in GB 11643-1999.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from seabridge.governance.pii import PHONE, scan
from seabridge.governance.pii.entities import CN_RESIDENT_ID
from seabridge.governance.pii.recognizers.cn_resident_id import (
    FOREIGN_2017_SCORE,
    is_valid_cn_first_generation_id,
    is_valid_cn_foreign_resident_id_2017,
    is_valid_cn_resident_id,
)

STANDARD_EXAMPLE = "11010519491231002X"  # GB 11643-1999's own example (Beijing Chaoyang, 1949-12-31)


def with_check(body: str) -> str:
    """The 17-digit body followed by its MOD 11-2 check character (python-stdnum as the oracle)."""
    assert len(body) == 17
    return body + mod_11_2.calc_check_digit(body)


def found(text: str, label: str | None = "zho_Hans") -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in scan(text, label)]


VALID = [
    STANDARD_EXAMPLE,
    with_check("44030519900101123"),  # Shenzhen Futian, 1990-01-01
    with_check("65010220001231456"),  # Urumqi Tianshan, 2000-12-31
    with_check("11011119880229001"),  # Beijing Fangshan ([1986-]), born 1988, a leap day
    with_check("81000019940823002"),  # Hong Kong residence permit
    with_check("82000020010101003"),  # Macao residence permit
    with_check("83000019850615004"),  # Taiwan residence permit (830000 is not a GB/T 2260 code)
    with_check("91139819901231002"),  # 2023 Foreign Permanent Resident: Beijing, Kazakhstan (398)
    with_check("94484020050505001"),  # 2023 Foreign Permanent Resident: Guangdong, USA (840)
]


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_are_valid_and_found_with_a_high_score(number: str) -> None:
    assert is_valid_cn_resident_id(number)
    assert is_valid_cn_resident_id(number.lower())
    text = f"身份证号{number}，请核对"
    (entity,) = scan(text, "zho_Hans")
    assert (entity.type, text[entity.start : entity.end]) == (CN_RESIDENT_ID, number)
    assert entity.score == 1.0  # 0.99 and a context word
    (bare,) = scan(f"{number} ", "eng_Latn")
    assert bare.score == 0.99


def test_the_standard_example_check_character_is_x() -> None:
    assert mod_11_2.calc_check_digit(STANDARD_EXAMPLE[:17]) == "X"


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("110105194912310021", "wrong check character"),
        (with_check("11010519490230002"), "February 30"),
        (with_check("11010519491301002"), "month 13"),
        (with_check("11010519491200002"), "day 0"),
        (with_check("11010518991231002"), "born before 1900"),
        (with_check(f"110105{date.today().year + 1}0101002"), "born next year"),
        (with_check("99999919900101002"), "no such division"),
        (with_check("11019919900101002"), "no such county in Beijing"),
        (with_check("11010320120101002"), "Chongwen district, abolished 2010, for a child born 2012"),
        (with_check("11011019900101002"), "Yanshan district, abolished 1986, for someone born 1990"),
        (with_check("91199919901231002"), "foreign resident: no country 999"),
        (with_check("99139819901231002"), "foreign resident: no province 99"),
        ("440524188001010014", "GB 11643's other example: born 1880, before 1900"),
    ],
)
def test_near_misses_are_invalid_and_not_reported(number: str, why: str) -> None:
    assert not is_valid_cn_resident_id(number), why
    assert found(f"身份证号{number}，请") == [], why


def test_a_division_abolished_after_the_birth_still_counts() -> None:
    # Chongwen district (110103) was merged in 2010: someone born there in 2009 keeps the number.
    number = with_check("11010320090101002")
    assert is_valid_cn_resident_id(number)


def test_grouped_and_full_width_forms() -> None:
    number = STANDARD_EXAMPLE
    for written in (
        f"{number[:6]} {number[6:14]} {number[14:]}",
        f"{number[:6]}-{number[6:14]}-{number[14:]}",
        "１１０１０５１９４９１２３１００２Ｘ",
    ):
        assert is_valid_cn_resident_id(written)
        assert found(f"身份证：{written}。") == [(CN_RESIDENT_ID, written)]
    mixed = f"{number[:6]} {number[6:14]}-{number[14:]}"  # one kind of separator throughout
    assert found(f"身份证：{mixed}。") == []


@pytest.mark.parametrize(
    "text",
    [
        f"1{STANDARD_EXAMPLE}",  # 19 characters
        f"{STANDARD_EXAMPLE}1",
        STANDARD_EXAMPLE[1:],  # 17
        f"A{STANDARD_EXAMPLE}",  # part of a Latin token
        f"{STANDARD_EXAMPLE}abc",
        f"12-{STANDARD_EXAMPLE}",  # one piece of a longer number
        f"{STANDARD_EXAMPLE}.5",
    ],
)
def test_ids_inside_longer_tokens_are_not_found(text: str) -> None:
    assert found(f"号码 {text} 。") == []


def test_no_space_needed_next_to_chinese_and_other_scripts() -> None:
    assert found(f"身份证号{STANDARD_EXAMPLE}，请") == [(CN_RESIDENT_ID, STANDARD_EXAMPLE)]
    assert found(f"身份證號碼{STANDARD_EXAMPLE}請核對", "zho_Hant") == [(CN_RESIDENT_ID, STANDARD_EXAMPLE)]
    assert found(f"เลขบัตรจีน{STANDARD_EXAMPLE}ครับ", "tha_Thai") == [(CN_RESIDENT_ID, STANDARD_EXAMPLE)]
    text = f"Số CMND Trung Quốc của ông là {STANDARD_EXAMPLE}, cấp năm 2010."
    assert found(text, "vie_Latn") == [(CN_RESIDENT_ID, STANDARD_EXAMPLE)]


def test_foreign_permanent_resident_2017_version() -> None:
    # KAZ110090123105 is credentialkit's test vector: Kazakhstan, Beijing (1100), 1990-12-31.
    assert is_valid_cn_foreign_resident_id_2017("KAZ110090123105")
    assert is_valid_cn_foreign_resident_id_2017("USA440105060112")  # Guangdong, 2005-06-01
    for number in (
        "KAA110090123105",
        "KAZ990090123105",
        "KAZ110090023105",
        "KAZ11009012310",
        "kaz110090123105",
    ):
        assert not is_valid_cn_foreign_resident_id_2017(number), number
    (entity,) = scan("Card no. KAZ110090123105 issued", "eng_Latn")
    assert (entity.type, entity.score) == (CN_RESIDENT_ID, FOREIGN_2017_SCORE)
    assert found("永居证号码KAZ110090123105。") == [(CN_RESIDENT_ID, "KAZ110090123105")]
    assert found("MRZ 1KAZ110090123105<<") == []  # glued to a digit: part of a longer token


def test_first_generation_numbers_need_a_context_word() -> None:
    number = "110105491231002"  # Beijing Chaoyang, 1949-12-31
    assert is_valid_cn_first_generation_id(number)
    assert not is_valid_cn_first_generation_id("110105491331002")  # month 13
    assert not is_valid_cn_first_generation_id("999999491231002")
    assert found(f"旧身份证号{number}。") == [(CN_RESIDENT_ID, number)]
    assert found(f"订单{number}。") == []
    assert found(f"{number}") == []


def test_ids_are_never_also_phones() -> None:
    for number in VALID:
        text = f"电话 {number}"
        types = {e.type for e in scan(text, "zho_Hans")}
        assert types == {CN_RESIDENT_ID}
    # A real mobile number next to an ID: both found, each with its type.
    text = f"电话13812345678，身份证{STANDARD_EXAMPLE}"
    assert found(text) == [(PHONE, "13812345678"), (CN_RESIDENT_ID, STANDARD_EXAMPLE)]


BODIES = st.builds(
    lambda code, day, seq: f"{code}{day:%Y%m%d}{seq:03d}",
    st.sampled_from(["110105", "440305", "310115", "510107", "810000", "830000"]),
    st.dates(date(1950, 1, 1), date(2015, 12, 31)),
    st.integers(0, 999),
)


@given(body=BODIES, position=st.integers(0, 17), replacement=st.sampled_from("0123456789X"))
def test_changing_any_one_character_makes_a_number_invalid(
    body: str, position: int, replacement: str
) -> None:
    number = with_check(body)
    assert is_valid_cn_resident_id(number)
    if replacement == number[position] or (replacement == "X" and position < 17):
        return
    changed = number[:position] + replacement + number[position + 1 :]
    assert not is_valid_cn_resident_id(changed)


@given(body=BODIES, noise=st.text(alphabet="0123456789X身份证号 -", max_size=12))
def test_reported_spans_always_pass_the_validator(body: str, noise: str) -> None:
    text = f"{noise}{with_check(body)}{noise}"
    for entity in scan(text, "zho_Hans"):
        if entity.type == CN_RESIDENT_ID:
            span = text[entity.start : entity.end]
            assert (
                is_valid_cn_resident_id(span)
                or is_valid_cn_first_generation_id(span)
                or is_valid_cn_foreign_resident_id_2017(span)
            )
