"""The registry: which recognisers serve a label, context words, thresholds, overlaps, batches."""

from __future__ import annotations

import pytest
import regex

from seabridge.governance.pii import (
    EMAIL,
    ENTITY_TYPES,
    IP_ADDRESS,
    PHONE,
    Entity,
    PatternRecognizer,
    Recognizer,
    Registry,
    default_registry,
    scan,
    scan_batch,
)
from seabridge.governance.pii.boundaries import has_context
from seabridge.governance.pii.registry import resolve_overlaps


def test_entity_is_a_frozen_record() -> None:
    entity = Entity(PHONE, 3, 13, 0.9)
    assert entity.to_dict() == {"type": "PHONE", "start": 3, "end": 13, "score": 0.9}
    with pytest.raises(AttributeError):
        entity.start = 4  # type: ignore[misc]


def test_default_registry_serves_every_type() -> None:
    registry = default_registry()
    assert registry is default_registry()
    assert set(registry.entity_types) == set(ENTITY_TYPES)  # every type of the scan contract is served
    assert all(isinstance(r, Recognizer) for r in registry.recognizers)


def test_overlaps_go_to_the_higher_score_then_the_longer_span() -> None:
    low_long, high_short = Entity(PHONE, 0, 20, 0.8), Entity(EMAIL, 5, 10, 1.0)
    assert resolve_overlaps([low_long, high_short]) == [high_short]
    short, long_ = Entity(PHONE, 0, 10, 0.9), Entity(IP_ADDRESS, 0, 15, 0.9)
    assert resolve_overlaps([short, long_]) == [long_]
    apart = [Entity(PHONE, 10, 12, 0.9), Entity(EMAIL, 0, 5, 0.9), Entity(PHONE, 5, 10, 0.6)]
    assert resolve_overlaps(apart) == sorted(apart, key=lambda e: e.start)  # touching is not overlapping


def test_email_wins_over_the_phone_number_in_its_local_part() -> None:
    text = "ส่งมาที่0812345678@example.co.thนะ"
    assert [(e.type, text[e.start : e.end]) for e in scan(text, "tha_Thai")] == [
        (EMAIL, "0812345678@example.co.th")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๐๘๑-๒๓๔-๕๖๗๘somchai.k@example.co.th", ["๐๘๑-๒๓๔-๕๖๗๘", "somchai.k@example.co.th"]),
        ("somchai.k@example.co.th0812345678", ["somchai.k@example.co.th", "0812345678"]),
        ("a@example.co.th192.168.1.20", ["a@example.co.th", "192.168.1.20"]),
    ],
)
def test_found_data_is_a_boundary_for_its_neighbours(text: str, expected: list[str]) -> None:
    # The phone matcher and the IP pattern refuse what touches a Latin letter; a letter of an address is
    # not such a neighbour.
    assert [text[e.start : e.end] for e in scan(text, "tha_Thai")] == expected


def test_a_number_whose_extension_ran_into_an_address_is_kept_whole() -> None:
    # libphonenumber reads ", x 2001" as an extension; the IPv6 address wins the overlap, then the number
    # is found again without it.
    text = "ที่ 081-234-5678, x 2001:db8::1"
    assert [text[e.start : e.end] for e in scan(text, "tha_Thai")] == ["081-234-5678", "2001:db8::1"]


def test_context_is_measured_with_found_data_shortened_to_placeholders() -> None:
    text = "tel: firstname.lastname.department@example.com 9123 4567"
    assert text.index("9123") > 40  # "tel" is out of reach in the raw text
    assert [text[e.start : e.end] for e in scan(text, "eng_Latn")] == [
        "firstname.lastname.department@example.com",
        "9123 4567",
    ]


def test_context_words_work_in_unspaced_text_but_not_inside_latin_words() -> None:
    assert has_context("โทร0812345678", 3, ("โทร",))
    assert has_context("Tel: 9123 4567", 5, ("tel",))
    assert not has_context("hotel 9123 4567", 6, ("tel",))
    assert not has_context("tell me 9123 4567", 8, ("tel",))  # whole words only
    assert not has_context("wawasan 9123 4567", 8, ("wa",))
    assert has_context("WA: 9123 4567", 4, ("wa",))
    assert not has_context("<PHONE> 9123 4567", 8, ("phone",))  # a placeholder is not context
    assert not has_context("x" * 50 + "tel" + " " * 40 + "9", 94, ("tel",))  # beyond the window


def test_min_score_filters() -> None:
    text = "loopback 127.0.0.1"
    assert scan(text) and not scan(text, min_score=0.7)


def test_a_new_recognizer_joins_without_touching_the_registry() -> None:
    # How a national ID arrives later: a pattern, a validator, context words, the labels it serves.
    digits = PatternRecognizer(
        entity_type="TEST_ID",
        pattern=regex.compile(r"(?<![0-9])(?P<pii>[0-9]{5})(?![0-9])"),
        validator=lambda s: sum(map(int, s)) % 10 == 0,
        score=0.4,
        context=("id",),
        labels=frozenset({"tha_Thai"}),
    )
    registry = Registry([*default_registry().recognizers, digits])
    assert registry.scan("เลข 12340", "tha_Thai") == []  # 0.4 is under the threshold
    (found,) = registry.scan("id 12340", "tha_Thai")
    assert (found.type, found.score) == ("TEST_ID", 0.7)
    assert registry.scan("id 12340", "vie_Latn") == []  # not a label it serves
    assert registry.scan("id 12341", "tha_Thai") == []  # fails its validator


def test_scan_batch_matches_scan() -> None:
    texts = ["โทร0812345678", "mail a@example.com", "nothing here", ""]
    labels = ["tha_Thai", None, "vie_Latn", "und"]
    assert scan_batch(texts, labels) == [scan(t, label) for t, label in zip(texts, labels, strict=True)]
    assert scan_batch(texts) == [scan(t) for t in texts]
    with pytest.raises(ValueError, match="4 texts but 1 labels"):
        scan_batch(texts, ["tha_Thai"])


def test_unknown_and_non_core_labels_are_scanned_conservatively() -> None:
    text = "+66 81 234 5678 / 0812345678 / a@example.com"
    for label in (None, "und", "hin_Deva"):
        assert [text[e.start : e.end] for e in scan(text, label)] == ["+66 81 234 5678", "a@example.com"]


class _Deferred:
    """A deferred recogniser that reports every digit run and remembers the spans it was told to skip."""

    entity_type = "DIGITS"
    context: tuple[str, ...] = ()
    labels = None
    max_score = 0.9
    deferred = True

    def __init__(self) -> None:
        self.told: list[list[tuple[int, int]]] = []

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        return self.analyze_unclaimed(text, label, [])

    def analyze_unclaimed(self, text: str, label: str | None, claimed: list[tuple[int, int]]) -> list[Entity]:
        self.told.append(list(claimed))
        runs = [m.span() for m in regex.finditer(r"\d+", text)]
        kept = [(a, b) for a, b in runs if not any(x <= a and b <= y for x, y in claimed)]
        return [Entity("DIGITS", a, b, 0.8) for a, b in kept]


def test_a_deferred_recogniser_runs_last_and_skips_what_it_could_never_win() -> None:
    deferred = _Deferred()
    sure = PatternRecognizer("CODE", regex.compile(r"ID\d{4}"), lambda _: True, 0.99)
    unsure = PatternRecognizer("WEAK", regex.compile(r"W\d{2}"), lambda _: True, 0.85)
    registry = Registry([deferred, sure, unsure])  # registered first, still run last
    assert registry.for_label(None)[-1] is deferred
    text = "ID1234 and W56 and 789"
    found = [(e.type, text[e.start : e.end]) for e in registry.scan(text)]
    assert deferred.told[0] == [(0, 6)]  # the 0.99 code, not the 0.85 one it could still beat
    assert found == [("CODE", "ID1234"), ("WEAK", "W56"), ("DIGITS", "789")]
