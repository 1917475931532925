"""PASSPORT_MRZ: ICAO Doc 9303 machine-readable zones (TD3, TD2, TD1), whole and line by line.

The specimens are ICAO's own (Doc 9303 parts 4, 5 and 6: Anna Maria Eriksson of Utopia); other zones are
built here with check digits computed by this file's own function from the published rule (weights 7, 3,
1; digits their value, A-Z 10-35, ``<`` 0), independently of the recogniser's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import PASSPORT_MRZ
from seabridge.governance.pii.recognizers.passport_mrz import (
    CHECKED_LINE_SCORE,
    DATES_LINE_SCORE,
    DOCUMENT_LINE_SCORE,
    NAME_LINE_SCORE,
    ZONE_SCORE,
    is_valid_mrz,
)


def value(char: str) -> int:
    if char == "<":
        return 0
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def check(field: str) -> str:
    weights = [7, 3, 1] * 20
    return str(sum(value(c) * w for c, w in zip(field, weights, strict=False)) % 10)


TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD2 = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


def mrz(text: str, label: str | None = None) -> list[tuple[str, float]]:
    return [(text[e.start : e.end], e.score) for e in scan(text, label) if e.type == PASSPORT_MRZ]


def test_specimen_check_digits_by_hand() -> None:
    line = TD3[1]
    assert check(line[0:9]) == line[9] == "6"
    assert check(line[13:19]) == line[19] == "2"
    assert check(line[21:27]) == line[27] == "9"
    assert check(line[28:42]) == line[42] == "1"
    assert check(line[0:10] + line[13:20] + line[21:43]) == line[43] == "0"
    assert check(TD2[1][0:9]) == TD2[1][9]
    assert check(TD2[1][0:10] + TD2[1][13:20] + TD2[1][21:35]) == TD2[1][35]
    assert check(TD1[0][5:14]) == TD1[0][14]
    assert check(TD1[0][5:30] + TD1[1][0:7] + TD1[1][8:15] + TD1[1][18:29]) == TD1[1][29]


@pytest.mark.parametrize("zone", [TD3, TD2, TD1], ids=["TD3", "TD2", "TD1"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_whole_zones_are_one_entity_with_their_line_breaks(zone: tuple[str, ...], newline: str) -> None:
    block = newline.join(zone)
    assert is_valid_mrz(block)
    for text in (f"Passport scan:\n{block}\nend of page", block, f"ข้อมูล{block}ครับ"):
        assert mrz(text) == [(block, ZONE_SCORE)]


@pytest.mark.parametrize(
    ("line", "score"),
    [
        (TD3[1], CHECKED_LINE_SCORE),
        (TD3[0], NAME_LINE_SCORE),
        (TD2[1], CHECKED_LINE_SCORE),
        (TD2[0], NAME_LINE_SCORE),
        (TD1[1], DATES_LINE_SCORE),
        (TD1[0], DOCUMENT_LINE_SCORE),
    ],
)
def test_single_lines_as_a_line_by_line_scan_sees_them(line: str, score: float) -> None:
    assert mrz(line) == [(line, score)]
    assert score >= 0.5
    assert not is_valid_mrz(line)  # a single line is not a whole zone


def test_a_name_line_alone_is_not_a_document() -> None:
    assert mrz(TD1[2]) == []  # the TD1 name line has no structure beyond the name
    assert mrz(TD3[0].replace("UTO", "UT0")) == []  # a digit in the issuing state
    assert mrz(TD3[0].replace("ANNA", "ANN4")) == []  # a digit in the name
    assert mrz("X" + TD3[0][1:]) == []  # not a passport's document code


def test_lines_apart_are_reported_one_by_one() -> None:
    text = f"{TD3[0]}\n\n{TD3[1]}"  # a blank line between them: not one zone
    assert mrz(text) == [(TD3[0], NAME_LINE_SCORE), (TD3[1], CHECKED_LINE_SCORE)]


@pytest.mark.parametrize(
    ("position", "char"),
    [
        (0, "M"),  # document number
        (9, "7"),  # its check digit
        (13, "8"),  # birth date
        (16, "2"),  # birth month 12 -> 22
        (19, "3"),  # birth check digit
        (22, "3"),  # expiry
        (27, "8"),  # expiry check digit
        (30, "F"),  # personal number
        (42, "2"),  # its check digit
        (43, "1"),  # composite
    ],
)
def test_one_altered_character_in_a_checked_field_is_not_reported(position: int, char: str) -> None:
    line = TD3[1][:position] + char + TD3[1][position + 1 :]
    assert line != TD3[1]
    assert mrz(line) == []
    text = f"{TD3[0]}\n{line}"
    assert not is_valid_mrz(text)
    # the name line alone would pass (it has no check digit), but it belongs to a zone that is not an MRZ
    assert mrz(text) == []
    assert mrz(TD3[0]) == [(TD3[0], NAME_LINE_SCORE)]


@pytest.mark.parametrize(
    "text",
    [
        "X" + TD3[1],  # 45 characters
        TD3[1] + "<",
        TD3[1][:-1],  # 43 characters
        TD3[1].lower(),
        "L898902C36UTO7413122F1204159ZE184226B<<<<<10",  # month 13
    ],
)
def test_wrong_lengths_and_shapes_are_not_reported(text: str) -> None:
    assert mrz(text) == []


def test_long_document_number_continues_in_the_optional_data() -> None:
    # Doc 9303 part 5: a 12-character number fills the 9 places, "<" in the check digit's place, and goes
    # on in the optional data with its check digit.
    number = "D23145890734"
    line1 = f"I<UTO{number[:9]}<{number[9:]}{check(number)}".ljust(30, "<")
    line2_body = "7408122F1204159UTO<<<<<<<<<<<"
    line2 = line2_body + check(line1[5:30] + line2_body[0:7] + line2_body[8:15] + line2_body[18:29])
    zone = "\n".join((line1, line2, TD1[2]))
    assert is_valid_mrz(zone)
    assert mrz(zone) == [(zone, ZONE_SCORE)]


NAMES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=12)
ALNUM = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=9, max_size=9)


def date(year: int, month: int, day: int) -> str:
    return f"{year % 100:02d}{month:02d}{day:02d}"


@st.composite
def td3_zones(draw: st.DrawFn) -> tuple[str, str]:
    surname, given_name = draw(NAMES), draw(NAMES)
    line1 = f"P<THA{surname}<<{given_name}".ljust(44, "<")[:44]
    number = draw(ALNUM)
    birth = date(draw(st.integers(1940, 2020)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    expiry = date(draw(st.integers(2020, 2040)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    personal = draw(st.text(alphabet="0123456789<", min_size=14, max_size=14))
    sex = draw(st.sampled_from("MF<"))
    fields = [number, check(number), "THA", birth, check(birth), sex, expiry, check(expiry), personal]
    body = "".join(fields) + check(personal)
    line2 = body + check(body[0:10] + body[13:20] + body[21:43])
    return line1, line2


@settings(max_examples=150, deadline=None)
@given(zone=td3_zones())
def test_generated_td3_zones_are_found_whole(zone: tuple[str, str]) -> None:
    block = "\n".join(zone)
    assert mrz(f"MRZ:\n{block}\n") == [(block, ZONE_SCORE)]


CHECKED = [*range(0, 10), *range(13, 20), *range(21, 28), *range(28, 44)]


@settings(max_examples=200, deadline=None)
@given(
    zone=td3_zones(),
    at=st.sampled_from(CHECKED),
    replacement=st.sampled_from("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ<"),
)
def test_changing_a_checked_character_to_one_of_another_value_invalidates_the_zone(
    zone: tuple[str, str], at: int, replacement: str
) -> None:
    line1, line2 = zone
    if value(replacement) % 10 == value(line2[at]) % 10:  # weights 7, 3, 1 cannot see a change by ten
        return
    changed = line2[:at] + replacement + line2[at + 1 :]
    assert not is_valid_mrz(f"{line1}\n{changed}")
    assert all(line1 == found for found, _ in mrz(f"{line1}\n{changed}"))


ALTERED = [TD3[1].replace("L898", "L899"), TD2[1].replace("7408", "7409"), TD1[1].replace("F12", "F22")]
FRAGMENTS = [*TD3, *TD2, *TD1, *ALTERED, "P<", "<<<<", "ABC123", "2024"]


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.tuples(st.sampled_from(["\n", "\r\n", " ", "", "\n\n"]), st.sampled_from(FRAGMENTS)), max_size=6
    )
)
def test_everything_reported_holds_its_check_digits(parts: list[tuple[str, str]]) -> None:
    text = "".join(sep + fragment for sep, fragment in parts)
    for found, score in mrz(text):
        assert found not in ALTERED
        if "\n" in found:
            assert score == ZONE_SCORE and is_valid_mrz(found)
        elif score == CHECKED_LINE_SCORE and len(found) == 44:
            assert check(found[0:9]) == found[9] and check(found[13:19]) == found[19]
            assert (
                check(found[21:27]) == found[27]
                and check(found[0:10] + found[13:20] + found[21:43]) == found[43]
            )
        else:
            assert found in (TD3[0], TD2[0], TD2[1], TD1[0], TD1[1]), found
