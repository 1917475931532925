"""VN_CCCD: Vietnam's 12-digit personal identification number (số định danh cá nhân, on the CCCD).

``PPP G YY SSSSSS`` (Circular 07/2016/TT-BCA, art. 7 and annex 1): the code of the province where the
birth was registered, a digit for century and sex (0/1 men/women born 1900-1999, 2/3 born 2000-2099, and so
on to 9), the last two digits of the birth year, and six random digits. There is no check digit and
python-stdnum has no module for it, so the rules are written here. The 63 province codes run from 001 to
096 with gaps. The number is for life, so people keep their code through the 2025 merger of provinces
(63 into 34); codes for births registered after the merger, if new ones are assigned, are not in this
list yet. Century digits 4-9 (births from 2100) and birth years after this year are refused. Citizens
whose birth was registered abroad carry a country code instead (another annex of the circular); those
are not recognised.

Twelve digits are also a bank account, an order number or a MyKad written without dashes, so the number
counts in Vietnamese text (0.92) or after a context word (``CCCD``, ``căn cước``, ``CMND``, ``身份证``…),
which lifts it to 1.0. 0.92 is above a phone number read after the exit code 00 (0.9): the codes of five
northern provinces start with 00, and ``006222000000`` (Bắc Kạn, a man born 2022) also reads as
``00 62 22 000000``, a Bandung number; twelve digits in one run are far more often the former in
Vietnamese text. A number written with "+" is never taken for a CCCD.

The old 9-digit identity card number (CMND) has no structure to check at all; it is reported only right
after a CMND context word (``CMND``, ``chứng minh nhân dân``), as VN_CCCD, at 0.9.
"""

from __future__ import annotations

from datetime import date

import regex

from seabridge.governance.pii.boundaries import (
    NUMBER_END,
    NUMBER_START,
    ascii_digits,
    number_of_at_least,
)
from seabridge.governance.pii.entities import VN_CCCD
from seabridge.governance.pii.registry import LanguageOrContext, PatternRecognizer

# 12 digits, plain or in groups of three with one kind of separator throughout.
PATTERN = regex.compile(
    rf"{NUMBER_START}(?P<pii>\d{{3}}(?P<sep>[ .]?)\d{{3}}(?P=sep)\d{{3}}(?P=sep)\d{{3}}){NUMBER_END}"
)
CMND_PATTERN = regex.compile(rf"{NUMBER_START}(?P<pii>\d{{9}}){NUMBER_END}")
_SEPARATORS = regex.compile(r"[ .]")

# Annex 1 of Circular 07/2016/TT-BCA: where the birth was registered.
PROVINCES = frozenset(
    {
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40,
        42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82,
        83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    }
)  # fmt: skip

CONTEXT = (
    "cccd", "cmnd", "căn cước", "căn cước công dân", "thẻ căn cước", "số định danh", "định danh cá nhân",
    "chứng minh nhân dân", "chứng minh thư", "cmt", "citizen id", "id card", "id no", "身份证", "身份證",
)  # fmt: skip
CMND_CONTEXT = ("cmnd", "số cmnd", "chứng minh nhân dân", "chứng minh thư", "cmt")
HOME_LABELS = frozenset({"vie_Latn"})

SCORE = 0.92
CMND_SCORE = 0.6


def is_valid_vn_cccd(number: str) -> bool:
    """A personal identification number: 12 digits (any script; spaces or dots between groups of three
    ignored), a province code of the 2016 list, a century digit 0-3 and a birth year not in the future."""
    number = _SEPARATORS.sub("", ascii_digits(number))
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return False
    century = int(number[3])
    if int(number[:3]) not in PROVINCES or century > 3:
        return False
    return 1900 + 100 * (century // 2) + int(number[4:6]) <= date.today().year


def is_valid_vn_cmnd(number: str) -> bool:
    """An old identity card number: nine digits (any script); nothing else can be checked."""
    number = ascii_digits(number)
    return len(number) == 9 and number.isascii() and number.isdigit()


RECOGNIZER = LanguageOrContext(
    PatternRecognizer(
        entity_type=VN_CCCD,
        pattern=PATTERN,
        validator=is_valid_vn_cccd,
        score=SCORE,
        context=CONTEXT,
        prefilter=number_of_at_least(12),
    ),
    home_labels=HOME_LABELS,
)
CMND_RECOGNIZER = LanguageOrContext(
    PatternRecognizer(
        entity_type=VN_CCCD,
        pattern=CMND_PATTERN,
        validator=is_valid_vn_cmnd,
        score=CMND_SCORE,
        context=CMND_CONTEXT,
        prefilter=number_of_at_least(9),
    )
)
RECOGNIZERS = (RECOGNIZER, CMND_RECOGNIZER)
