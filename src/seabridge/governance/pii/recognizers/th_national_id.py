"""TH_NATIONAL_ID: the 13-digit Thai personal identification number (เลขประจำตัวประชาชน).

The first digit (1-8) is the registration category, the last a mod-11 check digit; ``stdnum.th.pin``
validates both. People write it plain (``1101700230708``) or grouped 1-4-5-2-1 with dashes or spaces
(``1-1017-00230-70-8``), in ASCII or Thai digits (``๑๑๐๑๗๐๐๒๓๐๗๐๘``), often with no space after a Thai
word (``เลขบัตรประชาชน1101700230708ครับ``). A checksummed number scores 0.99 in any language, above
every phone number (at most 0.95), so a Thai ID is never also reported as a phone.

The check digit is weak: the third digit has weight 11, so it does not count at all, and two remainders
share each check digit. A digit run also needs a registration category, so wrong numbers are still few.
"""

from __future__ import annotations

import regex
from stdnum.th import pin

from seabridge.governance.pii.boundaries import NUMBER_END, NUMBER_START, ascii_digits, number_of_at_least
from seabridge.governance.pii.entities import TH_NATIONAL_ID
from seabridge.governance.pii.registry import PatternRecognizer

# 13 digits, plain or grouped 1-4-5-2-1 with one kind of separator throughout.
PATTERN = regex.compile(
    rf"{NUMBER_START}(?P<pii>\d(?P<sep>[\- ]?)\d{{4}}(?P=sep)\d{{5}}(?P=sep)\d{{2}}(?P=sep)\d){NUMBER_END}"
)

CONTEXT = (
    "เลขประจำตัวประชาชน", "บัตรประชาชน", "บัตรประจำตัวประชาชน", "เลขบัตร", "เลขที่บัตร", "ประจำตัวผู้เสียภาษี",
    "thai id", "national id", "id card", "citizen id", "id no", "身份证", "身份證",
)  # fmt: skip

SCORE = 0.99


def is_valid_th_national_id(number: str) -> bool:
    """A Thai personal identification number: 13 digits (any script; dashes and spaces ignored), first
    digit 1-8, mod-11 check digit."""
    return pin.is_valid(ascii_digits(number))


RECOGNIZER = PatternRecognizer(
    entity_type=TH_NATIONAL_ID,
    pattern=PATTERN,
    validator=is_valid_th_national_id,
    score=SCORE,
    context=CONTEXT,
    prefilter=number_of_at_least(13),
)
RECOGNIZERS = (RECOGNIZER,)
