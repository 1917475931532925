"""Real sentences (SIB-200 / FLORES-200, CC BY-SA 4.0, see examples/sample/NOTICE.md) in every core
language with sample text, personal data inserted with and without spaces around it.

The sentences are untouched except for the insertion, so everything outside the inserted span must come
back byte-identical after redaction, and the offsets must point at the inserted text in code points.
"""

from __future__ import annotations

import pytest

from conftest import sample_lines
from seabridge.governance.pii import EMAIL, IP_ADDRESS, PHONE, redact, scan
from seabridge.lang.labels import CORE_LABELS
from seabridge.lang.profiles import get_profile
from seabridge.lang.segmentation import segment_spans

SAMPLE_LABELS = [label for label in CORE_LABELS if label != "tet_Latn"]  # no licensed Tetum sample yet

# A number valid in each language's home region (libphonenumber example numbers, national format).
LOCAL_PHONE = {
    "tha_Thai": "081 234 5678",
    "lao_Laoo": "020 23 123 456",
    "khm_Khmr": "091 234 567",
    "mya_Mymr": "09 212 3456",
    "shn_Mymr": "09 212 3456",
    "vie_Latn": "0912 345 678",
    "ind_Latn": "0812-345-678",
    "jav_Latn": "0812-345-678",
    "sun_Latn": "0812-345-678",
    "zsm_Latn": "012-345 6789",
    "tgl_Latn": "0905 123 4567",
    "ceb_Latn": "0905 123 4567",
    "zho_Hans": "131 2345 6789",
    "zho_Hant": "0912 345 678",
    "eng_Latn": "+65 8123 4567",
}
OTHER_PII = [(EMAIL, "somchai.k@example.co.th"), (IP_ADDRESS, "203.0.113.42"), (PHONE, "+66 81 234 5678")]


def insertion_point(line: str, label: str) -> int:
    """A word boundary near the middle of ``line``, by the language's own segmenter (Thai and Chinese lines
    have no spaces), away from digits so the inserted number does not join one of the sentence's."""
    bounds = [end for _, end in segment_spans(line, label)]
    usable = [
        i
        for i in bounds[:-1]
        if not line[i - 1].isdigit()
        and not line[i:].lstrip()[:1].isdigit()
        and "\u103a" not in line[i : i + 3]  # the fast Shan segmenter can cut before a killed final
    ]
    return min(usable, key=lambda i: abs(i - len(line) // 2))


def split_for_insertion(line: str, label: str, spaced: bool) -> tuple[str, str]:
    """The line cut at a word boundary, with a space on each side of the cut if ``spaced``."""
    at = insertion_point(line, label)
    before, after = line[:at], line[at:]
    return (before + " ", " " + after) if spaced else (before, after)


def cases() -> list:
    out = []
    for label in SAMPLE_LABELS:
        line = sample_lines(label)[1]
        for kind, pii in [(PHONE, LOCAL_PHONE[label]), *OTHER_PII]:
            for spaced in (True, False) if get_profile(label).unspaced else (True,):
                name = f"{label}-{pii}-{'spaced' if spaced else 'glued'}"
                out.append(pytest.param(label, line, kind, pii, spaced, id=name))
    return out


@pytest.mark.parametrize(("label", "line", "kind", "pii", "spaced"), cases())
def test_inserted_pii_is_found_exactly_and_redacted_cleanly(
    label: str, line: str, kind: str, pii: str, spaced: bool
) -> None:
    before, after = split_for_insertion(line, label, spaced)
    text = before + pii + after
    entities = scan(text, label)
    assert [(e.type, text[e.start : e.end]) for e in entities] == [(kind, pii)]
    (entity,) = entities
    assert entity.start == len(before)  # code points, not bytes or UTF-16 units
    assert 0.9 <= entity.score <= 1.0
    redacted = redact(text, entities)
    assert redacted.encode() == (before + f"<{kind}>" + after).encode()


@pytest.mark.parametrize("label", SAMPLE_LABELS)
def test_sample_sentences_alone_have_no_pii(label: str) -> None:
    for line in sample_lines(label):
        assert scan(line, label) == []
