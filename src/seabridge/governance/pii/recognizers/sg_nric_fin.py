"""SG_NRIC_FIN: Singapore's NRIC (citizens, permanent residents) and FIN (foreigners) numbers.

A prefix letter, seven digits and a check letter: ``S``/``T`` for NRICs (born before / from 2000), ``F``/``G``
for FINs issued before / from 2000, ``M`` for FINs issued from 2022. The check letter is computed from the
digits with the weights 2, 7, 6, 5, 4, 3, 2 (published with the NRIC scheme; FormSG, the Singapore
government's form service, validates the same way in ``shared/utils/nric-validation.ts``): add 4 for
``T``/``G``, take the sum modulo 11 and read the letter from ``JZIHGFEDCBA`` (S/T) or ``XWUTRQPNMLK`` (F/G).
The M series, from FormSG's ``isMFinSeriesValid``: add 3 instead, take ``p = 11 - sum mod 11``, and read
letter ``p`` (from 1) of ``KLJNPQRTUWX`` (test vector ``M1234567K``). python-stdnum has no NRIC module, so
this is hand-written.

Written in capitals, a valid number scores 0.99 in any language. In lower or mixed case (``s1234567d``)
it could as well be a code or a file name, so it needs a context word (``NRIC``, ``FIN``, ``IC``…).
"""

from __future__ import annotations

import regex

from seabridge.governance.pii.boundaries import TOKEN_END, TOKEN_START, number_of_at_least
from seabridge.governance.pii.entities import SG_NRIC_FIN
from seabridge.governance.pii.registry import PatternRecognizer

PATTERN = regex.compile(rf"{TOKEN_START}(?P<pii>[STFGMstfgm][0-9]{{7}}[A-Za-z]){TOKEN_END}")
_FORMAT = regex.compile(r"[STFGM][0-9]{7}[A-Z]")

CONTEXT = (
    "nric", "fin", "ic", "i/c", "uin", "nric no", "ic no", "identity card", "id card", "id no", "singpass",
    "kad pengenalan", "அடையாள அட்டை", "身份证", "身份證", "登记号码",
)  # fmt: skip

SCORE = 0.99
LOWER_CASE_SCORE = 0.4

_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
# Prefix -> (constant added to the weighted sum, check letters by remainder).
_TABLES = {
    "S": (0, "JZIHGFEDCBA"),
    "T": (4, "JZIHGFEDCBA"),
    "F": (0, "XWUTRQPNMLK"),
    "G": (4, "XWUTRQPNMLK"),
}
_M_LETTERS = "KLJNPQRTUWX"


def check_letter(prefix: str, digits: str) -> str:
    """The check letter for a prefix (``S``, ``T``, ``F``, ``G``, ``M``) and seven ASCII digits."""
    total = sum(weight * int(digit) for weight, digit in zip(_WEIGHTS, digits, strict=True))
    if prefix == "M":
        return _M_LETTERS[11 - (total + 3) % 11 - 1]
    constant, letters = _TABLES[prefix]
    return letters[(total + constant) % 11]


def is_valid_sg_nric_fin(number: str) -> bool:
    """A Singapore NRIC or FIN (any case): prefix S/T/F/G/M, seven digits, the right check letter."""
    number = number.upper()
    if _FORMAT.fullmatch(number) is None:
        return False
    return number[-1] == check_letter(number[0], number[1:-1])


def _adjust(text: str, start: int, end: int, score: float) -> float:
    return score if text[start:end].isupper() else LOWER_CASE_SCORE


RECOGNIZER = PatternRecognizer(
    entity_type=SG_NRIC_FIN,
    pattern=PATTERN,
    validator=is_valid_sg_nric_fin,
    score=SCORE,
    context=CONTEXT,
    prefilter=number_of_at_least(7),
    adjust=_adjust,
)
RECOGNIZERS = (RECOGNIZER,)
