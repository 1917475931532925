"""Properties that hold on any input: scan never raises and returns sorted, disjoint, in-bounds spans;
placeholder redaction leaves nothing for a second scan to find; a number is found whether its digits are
ASCII or native.
"""

from __future__ import annotations

import phonenumbers
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from seabridge.governance.pii import PHONE, redact, scan
from seabridge.lang.labels import CORE_LABELS
from seabridge.lang.profiles import get_profile

LABELS = st.sampled_from([*CORE_LABELS, None, "und"])
# Characters that make recognisers work: digits of several scripts, separators, address punctuation.
TRICKY = [*"0123456789๐๑๒๓๘໐໑០១၀၁၉႐႑+-.:@()/ abcfxyzဝါ", "\u200b", "\u0e31", "\u103a", "。", "，"]
TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=200)
FRAGMENTS = [
    "0812345678", "081-234-5678", "๐๘๑-๒๓๔-๕๖๗๘", "+66 81 234 5678", "13812345678", "၀၉၄၂၁၂၃၄၅၆၇",
    "9123 4567", "somchai.k@example.co.th", "a@b.cc", "info@ตัวอย่าง.ไทย", "192.168.1.20", "1.2.3.4",
    "2001:db8::1", "::ffff:10.0.0.1", "1101700230708", "2024", "15/01/2024", "1,250,000", "โทร", "ครับ",
    "ဖုန်း", "电话", "tel ", " ", ".", ":", "@", "-", "0", "7", "x", "\n",
]  # fmt: skip
SEPARATORS = st.sampled_from(["", "", " ", "  ", "\n", ", ", "/", "-"])
COMPOSED = st.lists(st.tuples(SEPARATORS, st.sampled_from(FRAGMENTS)), max_size=10).map(
    lambda parts: "".join(sep + fragment for sep, fragment in parts)
)


def check_spans(text: str, label: str | None) -> list:
    entities = scan(text, label)
    previous_end = 0
    for entity in entities:
        assert previous_end <= entity.start < entity.end <= len(text)
        assert 0.0 <= entity.score <= 1.0
        previous_end = entity.end
    return entities


@settings(max_examples=150, deadline=None)
@given(text=TEXT, label=LABELS)
def test_scan_never_raises_and_spans_are_sorted_disjoint_and_in_bounds(text: str, label: str | None) -> None:
    check_spans(text, label)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(COMPOSED, TEXT), label=LABELS)
def test_placeholder_redaction_leaves_nothing_to_find(text: str, label: str | None) -> None:
    entities = check_spans(text, label)
    assert scan(redact(text, entities), label) == []


NATIVE_LABELS = ["tha_Thai", "lao_Laoo", "khm_Khmr", "mya_Mymr", "shn_Mymr"]
REGION = {"tha_Thai": "TH", "lao_Laoo": "LA", "khm_Khmr": "KH", "mya_Mymr": "MM", "shn_Mymr": "MM"}


@settings(max_examples=60, deadline=None)
@given(
    label=st.sampled_from(NATIVE_LABELS),
    kind=st.sampled_from([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]),
    tail=st.integers(0, 9999),
    digit_set=st.integers(0, 1),
)
def test_ascii_and_native_digits_are_both_found(label: str, kind: int, tail: int, digit_set: int) -> None:
    example = phonenumbers.example_number_for_type(REGION[label], kind)
    national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
    number = national[:-4] + f"{tail:04d}" if national[-4:].isdigit() else national
    assume(phonenumbers.is_valid_number(phonenumbers.parse(number, REGION[label])))
    digits = get_profile(label).digits
    digits = digits[10 * digit_set : 10 * digit_set + 10] or digits[:10]  # Shan has two digit sets
    written = "".join(digits[int(c)] if c.isdigit() else c for c in number)
    for form in (number, written):
        text = f"ဖုန်း{form}။"
        entities = [e for e in scan(text, label) if e.type == PHONE]
        assert [text[e.start : e.end] for e in entities] == [form]
