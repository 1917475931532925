"""Classification levels from the personal data found and the categories declared."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seabridge.governance.classify import CATEGORY_LEVELS, Classification, Level, classify, level_of_entity
from seabridge.governance.pii.entities import ENTITY_TYPES


@pytest.mark.parametrize(
    ("found", "categories", "redaction", "level"),
    [
        ({}, [], "off", Level.INTERNAL),  # nothing known: internal, never public by default
        ({}, ["public"], "off", Level.PUBLIC),
        ({}, ["open-licence"], "placeholder", Level.PUBLIC),
        ({"EMAIL": 2}, ["public"], "off", Level.PERSONAL),  # a public web page still holds an address
        ({"PHONE": 1, "IP_ADDRESS": 4}, [], "off", Level.PERSONAL),
        ({"TH_NATIONAL_ID": 1}, [], "off", Level.SENSITIVE_PERSONAL),  # PIPL art. 28 "specific identity"
        ({"CREDIT_CARD": 1}, [], "off", Level.SENSITIVE_PERSONAL),  # PIPL art. 28 "financial accounts"
        ({"IBAN": 1, "EMAIL": 9}, [], "off", Level.SENSITIVE_PERSONAL),
        ({"ID_NIK": 3}, [], "placeholder", Level.INTERNAL),  # removed: the text holds none any more
        ({"ID_NIK": 3}, ["public"], "mask", Level.PUBLIC),
        ({"ID_NIK": 3}, [], "hash", Level.SENSITIVE_PERSONAL),  # pseudonymised data is personal data
        ({"EMAIL": 3}, [], "encrypt", Level.PERSONAL),
        ({}, ["health"], "off", Level.SENSITIVE_PERSONAL),
        ({}, ["Sex life"], "off", Level.SENSITIVE_PERSONAL),
        ({}, ["minors", "public"], "off", Level.SENSITIVE_PERSONAL),
        ({"EMAIL": 1}, ["geospatial"], "off", Level.IMPORTANT),
        ({}, ["important"], "placeholder", Level.IMPORTANT),
        ({"EMAIL": 0}, ["public"], "off", Level.PUBLIC),  # a zero count is no evidence
    ],
)
def test_levels(found: dict[str, int], categories: list[str], redaction: str, level: Level) -> None:
    result = classify(found, categories, redaction=redaction)
    assert result.level is level
    assert result.reasons  # always explained


def test_the_first_reason_is_the_deciding_one() -> None:
    result = classify({"PHONE": 2, "MY_MYKAD": 1}, ["public"])
    assert result.reasons[0] == "MY_MYKAD found 1x and left in the text"
    assert "declared category 'public'" in result.reasons


def test_unscanned_data_is_assumed_personal() -> None:
    assert classify({}, ["public"], scanned=False).level is Level.PERSONAL
    assert classify({}, ["health"], scanned=False).level is Level.SENSITIVE_PERSONAL


def test_unknown_categories_and_types_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown data category 'secretish'"):
        classify({}, ["secretish"])
    with pytest.raises(ValueError, match="unknown entity type"):
        classify({"SHOE_SIZE": 1})
    with pytest.raises(ValueError, match="unknown classification level"):
        Level.parse("top secret")


def test_every_entity_type_is_at_least_personal() -> None:
    assert all(level_of_entity(kind) >= Level.PERSONAL for kind in ENTITY_TYPES)
    assert {level_of_entity(kind) for kind in ("EMAIL", "PHONE", "IP_ADDRESS")} == {Level.PERSONAL}


@given(
    st.dictionaries(st.sampled_from(ENTITY_TYPES), st.integers(0, 5)),
    st.lists(st.sampled_from(sorted(CATEGORY_LEVELS)), max_size=4),
    st.sampled_from(["off", "placeholder", "mask", "hash", "encrypt"]),
)
def test_properties(found: dict[str, int], categories: list[str], redaction: str) -> None:
    result = classify(found, categories, redaction=redaction)
    # declaring more can only raise the level; so can leaving the data in the text
    assert result.level >= max((CATEGORY_LEVELS[c] for c in categories), default=Level.INTERNAL)
    assert classify(found, categories, redaction="off").level >= result.level
    assert Classification.from_dict(result.to_dict()) == result
