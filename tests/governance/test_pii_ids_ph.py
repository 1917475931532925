"""PH_PHILSYS, PH_SSS, PH_TIN: numbers without a public check digit, found by how they are written and the
words before them, in Filipino, Cebuano, English, Malay and unspaced scripts; overlaps with PHONE and
CREDIT_CARD.

The numbers are made up in each format (PhilSys 4-4-4(-4), SSS 2-7-1, TIN 3-3-3 with a branch code); where
a test relies on libphonenumber reading the same digits as a phone number, it asks the phone recogniser
itself first.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.pii import PHONE, scan
from seabridge.governance.pii.entities import CREDIT_CARD, PH_PHILSYS, PH_SSS, PH_TIN
from seabridge.governance.pii.recognizers import phone
from seabridge.governance.pii.recognizers.ph_ids import (
    CONTEXT_SCORE,
    HOME_SCORE,
    SSS_DASHED_SCORE,
    is_philsys_shape,
    is_sss_shape,
    is_tin_shape,
)

PH_TYPES = (PH_PHILSYS, PH_SSS, PH_TIN)


def found(text: str, label: str | None) -> list[tuple[str, str, float]]:
    return [(e.type, text[e.start : e.end], e.score) for e in scan(text, label)]


def ph_found(text: str, label: str | None) -> list[tuple[str, str, float]]:
    return [entity for entity in found(text, label) if entity[0] in PH_TYPES]


# --- PhilSys ---------------------------------------------------------------------------------------------

PCN = "1234-5678-9012-3456"  # fails Luhn, so no card claims it
PSN = "2468-1357-9024"


def test_written_shapes() -> None:
    for number in (PCN, PSN, PCN.replace("-", " "), "1234567890123456", "246813579024"):
        assert is_philsys_shape(number), number
    for number in ("1234-5678-9012-345", "1234 5678-9012", "12345-678-9012", "1234-5678-9012-3456-7890"):
        assert not is_philsys_shape(number), number


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        (f"Ang aking PhilSys Card Number ay {PCN}.", "tgl_Latn", PCN),
        (f"Ang PSN ko ay {PSN} ayon sa PhilID.", "tgl_Latn", PSN),
        (f"Ang akong PhilSys number mao ang {PSN}.", "ceb_Latn", PSN),
        (f"My national ID (PhilSys) is {PCN.replace('-', ' ')}.", "eng_Latn", PCN.replace("-", " ")),
        ("PCN: 1234567890123456", "eng_Latn", "1234567890123456"),  # plain, after a context word
        (f"Nombor PhilSys pekerja itu {PSN}.", "zsm_Latn", PSN),
        (f"บัตรPhilSys เลขที่{PCN}ครับ", "tha_Thai", PCN),
    ],
)
def test_philsys_after_a_context_word(text: str, label: str, number: str) -> None:
    assert ph_found(text, label) == [(PH_PHILSYS, number, CONTEXT_SCORE)]


@pytest.mark.parametrize("label", ["tgl_Latn", "ceb_Latn"])
def test_grouped_philsys_is_found_in_filipino_and_cebuano_without_a_word(label: str) -> None:
    for number in (PCN, PSN, PSN.replace("-", " ")):
        assert ph_found(f"Ang numero {number} ay nakasulat.", label) == [(PH_PHILSYS, number, HOME_SCORE)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (f"Order {PCN} shipped.", "eng_Latn"),  # grouped, but English and no word
        (f"Pesanan {PSN} dihantar.", "zsm_Latn"),
        ("Ang numero 1234567890123456 ay nakasulat.", "tgl_Latn"),  # plain: only after a word
        (f"PhilSys {PCN}-7890", "eng_Latn"),  # a fifth group: a longer number
        ("PhilSys 1234-5678-901", "eng_Latn"),  # last group short
        ("PhilSys X1234-5678-9012", "eng_Latn"),  # part of a Latin token
        ("PhilSys 9-1234-5678-9012", "eng_Latn"),  # joined by a dash to more digits
        ("PhilSys 12345678901234", "eng_Latn"),  # 14 digits
    ],
)
def test_philsys_near_misses(text: str, label: str) -> None:
    assert [e for e in ph_found(text, label) if e[0] == PH_PHILSYS] == []


def test_card_shaped_philsys_number_is_a_card_without_a_philsys_word() -> None:
    number = "4111-1111-1111-1111"  # passes Luhn with Visa's prefix
    assert [e[:2] for e in found(f"Ang numero {number} ay nakasulat.", "tgl_Latn")] == [(CREDIT_CARD, number)]
    assert [e[:2] for e in found(f"Ang PhilSys ko ay {number}.", "tgl_Latn")] == [(PH_PHILSYS, number)]


# --- SSS -------------------------------------------------------------------------------------------------


def test_sss_shapes() -> None:
    assert is_sss_shape("34-1234567-8") and is_sss_shape("3412345678")
    for number in ("34-123456-78", "341-234567-8", "34-12345678-9", "34 1234567 8", "341234567"):
        assert not is_sss_shape(number), number


@pytest.mark.parametrize(
    "label", ["tgl_Latn", "ceb_Latn", "eng_Latn", "zsm_Latn", "tha_Thai", "vie_Latn", None]
)
def test_dashed_sss_is_reported_in_every_language(label: str | None) -> None:
    assert ph_found("ref 34-1234567-8 ok", label) == [(PH_SSS, "34-1234567-8", SSS_DASHED_SCORE)]


@pytest.mark.parametrize(
    ("number", "label"),
    [("02-8123456-7", "tgl_Latn"), ("03-4123456-7", "zsm_Latn"), ("08-1234567-8", "tha_Thai")],
)
def test_dashed_sss_wins_over_the_phone_number_in_its_digits(number: str, label: str) -> None:
    text = f"x {number} y"
    assert [text[e.start : e.end] for e in phone.RECOGNIZER.analyze(text, label)] == [number]
    assert found(text, label) == [(PH_SSS, number, SSS_DASHED_SCORE)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ang SSS number ko ay 3412345678.", "tgl_Latn"),
        ("Social Security System no. 3412345678", "eng_Latn"),
        ("Ang akong SSS 3412345678 kay bag-o.", "ceb_Latn"),
    ],
)
def test_plain_sss_needs_an_sss_word(text: str, label: str) -> None:
    assert ph_found(text, label) == [(PH_SSS, "3412345678", CONTEXT_SCORE)]
    assert ph_found(text.replace("SSS", "ref").replace("Social Security System", "ref"), label) == []


@pytest.mark.parametrize(
    "text",
    ["SSS 34-1234567-89", "SSS 134-1234567-8", "SSS A34-1234567-8", "SSS 34-1234567-8B", "SSS +34-1234567-8"],
)
def test_sss_near_misses(text: str) -> None:
    assert [e for e in ph_found(text, "tgl_Latn") if e[0] == PH_SSS] == []


# --- TIN -------------------------------------------------------------------------------------------------


def test_tin_shapes() -> None:
    for number in ("123-456-789", "123-456-789-000", "123-456-789-00000", "123456789", "123456789000"):
        assert is_tin_shape(number), number
    for number in ("123-456-789-0000", "123-456-789-00", "12-3456-789", "123-456-78"):
        assert not is_tin_shape(number), number


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("Ang TIN ko ay 123-456-789-000.", "tgl_Latn", "123-456-789-000"),
        ("Tax Identification Number: 123-456-789", "eng_Latn", "123-456-789"),
        ("BIR TIN 123-456-789-00000 para sa sangay", "tgl_Latn", "123-456-789-00000"),
        ("TIN 123456789", "eng_Latn", "123456789"),  # plain, after a TIN word
        ("Nombor TIN syarikat ialah 123-456-789.", "zsm_Latn", "123-456-789"),
    ],
)
def test_tin_after_a_tin_word(text: str, label: str, number: str) -> None:
    assert ph_found(text, label) == [(PH_TIN, number, CONTEXT_SCORE)]


@pytest.mark.parametrize("label", ["tgl_Latn", "ceb_Latn"])
def test_dashed_tin_is_found_in_filipino_and_cebuano_without_a_word(label: str) -> None:
    for number in ("123-456-789", "123-456-789-000"):
        assert ph_found(f"Isulat ang {number} dito.", label) == [(PH_TIN, number, HOME_SCORE)]
    assert ph_found("Isulat ang 123456789 dito.", label) == []  # plain needs a word


def test_tin_and_phone() -> None:
    # A Thai provincial number is written 3-3-3 too: in Thai text it is a phone number, unless a TIN word
    # comes first; Philippine mobiles (4-3-4) are no TIN in Filipino text.
    assert found("ติดต่อ 034-123-456", "tha_Thai")[0][:2] == (PHONE, "034-123-456")
    assert found("TIN 034-123-456", "tha_Thai") == [(PH_TIN, "034-123-456", CONTEXT_SCORE)]
    assert [e[:2] for e in found("Tawagan sa 0917-123-4567.", "tgl_Latn")] == [(PHONE, "0917-123-4567")]
    assert found("Order 123-456-789 shipped.", "eng_Latn") == []


@pytest.mark.parametrize(
    "text",
    ["TIN 123-456-789-0000", "TIN 1123-456-789", "TIN 123-456-7890", "TIN ABC123-456-789", "TIN 12345678"],
)
def test_tin_near_misses(text: str) -> None:
    assert [e for e in ph_found(text, "tgl_Latn") if e[0] == PH_TIN] == []


# --- all three -------------------------------------------------------------------------------------------


def test_a_filipino_paragraph_with_all_three() -> None:
    text = (
        "Para sa aplikasyon, ilagay ang inyong PhilSys Card Number na 1234-5678-9012-3456, "
        "ang SSS number na 34-1234567-8 at ang TIN na 123-456-789-000."
    )
    assert [e[:2] for e in found(text, "tgl_Latn")] == [
        (PH_PHILSYS, "1234-5678-9012-3456"),
        (PH_SSS, "34-1234567-8"),
        (PH_TIN, "123-456-789-000"),
    ]


DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(
    groups=st.lists(DIGITS, min_size=1, max_size=5),
    sep=st.sampled_from(["-", " ", ""]),
    word=st.sampled_from(["", "PhilSys ", "SSS ", "TIN ", "numero "]),
    label=st.sampled_from(["tgl_Latn", "ceb_Latn", "eng_Latn", "tha_Thai", None]),
)
def test_everything_reported_has_its_written_shape(
    groups: list[str], sep: str, word: str, label: str | None
) -> None:
    text = f"{word}{sep.join(groups)} ."
    shapes = {PH_PHILSYS: is_philsys_shape, PH_SSS: is_sss_shape, PH_TIN: is_tin_shape}
    for kind, number, _ in ph_found(text, label):
        assert shapes[kind](number), (kind, number)


def test_a_context_word_beyond_reach_counts_once_found_data_is_shortened() -> None:
    text = f"PhilSys: firstname.lastname.department@example.com {PSN}"
    assert text.index(PSN) > 40  # the word is out of the 40-character window in the raw text
    assert [e[:2] for e in found(text, "eng_Latn")] == [
        ("EMAIL", "firstname.lastname.department@example.com"),
        (PH_PHILSYS, PSN),
    ]
