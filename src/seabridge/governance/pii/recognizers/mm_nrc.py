"""MM_NRC: Myanmar National Registration Card numbers, ``12/OUKAMA(N)123456`` or ``၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆``.

The parts: a state or region number, 1 to 14; a township code, in Latin transliteration (3 to 9 letters,
``OUKAMA``, ``OuKaMa``) or as three Burmese letters (``ဥကမ``); the citizenship type in brackets, ``N``
(Naing, citizen), ``E`` (Eh, associate), ``P`` (Pyu, naturalised), ``T`` or ``TH`` (Thathana, religious),
``Y`` (Yaya, temporary), ``S`` (Sa), or in Burmese နိုင်, ဧည့်, ပြု, သာ/သာသနာ, သီ, ယာ/ယာယီ, စ; six digits,
ASCII or Burmese. Spaces may stand around the ``/`` and the brackets, and the brackets may be full-width.
The township code is checked against the list of its state (``data/mm_nrc_townships.tsv``, see
``data/NOTICE.md``), which is what stops ``12/ABCDEF(N)123456``; there is no check digit. Burmese text has
no spaces, so the number may touch Burmese letters on both sides; it may not touch more digits or Latin
letters, and its last digit may not carry a combining mark (a ၀ typed for the letter ဝ).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import regex

from seabridge.governance.pii.boundaries import ascii_digits
from seabridge.governance.pii.entities import MM_NRC
from seabridge.governance.pii.registry import PatternRecognizer

DATA_FILE = "mm_nrc_townships.tsv"
STATES = range(1, 15)
LATIN_TYPES = frozenset({"N", "NAING", "E", "P", "T", "TH", "Y", "S"})
BURMESE_TYPES = frozenset({"နိုင်", "ဧည့်", "ပြု", "သာ", "သာသနာ", "သီ", "ယာ", "ယာယီ", "စ"})

_SPACE = r"[ \u00a0]?"
# ဧည့် is stored with the dot below before the asat (Unicode order) but often typed the other way round.
_EH_TYPED = "\u1027\u100a\u103a\u1037"
_BURMESE_TYPE = "|".join([*sorted(BURMESE_TYPES, key=len, reverse=True), _EH_TYPED])
# One or two digits (the range is checked in ``is_valid_nrc``): an alternation here would be tried at every
# position of the text, a digit class lets the ``regex`` module skip ahead to digits.
_STATE = r"(?P<state>[1-9၁-၉][0-4၀-၄]?)"
# Burmese township codes: consonants, ဥ, ဧ, and ၀ typed for ဝ.
_LATIN_CODE = regex.compile(r"[A-Za-z]{3,9}")
_BURMESE_CODE = regex.compile(r"[\u1000-\u1021\u1025\u1027\u1040]{3}")
_TOWNSHIP = rf"(?P<township>{_LATIN_CODE.pattern}|{_BURMESE_CODE.pattern})"
_TYPE = rf"(?P<type>(?i:naing|th|[neptys])|{_BURMESE_TYPE})"
_NUMBER = r"(?P<number>[0-9]{6}|[၀-၉]{6})"
PATTERN = regex.compile(
    rf"(?<![\p{{Nd}}\p{{Latin}}_/])(?P<pii>{_STATE}{_SPACE}[/／]{_SPACE}{_TOWNSHIP}{_SPACE}[(（]{_SPACE}{_TYPE}"
    rf"{_SPACE}[)）]{_SPACE}{_NUMBER})(?![\p{{Nd}}\p{{Latin}}_\p{{M}}])"
)

SCORE = 0.95
CONTEXT = ("nrc", "မှတ်ပုံတင်", "နိုင်ငံသားစိစစ်ရေးကတ်", "national registration", "registration card")


def _letters(code: str) -> str:
    """A Burmese township code with the digit ၀ read as the letter ဝ, as people type it."""
    return code.replace("၀", "ဝ")


@cache
def townships() -> dict[int, frozenset[str]]:
    """State number -> its township codes, Latin (upper case) and Burmese, from the shipped list."""
    path = resources.files("seabridge.governance.pii") / "data" / DATA_FILE
    return parse_townships(path.read_text(encoding="utf-8"), DATA_FILE)


def parse_townships(text: str, source: str) -> dict[int, frozenset[str]]:
    """Township codes by state from lines ``state<TAB>code<TAB>code_mm<TAB>name`` (``#`` starts a comment);
    a malformed line raises ``ValueError`` naming ``source`` and the line number."""
    codes: dict[int, set[str]] = {state: set() for state in STATES}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0].isdigit() or int(fields[0]) not in codes:
            expected = "state (1-14)<TAB>code<TAB>code_mm<TAB>name"
            raise ValueError(f"{source}:{number}: expected {expected!r}, got {line!r}")
        latin, burmese = fields[1].upper(), _letters(fields[2])
        if _LATIN_CODE.fullmatch(latin) is None or _BURMESE_CODE.fullmatch(burmese) is None:
            raise ValueError(f"{source}:{number}: township codes {fields[1]!r}/{fields[2]!r} are malformed")
        codes[int(fields[0])].update({latin, burmese})
    return {state: frozenset(found) for state, found in codes.items()}


def is_valid_nrc(nrc: str) -> bool:
    """A whole NRC number of a real state, a township code of that state and a known citizenship type."""
    match = PATTERN.fullmatch(nrc)
    if match is None:
        return False
    state = int(ascii_digits(match["state"]))
    township = match["township"]
    code = township.upper() if township.isascii() else _letters(township)
    kind = match["type"]
    kind_ok = (
        kind.upper() in LATIN_TYPES if kind.isascii() else unicodedata.normalize("NFC", kind) in BURMESE_TYPES
    )
    return state in STATES and code in townships()[state] and kind_ok


def _has_bracket(text: str) -> bool:
    return ("(" in text or "（" in text) and ("/" in text or "／" in text)


RECOGNIZER = PatternRecognizer(
    entity_type=MM_NRC,
    pattern=PATTERN,
    validator=is_valid_nrc,
    score=SCORE,
    context=CONTEXT,
    prefilter=_has_bracket,
)
