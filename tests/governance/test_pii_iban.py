"""IBAN: the SWIFT IBAN registry's examples, plain and grouped, near misses of each kind, unspaced scripts.

The mod-97 check (ISO 7064 MOD 97-10: move the first four characters to the end, read letters as 10-35,
the remainder must be 1) is computed here by hand, independently of ``stdnum.iban``, which the validator
uses; lengths come from the registry.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import IBAN
from seabridge.governance.pii.recognizers.iban import LOWER_CASE_SCORE, SCORE, is_valid_iban


def mod97_ok(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def with_check_digits(country: str, bban: str) -> str:
    """The IBAN of ``country`` and ``bban`` with check digits computed by hand."""
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


def ibans(text: str, label: str | None = "eng_Latn") -> list[tuple[str, float]]:
    return [(text[e.start : e.end], e.score) for e in scan(text, label) if e.type == IBAN]


# Examples printed in the SWIFT IBAN registry (print format), with the country's IBAN length.
REGISTRY = {
    "GB29 NWBK 6016 1331 9268 19": 22,
    "DE89 3704 0044 0532 0130 00": 22,
    "FR14 2004 1010 0505 0001 3M02 606": 27,
    "NL91 ABNA 0417 1643 00": 18,
    "BE68 5390 0754 7034": 16,
    "CH93 0076 2011 6238 5295 7": 21,
    "NO93 8601 1117 947": 15,
    "TL38 0080 0123 4567 8910 157": 23,  # Timor-Leste
    "SA03 8000 0000 6080 1016 7519": 24,
    "AE07 0331 2345 6789 0123 456": 23,
    "MT84 MALT 0110 0001 2345 MTLC AST0 01S": 31,
    "BR18 0036 0305 0000 1000 9795 493C 1": 29,
}


def test_hand_check_agrees_with_the_registry_examples() -> None:
    for iban, length in REGISTRY.items():
        assert mod97_ok(iban), iban
        assert len(iban.replace(" ", "")) == length
        assert with_check_digits(iban[:2], iban.replace(" ", "")[4:]) == iban.replace(" ", "")


@pytest.mark.parametrize("printed", REGISTRY)
def test_registry_examples_are_found_grouped_and_plain(printed: str) -> None:
    plain = printed.replace(" ", "")
    assert is_valid_iban(printed) and is_valid_iban(plain)
    for written in (printed, plain):
        assert ibans(f"Please pay to {written}, thank you.") == [(written, SCORE)]


@pytest.mark.parametrize(
    ("text", "label", "iban"),
    [
        ("บัญชีDE89370400440532013000ครับ", "tha_Thai", "DE89370400440532013000"),
        ("账号GB29NWBK60161331926819，谢谢", "zho_Hans", "GB29NWBK60161331926819"),
        ("គណនីTL380080012345678910157បាន", "khm_Khmr", "TL380080012345678910157"),
        ("ဘဏ်စာရင်းFR1420041010050500013M02606ဖြစ်သည်", "mya_Mymr", "FR1420041010050500013M02606"),
        ("Rekening saya: NL91 ABNA 0417 1643 00.", "ind_Latn", "NL91 ABNA 0417 1643 00"),
        ("Ang IBAN ko ay CH93 0076 2011 6238 5295 7 sa bangko.", "tgl_Latn", "CH93 0076 2011 6238 5295 7"),
    ],
)
def test_ibans_in_sentences_and_unspaced_scripts(text: str, label: str, iban: str) -> None:
    assert ibans(text, label) == [(iban, SCORE)]


def test_iban_wins_over_a_phone_number_inside_it_even_after_a_phone_word() -> None:
    # "nomor" is a phone context word; it may lift the national number 0417 1643 00 inside the IBAN only to
    # the phone recogniser's max_score (0.95), never over the IBAN's 0.99.
    assert ibans("Nomor rekening: NL91 ABNA 0417 1643 00.", "ind_Latn") == [("NL91 ABNA 0417 1643 00", SCORE)]


def test_a_following_word_is_not_swallowed() -> None:
    assert ibans("BE68 5390 0754 7034 THEN PAY") == [("BE68 5390 0754 7034", SCORE)]
    assert ibans("IBAN NO93 8601 1117 947 AND MORE") == [("NO93 8601 1117 947", SCORE)]


def test_lower_case_needs_a_context_word() -> None:
    assert ibans("iban: de89 3704 0044 0532 0130 00") == [("de89 3704 0044 0532 0130 00", LOWER_CASE_SCORE)]
    assert ibans("tài khoản gb29nwbk60161331926819", "vie_Latn") == [
        ("gb29nwbk60161331926819", LOWER_CASE_SCORE)
    ]
    assert ibans("code de89 3704 0044 0532 0130 00") == []
    assert ibans("de89370400440532013000") == []


NEAR_MISSES = [
    ("GB28 NWBK 6016 1331 9268 19", "wrong check digits"),
    ("DE89 3704 0044 0532 0130 01", "one digit changed"),
    ("DE89 3704 0044 0532 0310 00", "two digits swapped"),
    ("GB29 NWBK 6016 1331 9268 1", "one character short"),
    (with_check_digits("ZZ", "NWBK60161331926819"), "no country ZZ"),
    (with_check_digits("US", "NWBK60161331926819"), "the United States has no IBAN"),
    (with_check_digits("DE", "370400440532013"), "Germany has 22 characters, not 19"),
    (with_check_digits("DE", "37040044053201300000"), "Germany has 22 characters, not 24"),
    (with_check_digits("GB", "NWBK6016133192681A"), "GB account number must be digits"),
    (with_check_digits("DE", "3704004405320130A0"), "DE BBAN must be digits"),
]


@pytest.mark.parametrize(("iban", "why"), NEAR_MISSES)
def test_near_misses_are_not_ibans(iban: str, why: str) -> None:
    assert not is_valid_iban(iban), why
    assert ibans(f"IBAN {iban} ok") == [], why


def test_near_misses_with_hand_made_check_digits_pass_mod97() -> None:
    # The country, length and format near misses are refused for those, not for their check digits.
    for iban, why in NEAR_MISSES[4:]:
        assert mod97_ok(iban), why


@pytest.mark.parametrize(
    "text",
    [
        "xDE89370400440532013000",
        "DE893704004405320130001",
        "9DE89370400440532013000",
        "DE89370400440532013000z",
    ],
)
def test_glued_to_latin_letters_or_digits_is_not_an_iban(text: str) -> None:
    assert ibans(text) == []


@settings(max_examples=200, deadline=None)
@given(printed=st.sampled_from(list(REGISTRY)), position=st.integers(2, 40), shift=st.integers(1, 9))
def test_changing_one_digit_of_a_registry_example_invalidates_it(
    printed: str, position: int, shift: int
) -> None:
    compact = printed.replace(" ", "")
    digits = [i for i, c in enumerate(compact) if c.isdigit() and i >= 2]
    at = digits[position % len(digits)]
    changed = compact[:at] + str((int(compact[at]) + shift) % 10) + compact[at + 1 :]
    assert not mod97_ok(changed)
    assert not is_valid_iban(changed)
    assert ibans(f"IBAN {changed}") == []


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.tuples(
            st.sampled_from(["", " ", "账号", "x", "IBAN "]),
            st.sampled_from([*REGISTRY, *(i for i, _ in NEAR_MISSES), "DE89", "0044 0532", "THEN"]),
        ),
        max_size=5,
    ),
    lower=st.booleans(),
)
def test_everything_reported_passes_the_hand_check(parts: list[tuple[str, str]], lower: bool) -> None:
    text = "".join(sep + fragment for sep, fragment in parts)
    for iban, _ in ibans(text.lower() if lower else text):
        assert mod97_ok(iban) and is_valid_iban(iban)


def test_groups_separated_by_no_break_spaces() -> None:
    value = "\u00a0".join(["DE89", "3704", "0044", "0532", "0130", "00"])
    assert ibans(f"IBAN {value} thanks") == [(value, SCORE)]
