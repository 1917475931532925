"""PHONE: real formats of every ASEAN country and China, native digits, no-space scripts, near misses.

Valid numbers come from libphonenumber's own metadata (``example_number_for_type``) and from local formats
written by hand; each near miss is checked to be invalid by ``phonenumbers`` itself before the recogniser
is asked, so the tests do not invent what a valid number is.
"""

from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from seabridge.governance.pii import PHONE, scan
from seabridge.governance.pii.recognizers.phone import (
    GROUPING_PENALTY,
    HOME_REGIONS,
    HOME_SCORE,
    INTERNATIONAL_SCORE,
    regions_for,
)
from seabridge.lang.labels import CORE_LABELS, language_info
from seabridge.lang.profiles import get_profile

# Region -> the label whose text it is written in, and whether its national format needs a context word.
REGION_LABEL: dict[str, tuple[str, bool]] = {
    "TH": ("tha_Thai", False),
    "LA": ("lao_Laoo", False),
    "KH": ("khm_Khmr", False),
    "MM": ("mya_Mymr", False),
    "VN": ("vie_Latn", False),
    "ID": ("ind_Latn", False),
    "MY": ("zsm_Latn", False),
    "PH": ("tgl_Latn", False),
    "TL": ("tet_Latn", False),
    "CN": ("zho_Hans", False),
    "TW": ("zho_Hant", False),
    "HK": ("zho_Hant", False),
    "SG": ("eng_Latn", True),
    "BN": ("zsm_Latn", True),
    "MO": ("zho_Hant", True),
}


def phones(text: str, label: str | None) -> list[str]:
    return [text[e.start : e.end] for e in scan(text, label) if e.type == PHONE]


def native(number: str, label: str) -> str:
    digits = get_profile(label).digits[:10]
    return "".join(digits[int(c)] if c.isascii() and c.isdigit() else c for c in number)


def metadata_examples() -> list[tuple[str, str]]:
    cases = []
    for region in REGION_LABEL:
        for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE):
            number = phonenumbers.example_number_for_type(region, kind)
            for fmt in (PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164):
                cases.append((region, phonenumbers.format_number(number, fmt)))
    return cases


@pytest.mark.parametrize(("region", "number"), metadata_examples())
def test_metadata_example_numbers_are_found(region: str, number: str) -> None:
    label, needs_context = REGION_LABEL[region]
    prefix = "Tel: " if needs_context else ""
    text = f"{prefix}{number} ."
    assert phones(text, label) == [number]


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("tha_Thai", "081-234-5678"),
        ("tha_Thai", "081-2345678"),
        ("tha_Thai", "02-123-4567"),
        ("tha_Thai", "08 1234 5678"),
        ("lao_Laoo", "020 5555 1234"),
        ("lao_Laoo", "021 212 862"),
        ("khm_Khmr", "012 345 678"),
        ("khm_Khmr", "023 756 789"),
        ("mya_Mymr", "09 421 234 567"),
        ("mya_Mymr", "09-421234567"),
        ("vie_Latn", "0912 345 678"),
        ("vie_Latn", "0912.345.678"),
        ("vie_Latn", "(024) 38261234"),
        ("ind_Latn", "0812-3456-7890"),
        ("jav_Latn", "(021) 5551234"),
        ("sun_Latn", "+62 812-3456-7890"),
        ("zsm_Latn", "012-345 6789"),
        ("zsm_Latn", "03-2123 4567"),
        ("tgl_Latn", "0917-123-4567"),
        ("ceb_Latn", "(02) 8123 4567"),
        ("tet_Latn", "7721 2345"),
        ("zho_Hans", "138-1234-5678"),
        ("zho_Hans", "0755-2345 6789"),
        ("zho_Hant", "(02)2345-6789"),
        ("zho_Hant", "9123 4567"),  # Hong Kong
        ("eng_Latn", "+65 9123 4567"),
        (None, "+855 12 345 678"),
    ],
)
def test_hand_written_local_formats_are_found(label: str | None, number: str) -> None:
    assert phones(f"({number})", label) == [number]


@pytest.mark.parametrize(
    ("region", "label", "number"),
    [
        ("TH", "tha_Thai", "081234567"),  # one digit short
        ("TH", "tha_Thai", "08123456"),
        ("CN", "zho_Hans", "12812345678"),  # no such mobile prefix
        ("CN", "zho_Hans", "1381234567"),  # one digit short
        ("VN", "vie_Latn", "0112345678"),
        ("VN", "vie_Latn", "091234567"),
        ("ID", "ind_Latn", "0912345678901"),
        ("PH", "tgl_Latn", "0917-123-456"),
        ("MY", "zsm_Latn", "0912345678"),
        ("KH", "khm_Khmr", "012 345 67"),
        ("LA", "lao_Laoo", "020 5555 123"),
        ("MM", "mya_Mymr", "0842123456"),
        ("TW", "zho_Hant", "0812345678"),
        ("HK", "zho_Hant", "1123 4567"),
    ],
)
def test_invalid_near_misses_are_not_phones(region: str, label: str, number: str) -> None:
    assert not phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    assert phones(f"โทร {number} call {number}", label) == []


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("tha_Thai", "เลขประจำตัวประชาชน 1101700230708 ของผู้ยื่น"),  # 13-digit Thai ID
        ("tha_Thai", "บัตรเลขที่ 1-1017-00230-70-8"),
        ("zho_Hans", "身份证号11010519491231002X"),
        ("ind_Latn", "NIK 3171234567890003 terdaftar"),
        ("zsm_Latn", "No. MyKad 900101-14-5678"),
        ("vie_Latn", "Giá 1,250,000 đồng năm 2024"),
        ("ind_Latn", "Harga Rp 150.000.000 pada 2024"),
        ("vie_Latn", "ngày 15/01/2024 lúc 10:30, 2024-01-15"),
        ("lao_Laoo", "ISBN 0-306-40615-2"),
        ("eng_Latn", "ISBN 978-3-16-148410-0"),
        ("tha_Thai", "พิกัด 13.7563, 100.5018 และ 13.756331 100.501762"),
        ("eng_Latn", "from 1990–2024 and 2020-2024"),
        ("eng_Latn", "card 4111 1111 1111 1111"),
    ],
)
def test_ids_prices_dates_and_codes_are_not_phones(label: str, text: str) -> None:
    assert phones(text, label) == []


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("โทร0812345678ครับ", "tha_Thai", "0812345678"),
        ("电话13812345678联系", "zho_Hans", "13812345678"),
        ("電話0912-345-678聯絡", "zho_Hant", "0912-345-678"),
        ("ໂທ020 5555 1234ໄດ້", "lao_Laoo", "020 5555 1234"),
        ("ទូរស័ព្ទ012345678បាន", "khm_Khmr", "012345678"),
        ("ဖုန်း09421234567သို့", "mya_Mymr", "09421234567"),
    ],
)
def test_numbers_without_spaces_around_them(text: str, label: str, number: str) -> None:
    assert phones(text, label) == [number]


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("tha_Thai", "081-234-5678"),
        ("lao_Laoo", "020 5555 1234"),
        ("khm_Khmr", "012 345 678"),
        ("mya_Mymr", "09421234567"),
        ("shn_Mymr", "09421234567"),  # Shan digits
    ],
)
def test_native_digits_are_found_like_ascii(label: str, number: str) -> None:
    written = native(number, label)
    assert written != number
    assert phones(f"{written} ။", label) == [written]
    assert phones(f"{number} ။", label) == [number]


def test_thai_and_burmese_examples_from_the_brief() -> None:
    assert phones("โทร ๐๘๑-๒๓๔-๕๖๗๘", "tha_Thai") == ["๐๘๑-๒๓๔-๕๖๗๘"]
    assert phones("ဖုန်း ၀၉၄၂၁၂၃၄၅၆၇", "mya_Mymr") == ["၀၉၄၂၁၂၃၄၅၆၇"]


def test_burmese_zero_typed_for_wa_is_not_a_digit() -> None:
    # ၀ (digit zero) followed by a vowel sign is the letter ဝ mistyped: the run is not a number.
    assert phones("၀၉၄၂၁၂၃၄၅၆၀ါ", "mya_Mymr") == []


def test_leniency_valid_keeps_odd_grouping_at_a_lower_score() -> None:
    (plain,) = scan("081 234 5678", "tha_Thai")
    (odd_plain,) = scan("08 1234 5678", "tha_Thai")
    assert plain.score == HOME_SCORE
    assert odd_plain.score == pytest.approx(HOME_SCORE - GROUPING_PENALTY)


def test_english_takes_international_numbers_and_neighbours_only_with_context() -> None:
    assert [e.score for e in scan("+66 81 234 5678", "eng_Latn")] == [INTERNATIONAL_SCORE]
    assert phones("order 9123 4567 shipped", "eng_Latn") == []  # a Singapore-valid 8-digit number
    assert phones("call 9123 4567", "eng_Latn") == ["9123 4567"]
    assert phones("order 9123 4567 shipped", None) == []
    assert phones("0812345678", None) == []  # Thai national format, but nothing says Thai


def test_every_core_label_has_regions_from_its_countries() -> None:
    for label in CORE_LABELS:
        home, _ = regions_for(label)
        info = language_info(label)
        assert info is not None
        assert set(home) <= set(info.countries), label
        assert home or label == "eng_Latn", label
    assert set(HOME_REGIONS) <= set(CORE_LABELS)


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        ("tha_Thai", "ปี 2024 081 234 5678", ["081 234 5678"]),
        ("tha_Thai", "081 234 5678 089 876 5432", ["081 234 5678", "089 876 5432"]),
        ("khm_Khmr", "v1.2.3 091 234 567", ["091 234 567"]),
        ("zho_Hans", "坐标 13.7563, 100.5018 131 2345 6789", ["131 2345 6789"]),
        ("ind_Latn", "0812-345-678 192.168.10.20", ["0812-345-678", "192.168.10.20"]),
    ],
)
def test_numbers_joined_to_a_neighbour_across_a_space_are_split(
    label: str, text: str, expected: list[str]
) -> None:
    # libphonenumber reads each of these runs as one invalid candidate and finds nothing in it.
    assert [text[e.start : e.end] for e in scan(text, label)] == expected


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("zho_Hant", "卡號 5555 5555 5555 4444"),  # even groups: a card, not two Hong Kong numbers
        ("zho_Hans", "账号 933 794 8751 69"),  # a Chinese fixed line needs its trunk 0
        ("tha_Thai", "โทร 81 234 5678"),  # a Thai mobile without its 0
        ("tha_Thai", "รหัส 66812345678"),  # a country code without "+"
        ("vie_Latn", "CCCD 001 099 012 345"),
    ],
)
def test_numbers_not_written_as_dialled_or_evenly_grouped_are_not_phones(label: str, text: str) -> None:
    assert phones(text, label) == []


@pytest.mark.parametrize(
    ("label", "text", "number"),
    [
        ("tha_Thai", "โทร 001 66 81 234 5678", "001 66 81 234 5678"),  # Thai exit code
        ("vie_Latn", "ĐT 00 84 912 345 678", "00 84 912 345 678"),
        ("zho_Hans", "电话１３８１２３４５６７８", "１３８１２３４５６７８"),  # full-width digits
        ("eng_Latn", "call (+66) 81 234 5678", "(+66) 81 234 5678"),
        ("eng_Latn", "+66 (0) 81 234 5678", "+66 (0) 81 234 5678"),
    ],
)
def test_exit_codes_full_width_digits_and_bracketed_country_codes(label: str, text: str, number: str) -> None:
    assert phones(text, label) == [number]
