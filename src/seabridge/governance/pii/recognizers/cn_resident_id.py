"""CN_RESIDENT_ID: China's citizen identity number and the numbers built like it, all reported as one type.

- Citizen identity number (公民身份号码, GB 11643-1999): a 6-digit administrative division code (GB/T 2260),
  the birth date ``YYYYMMDD``, a 3-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
  ``stdnum.cn.ric`` checks the division only against the birth year (a county created after the holder's
  birth would fail), while a number takes the code of where its holder was registered when it was issued.
  So here a code of python-stdnum's GB/T 2260 list counts unless it was retired before the holder's birth.
  (A code the tables retire just before the first cards of 1984 is still accepted: the years in those
  tables are approximate, numbers follow the edition in use where the register was numbered, and the
  check character and the date already make a chance match rare; a missed ID costs more than one more
  redaction.) Birth years from 1900 to today.
- Residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018): the same layout with
  the codes 810000, 820000 and 830000 (830000 is not in GB/T 2260).
- Foreign Permanent Resident ID Card, 2023 version (外国人永久居留身份证, National Immigration Administration,
  "新版外国人永久居留身份证机读信息规则"): 18 characters, ``9``, the 2-digit province code of the issuing
  office, the 3-digit ISO 3166-1 numeric nationality code (the former three letters turned into digits),
  ``YYYYMMDD``, a 3-digit sequence and the MOD 11-2 check character of citizen numbers.
- The same card's 2017 version: 15 characters, the ISO 3166-1 alpha-3 nationality, a 4-digit code of the
  issuing office (province and city), ``YYMMDD``, a sequence digit and a check digit. The layout is the one
  implemented by the xiahaimoyu/credentialkit validator; no official description of its check digit was
  found (that library uses the ICAO 9303 7-3-1 scheme), so the check digit is not checked and a match
  scores 0.85 (reported; 1.0 after a context word) on its structure: a real country, a real province,
  a real date, and the mix of three capitals and twelve digits.

The checksummed 18-character numbers score 0.99 in any language, above any phone number. First-generation
cards (15 digits, ``RRRRRRYYMMDDSSS``, no check digit, invalid since 2013 but still in old records) are
reported only right after a context word (``身份证``…): without one, fifteen digits are too often something
else. Country lists come from ICU, which seabridge already uses for segmentation.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import icu
import regex
from stdnum import numdb
from stdnum.iso7064 import mod_11_2

from seabridge.governance.pii.boundaries import (
    NUMBER_END,
    NUMBER_START,
    TOKEN_START,
    ascii_digits,
    number_of_at_least,
)
from seabridge.governance.pii.entities import CN_RESIDENT_ID
from seabridge.governance.pii.registry import LanguageOrContext, PatternRecognizer

# 18 characters, plain or grouped 6-8-4 with one kind of separator throughout.
PATTERN = regex.compile(
    rf"{NUMBER_START}(?P<pii>\d{{6}}(?P<sep>[ \-]?)\d{{8}}(?P=sep)\d{{3}}[\dXxＸｘ]){NUMBER_END}"
)
FOREIGN_2017_PATTERN = regex.compile(rf"{TOKEN_START}(?P<pii>[A-Z]{{3}}\d{{12}}){NUMBER_END}")
FIRST_GENERATION_PATTERN = regex.compile(rf"{NUMBER_START}(?P<pii>\d{{15}}){NUMBER_END}")
_SEPARATORS = regex.compile(r"[ \-]")
_EIGHTEEN = regex.compile(r"[0-9]{17}[0-9X]")
_RETIRED = regex.compile(r"\[(\d*)-(\d*)\]")

RESIDENCE_PERMIT_CODES = frozenset({"810000", "820000", "830000"})

CONTEXT = (
    "身份证", "身份證", "身份证号", "身份证号码", "公民身份号码", "居民身份证", "证件号", "證件號",
    "证件号码", "身份号码", "身份號碼", "永居证", "永居證", "永久居留", "居住证", "居住證",
    "resident identity card", "id card", "id no", "id number", "identity card", "chinese id", "prc id",
    "permanent resident",
)  # fmt: skip

SCORE = 0.99
FOREIGN_2017_SCORE = 0.85
FIRST_GENERATION_SCORE = 0.6


def is_valid_cn_resident_id(number: str) -> bool:
    """An 18-character citizen identity number, Hong Kong/Macao/Taiwan residence permit number or 2023
    Foreign Permanent Resident ID number: digits of any script, a final X in either case, spaces or dashes
    between the 6-8-4 groups ignored; the MOD 11-2 check character, a birth date from 1900 to today, and a
    known division code (or, for ``9…``, a province and a nationality)."""
    number = _SEPARATORS.sub("", ascii_digits(number)).upper().replace("Ｘ", "X")
    if _EIGHTEEN.fullmatch(number) is None or not mod_11_2.is_valid(number):
        return False
    birth = _birth_date(number[6:14])
    if birth is None:
        return False
    if number[0] == "9":
        return _is_province(number[1:3]) and int(number[3:6]) in _numeric_countries()
    return number[:6] in RESIDENCE_PERMIT_CODES or _division_in_use(number[:6], birth.year)


def is_valid_cn_foreign_resident_id_2017(number: str) -> bool:
    """A 2017 Foreign Permanent Resident ID number: an ISO alpha-3 nationality in capitals, then 12 digits
    (any script): the issuing office (its province is checked), the birth date ``YYMMDD`` (1900 to today),
    a sequence digit and a check digit (not checked, see the module docstring)."""
    number = ascii_digits(number)
    if len(number) != 15 or not number[3:].isascii() or not number[3:].isdigit():
        return False
    if number[:3] not in _alpha3_countries() or not _is_province(number[3:5]):
        return False
    yymmdd = number[7:13]
    return _birth_date("19" + yymmdd) is not None or _birth_date("20" + yymmdd) is not None


def is_valid_cn_first_generation_id(number: str) -> bool:
    """A first-generation 15-digit number: a division code in use at the birth, a birth date ``YYMMDD`` of
    the 1900s, a 3-digit sequence (no check character: reported only after a context word)."""
    number = ascii_digits(number)
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return False
    birth = _birth_date("19" + number[6:12])
    return birth is not None and _division_in_use(number[:6], birth.year)


def _birth_date(yyyymmdd: str) -> date | None:
    try:
        birth = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    return birth if date(1900, 1, 1) <= birth <= date.today() else None


def _division_in_use(code: str, birth_year: int) -> bool:
    """Whether a GB/T 2260 code could be on a card of someone born in ``birth_year``: it is in python-stdnum's
    list (from the Chinese Wikipedia's tables of codes) with a name not retired before that year. Names
    carry their years as ``[1986-]房山区`` or ``[-2010]崇文区``."""
    parts = numdb.get("cn/loc").info(code)
    county = parts[-1][1].get("county") if len(parts) == 2 else None
    if county is None:
        return False
    for name in county.split(","):
        years = _RETIRED.match(name)
        if years is None or not years.group(2) or int(years.group(2)) >= birth_year:
            return True
    return False


def _is_province(code: str) -> bool:
    return "province" in numdb.get("cn/loc").info(code)[0][1]


@cache
def _alpha3_countries() -> frozenset[str]:
    return frozenset(icu.Locale("", code).getISO3Country() for code in icu.Locale.getISOCountries())


@cache
def _numeric_countries() -> frozenset[int]:
    regions = (icu.Region.getInstance(code) for code in icu.Region.getAvailable(icu.URegionType.TERRITORY))
    return frozenset(code for region in regions if 0 < (code := region.getNumericCode()) < 1000)


RECOGNIZER = PatternRecognizer(
    entity_type=CN_RESIDENT_ID,
    pattern=PATTERN,
    validator=is_valid_cn_resident_id,
    score=SCORE,
    context=CONTEXT,
    prefilter=number_of_at_least(17),
)
FOREIGN_2017_RECOGNIZER = PatternRecognizer(
    entity_type=CN_RESIDENT_ID,
    pattern=FOREIGN_2017_PATTERN,
    validator=is_valid_cn_foreign_resident_id_2017,
    score=FOREIGN_2017_SCORE,
    context=CONTEXT,
    prefilter=number_of_at_least(12),
)
FIRST_GENERATION_RECOGNIZER = LanguageOrContext(
    PatternRecognizer(
        entity_type=CN_RESIDENT_ID,
        pattern=FIRST_GENERATION_PATTERN,
        validator=is_valid_cn_first_generation_id,
        score=FIRST_GENERATION_SCORE,
        context=CONTEXT,
        prefilter=number_of_at_least(15),
    )
)
RECOGNIZERS = (RECOGNIZER, FOREIGN_2017_RECOGNIZER, FIRST_GENERATION_RECOGNIZER)
