"""ID_NIK: the 16-digit Indonesian population identity number (Nomor Induk Kependudukan, on the KTP).

``PPRRDD DDMMYY SSSS``: province, regency or city, and district codes; the birth date with 40 added to the
day for women; a serial from 0001. There is no check digit. ``stdnum.id.nik`` reads the birth date but
takes the day modulo 40 (so a day of 81 passes as the 1st) and checks the province against a list that
lacks North Kalimantan (65, from 2012) and the 2022 Papua provinces, so the province list and the day, area
and serial rules are ours. Province codes (Kemendagri): 11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82 and
91-96; the 2022 split renumbered Papua (91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah,
95 Papua Pegunungan, 96 Papua Barat Daya) while older numbers keep 91 (then Papua Barat) and 94 (then
Papua), so all six count. Regency codes run 01-79 (cities from 71); python-stdnum's regency list is
stale (it lacks Pangandaran, 3218, from 2012), so a regency is only checked to lie in that range.

Scores follow the team's policy for the overlap with payment cards (a 16-digit Luhn run with a card
prefix is a CREDIT_CARD at about 0.85 bare, 0.95 grouped or with card context): a valid NIK in Indonesian,
Javanese or Sundanese text scores 0.9, so it beats a bare card run, and 1.0 after ``NIK``/``KTP``;
elsewhere it needs such a context word (which makes it 1.0 too).
"""

from __future__ import annotations

import regex
from stdnum.exceptions import ValidationError
from stdnum.id import nik

from seabridge.governance.pii.boundaries import (
    NUMBER_END,
    NUMBER_START,
    ascii_digits,
    number_of_at_least,
)
from seabridge.governance.pii.entities import ID_NIK
from seabridge.governance.pii.registry import LanguageOrContext, PatternRecognizer

PATTERN = regex.compile(rf"{NUMBER_START}(?P<pii>\d{{16}}){NUMBER_END}")
_DIGITS = regex.compile(r"[0-9]{16}")

PROVINCES = frozenset(
    {
        *range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66), *range(71, 77), 81, 82,
        *range(91, 97),
    }
)  # fmt: skip

CONTEXT = (
    "nik", "ktp", "e-ktp", "ektp", "no. ktp", "no ktp", "nomor ktp", "nomor induk kependudukan",
    "kartu tanda penduduk", "nomer ktp", "identity card", "id card", "id no", "身份证", "身份證",
)  # fmt: skip
HOME_LABELS = frozenset({"ind_Latn", "jav_Latn", "sun_Latn"})

SCORE = 0.9


def is_valid_id_nik(number: str) -> bool:
    """A NIK: 16 digits (any script), a known province, regency 01-79, a district, a real birth date (day
    01-31, or 41-71 for women), and a serial from 0001."""
    number = ascii_digits(number)
    if _DIGITS.fullmatch(number) is None:
        return False
    province, regency, district = int(number[:2]), int(number[2:4]), int(number[4:6])
    day = int(number[6:8])
    if province not in PROVINCES or not 1 <= regency <= 79 or district == 0 or number[12:] == "0000":
        return False
    if not (1 <= day <= 31 or 41 <= day <= 71):
        return False
    try:
        nik.get_birth_date(number)  # month and day of month, in 19YY or 20YY
    except ValidationError:
        return False
    return True


RECOGNIZER = LanguageOrContext(
    PatternRecognizer(
        entity_type=ID_NIK,
        pattern=PATTERN,
        validator=is_valid_id_nik,
        score=SCORE,
        context=CONTEXT,
        prefilter=number_of_at_least(16),
    ),
    home_labels=HOME_LABELS,
)
RECOGNIZERS = (RECOGNIZER,)
