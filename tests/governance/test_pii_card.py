"""CREDIT_CARD: network prefixes and lengths, the Luhn check, groupings, unspaced scripts, collisions.

Valid numbers are the networks' and processors' published test numbers; the Luhn check digit is computed
here by hand (double every second digit from the right), independently of ``stdnum.luhn``, which the
validator uses.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import CREDIT_CARD, ID_NIK, PH_PHILSYS
from seabridge.governance.pii.recognizers.credit_card import (
    CONTEXT_SCORE,
    GROUPED_SCORE,
    PLAIN_SCORE,
    UNIONPAY_UNCHECKED_SCORE,
    is_valid_card,
    network,
)


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if i % 2 == 0 else 1)  # the check digit will sit right of body
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def luhn_ok(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


def cards(text: str, label: str | None = "eng_Latn") -> list[tuple[str, float]]:
    return [(text[e.start : e.end], e.score) for e in scan(text, label) if e.type == CREDIT_CARD]


def fours(number: str, sep: str = " ") -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


# Published test numbers (Visa, Mastercard, Amex, Discover, JCB, Diners Club, UnionPay).
TEST_CARDS = {
    "4111111111111111": "visa",
    "4012888888881881": "visa",
    "4222222222222": "visa",  # 13 digits
    "5555555555554444": "mastercard",
    "5105105105105100": "mastercard",
    "2223003122003222": "mastercard",  # 2-series
    "378282246310005": "amex",
    "371449635398431": "amex",
    "6011111111111117": "discover",
    "6011000990139424": "discover",
    "3530111333300000": "jcb",
    "3566002020360505": "jcb",
    "30569309025904": "diners",
    "38520000023237": "diners",
    "6200000000000005": "unionpay",
    "6250941006528599": "unionpay",
}


def test_hand_luhn_agrees_on_the_published_numbers() -> None:
    for number in TEST_CARDS:
        assert luhn_ok(number), number


@pytest.mark.parametrize(("number", "kind"), TEST_CARDS.items())
def test_published_test_numbers_are_valid_cards_of_their_network(number: str, kind: str) -> None:
    assert network(number) == kind
    assert is_valid_card(number)
    assert cards(f"paid with {number} today") == [(number, PLAIN_SCORE)]


@pytest.mark.parametrize(
    "written",
    [
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "3782 822463 10005",  # Amex 4-6-5
        "3056 930902 5904",  # Diners 4-6-4
        "6250 9410 0652 8599",
        "4222 2222 2222 2",
    ],
)
def test_grouped_numbers_score_higher_than_bare_runs(written: str) -> None:
    assert is_valid_card(written)
    assert cards(f"paid with {written} today") == [(written, GROUPED_SCORE)]


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("Card number: 4111111111111111", "eng_Latn", "4111111111111111"),
        ("Nomor kartu kredit 5555555555554444", "ind_Latn", "5555555555554444"),
        ("หมายเลขบัตรเครดิต 5105105105105100", "tha_Thai", "5105105105105100"),
        ("Số thẻ 4012888888881881", "vie_Latn", "4012888888881881"),
        ("信用卡号码 3530111333300000", "zho_Hans", "3530111333300000"),
    ],
)
def test_card_words_raise_a_bare_run(text: str, label: str, number: str) -> None:
    assert cards(text, label) == [(number, CONTEXT_SCORE)]


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("บัตร4111111111111111ครับ", "tha_Thai", "4111111111111111"),
        ("卡号4111111111111111，", "zho_Hans", "4111111111111111"),
        ("កាត4111111111111111បាន", "khm_Khmr", "4111111111111111"),
        ("ကတ်နံပါတ်5555555555554444ဖြစ်သည်", "mya_Mymr", "5555555555554444"),
        ("ບັດ4111 1111 1111 1111ໄດ້", "lao_Laoo", "4111 1111 1111 1111"),
    ],
)
def test_numbers_touching_unspaced_scripts_are_found(text: str, label: str, number: str) -> None:
    assert [found for found, _ in cards(text, label)] == [number]


def test_unionpay_number_failing_luhn_counts_only_after_a_card_word() -> None:
    number = "6222021234567890123"  # 19 digits, prefix 62; the brief's example fails Luhn
    assert not luhn_ok(number)
    assert not is_valid_card(number)
    assert cards(f"卡号{number}，", "zho_Hans") == [(number, UNIONPAY_UNCHECKED_SCORE)]
    assert cards(f"编号{number}，", "zho_Hans") == []  # "serial number": no card word


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("4111111111111112", "Luhn fails"),
        ("9" + "11111111111111" + luhn_check_digit("911111111111111"), "no network has prefix 9"),
        ("1" + "23456789012345" + luhn_check_digit("123456789012345"), "no network has prefix 1"),
        ("4" + "1" * 13 + luhn_check_digit("4" + "1" * 13), "Visa with 15 digits"),
        ("37" + "1" * 13 + luhn_check_digit("37" + "1" * 13), "Amex with 16 digits"),
        ("51" + "0" * 15 + luhn_check_digit("51" + "0" * 15), "Mastercard with 18 digits"),
        ("4" + "1" * 10 + luhn_check_digit("4" + "1" * 10), "12 digits"),
        ("6011111111111118", "Discover, Luhn fails"),
    ],
)
def test_near_misses_are_not_cards(number: str, why: str) -> None:
    assert not is_valid_card(number), why
    assert cards(f"card {number} and card {fours(number)}") == [], why


@pytest.mark.parametrize(
    "text",
    [
        "ref 4111 1111 1111 1111 1111",  # five groups: a 20-digit number
        "ref 1234 4111 1111 1111 1111",
        "41111111111111111",  # 17 digits, Luhn fails as a whole
        "X4111111111111111",  # part of a Latin token
        "4111111111111111x",
        "12-4111111111111111",  # joined by a dash to more digits
        "4111111111111111-12",
        "+4111111111111111",
        "4111 1111-1111 1111",  # mixed separators
        "4111  1111  1111  1111",  # two spaces
        "41111 1111 1111 111",  # groups of the wrong size
    ],
)
def test_longer_tokens_and_odd_groupings_are_not_cards(text: str) -> None:
    assert cards(text) == []


def test_card_beats_phone_and_keeps_only_its_own_digits() -> None:
    text = "Visa 4111 1111 1111 1111, call 0917 123 4567"
    assert cards(text, "tgl_Latn") == [("4111 1111 1111 1111", CONTEXT_SCORE)]
    assert [e.type for e in scan(text, "tgl_Latn")] == [CREDIT_CARD, "PHONE"]


def test_philsys_word_turns_a_card_shaped_number_into_a_philsys_number() -> None:
    number = "4111-1111-1111-1111"
    assert is_valid_card(number)
    plain = f"Bayad gamit ang {number}."
    assert [(e.type, plain[e.start : e.end]) for e in scan(plain, "tgl_Latn")] == [(CREDIT_CARD, number)]
    for text in (f"PhilSys Card Number (PCN): {number}", f"Ang aking PhilID ay {number}."):
        assert [(e.type, text[e.start : e.end]) for e in scan(text, "tgl_Latn")] == [(PH_PHILSYS, number)]


def nik_with_luhn() -> str:
    # A Bali (51) NIK: Denpasar 71, district 04, born 12 March 1990, serial 001x; 16 digits starting 51 are
    # also the shape of a Mastercard, so pick the serial's last digit that passes Luhn.
    body = "517104120390001"
    return body + luhn_check_digit(body)


def test_valid_nik_in_indonesian_text_wins_over_a_bare_card_run() -> None:
    nik = nik_with_luhn()
    assert is_valid_card(nik) and network(nik) == "mastercard"
    text = f"Warga dengan nomor {nik} terdaftar."
    assert [(e.type, text[e.start : e.end]) for e in scan(text, "ind_Latn")] == [(ID_NIK, nik)]
    assert cards(f"Paid with {nik}.") == [(nik, PLAIN_SCORE)]  # elsewhere the same digits are a card


PREFIXES = [
    "4",
    "51",
    "55",
    "2221",
    "2720",
    "34",
    "37",
    "3528",
    "3589",
    "62",
    "6011",
    "644",
    "65",
    "36",
    "300",
]
LENGTHS = {"4": 16, "34": 15, "37": 15, "36": 14, "300": 14}


@st.composite
def luhn_cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(PREFIXES))
    size = LENGTHS.get(prefix, 16) - len(prefix) - 1
    body = prefix + draw(st.text(alphabet="0123456789", min_size=size, max_size=size))
    return body + luhn_check_digit(body)


@settings(max_examples=150, deadline=None)
@given(number=luhn_cards(), position=st.integers(0, 18), shift=st.integers(1, 9))
def test_changing_one_digit_of_a_valid_card_invalidates_it(number: str, position: int, shift: int) -> None:
    assert is_valid_card(number)
    assert cards(f"paid with {number} ok") == [(number, PLAIN_SCORE)]
    position %= len(number)
    digit = str((int(number[position]) + shift) % 10)
    changed = number[:position] + digit + number[position + 1 :]
    assert not is_valid_card(changed)
    assert cards(f"paid with {changed} ok") == []


@settings(max_examples=150, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=13, max_size=19),
    sep=st.sampled_from(["", " ", "-"]),
    before=st.sampled_from(["", "card ", "บัตร", "卡号", "x"]),
)
def test_everything_reported_passes_luhn_or_is_a_unionpay_number_after_a_card_word(
    digits: str, sep: str, before: str
) -> None:
    text = f"{before}{fours(digits, sep) if sep else digits}。"
    for number, score in cards(text, None):
        compact = number.replace(" ", "").replace("-", "")
        if score == UNIONPAY_UNCHECKED_SCORE:
            assert compact.startswith("62") and before in ("card ", "卡号")
        else:
            assert luhn_ok(compact) and is_valid_card(number)


def test_card_word_beyond_reach_counts_once_found_data_is_shortened() -> None:
    number = "6222021234567890123"  # fails Luhn: counts only after a card word
    text = f"卡号: firstname.lastname.department@example.com {number}"
    assert text.index(number) > 40
    assert cards(text, "zho_Hans") == [(number, UNIONPAY_UNCHECKED_SCORE)]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
def test_groups_separated_by_no_break_spaces(space: str) -> None:
    # HTML writes &nbsp; between groups; the card is found whole, so redaction leaves no digit behind
    number = space.join(["4111", "1111", "1111", "1111"])
    assert [text for text, _ in cards(f"card {number} ok")] == [number]
