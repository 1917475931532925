"""Redaction replaces exactly the entity spans and leaves every other byte alone."""

from __future__ import annotations

import pytest

from seabridge.governance.pii import EMAIL, PHONE, Entity, redact, scan


def test_placeholder_and_mask_modes() -> None:
    text = "ဖုန်း ၀၉၄၂၁၂၃၄၅၆၇ သို့ mgmg@example.com"
    entities = scan(text, "mya_Mymr")
    assert [e.type for e in entities] == [PHONE, EMAIL]
    assert redact(text, entities) == "ဖုန်း <PHONE> သို့ <EMAIL>"
    masked = redact(text, entities, mode="mask")
    assert len(masked) == len(text)  # code-point length kept: other offsets stay valid
    assert masked == "ဖုန်း " + "*" * 11 + " သို့ " + "*" * 16


def test_surrounding_text_is_byte_identical() -> None:
    text = "ติดต่อsomchai.k@example.co.thหรือโทร๐๘๑-๒๓๔-๕๖๗๘ได้เลย\u200b ค่ะ"
    entities = scan(text, "tha_Thai")
    out = redact(text, entities)
    assert out.encode() == "ติดต่อ<EMAIL>หรือโทร<PHONE>ได้เลย\u200b ค่ะ".encode()


def test_order_of_entities_does_not_matter_and_empty_is_identity() -> None:
    text = "a@example.com b@example.org"
    entities = scan(text)
    assert redact(text, list(reversed(entities))) == redact(text, entities) == "<EMAIL> <EMAIL>"
    assert redact(text, []) == text


def test_unknown_mode_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="placeholder, mask"):
        redact("x", [], mode="hash")


@pytest.mark.parametrize(
    "entities",
    [
        [Entity(EMAIL, 0, 5, 1.0), Entity(EMAIL, 3, 8, 1.0)],  # overlapping
        [Entity(EMAIL, 5, 20, 1.0)],  # beyond the text
        [Entity(EMAIL, 4, 2, 1.0)],  # inverted
    ],
)
def test_malformed_entities_are_refused(entities: list[Entity]) -> None:
    with pytest.raises(ValueError):
        redact("0123456789", entities)
