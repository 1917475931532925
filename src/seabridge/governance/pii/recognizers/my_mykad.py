"""MY_MYKAD: the 12-digit Malaysian identity card number (NRIC, No. Kad Pengenalan), ``YYMMDD-PB-###G``.

The birth date (either century), a place-of-birth code from the National Registration Department's list
(a state, or a country for those born abroad) and four serial digits; there is no check digit.
``stdnum.my.nric`` validates the date and the place code.

Written with its dashes (``900101-14-5678``) the number is distinctive and scores 0.9 in any language.
Written as 12 plain digits (or with spaces) it looks like a Vietnamese CCCD, a bank account or an order
number, so it counts only in Malay text (``zsm_Latn``, 0.6) or after a context word (``MyKad``, ``IC``,
``No. KP``, ``身份证``…), which lifts it to 0.9.
"""

from __future__ import annotations

import regex
from stdnum.my import nric

from seabridge.governance.pii.boundaries import (
    NUMBER_END,
    NUMBER_START,
    ascii_digits,
    number_of_at_least,
)
from seabridge.governance.pii.entities import MY_MYKAD
from seabridge.governance.pii.registry import LanguageOrContext, PatternRecognizer

DASHED_PATTERN = regex.compile(rf"{NUMBER_START}(?P<pii>\d{{6}}-\d{{2}}-\d{{4}}){NUMBER_END}")
PLAIN_PATTERN = regex.compile(rf"{NUMBER_START}(?P<pii>\d{{6}}(?P<sep> ?)\d{{2}}(?P=sep)\d{{4}}){NUMBER_END}")
_SEPARATORS = regex.compile(r"[\- ]")
_SHAPE = regex.compile(r"[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{6}")

CONTEXT = (
    "mykad", "my kad", "mykid", "mypr", "ic", "i/c", "nric", "ic no", "no ic", "no. ic", "no kp", "no. kp",
    "kp", "kad pengenalan", "nombor kad pengenalan", "identity card", "id card", "id no",
    "அடையாள அட்டை", "身份证", "身份證", "大马卡", "大馬卡",
)  # fmt: skip
HOME_LABELS = frozenset({"zsm_Latn"})

DASHED_SCORE = 0.9
PLAIN_SCORE = 0.6


def is_valid_my_mykad(number: str) -> bool:
    """A MyKad number: 12 digits (any script; dashes and spaces ignored), a real YYMMDD birth date in
    either century, and a known place-of-birth code."""
    number = _SEPARATORS.sub("", ascii_digits(number))
    # Most 12-digit runs have no month and day where a MyKad has them; this costs far less than stdnum.
    return _SHAPE.fullmatch(number) is not None and nric.is_valid(number)


DASHED_RECOGNIZER = PatternRecognizer(
    entity_type=MY_MYKAD,
    pattern=DASHED_PATTERN,
    validator=is_valid_my_mykad,
    score=DASHED_SCORE,
    context=CONTEXT,
    prefilter=number_of_at_least(12),
)
PLAIN_RECOGNIZER = LanguageOrContext(
    PatternRecognizer(
        entity_type=MY_MYKAD,
        pattern=PLAIN_PATTERN,
        validator=is_valid_my_mykad,
        score=PLAIN_SCORE,
        context=CONTEXT,
        prefilter=number_of_at_least(12),
    ),
    home_labels=HOME_LABELS,
)
RECOGNIZERS = (DASHED_RECOGNIZER, PLAIN_RECOGNIZER)
