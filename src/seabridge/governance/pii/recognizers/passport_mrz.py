"""PASSPORT_MRZ: the machine-readable zones of ICAO Doc 9303 travel documents.

Three formats: TD3 (passports, two lines of 44 characters), TD2 (two lines of 36) and TD1 (identity cards,
three lines of 30), in the alphabet ``A-Z 0-9 <``. Check digits (weights 7, 3, 1; ``<`` = 0, ``A`` = 10 …
``Z`` = 35) guard the document number, the birth and expiry dates, the optional data (TD3) and the whole
(the composite). ``python-stdnum`` has no MRZ module and the check is five lines, so it is written here.

Reported: the whole zone, every line and the line breaks between them, when its lines stand together and
every check digit holds (0.99). Since ``seabridge govern scan`` reads one line at a time, single lines are
reported too: a TD3 or TD2 second line whose check digits all hold, composite included (0.99); a TD1
second line whose date check digits hold (its composite covers the first line too, 0.9); a TD1 first line
whose document number check holds (0.7); a TD3 or TD2 first line of the strict shape (document code,
issuing state, and a name with its ``<<``), which has no check digit but holds the name (0.6). A line whose
check digits fail is never reported, nor a zone with one altered character in a checked field, nor any
line of such a zone on its own (its name line would pass alone, but it belongs to a zone that is not an
MRZ).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import regex

from seabridge.governance.pii.entities import PASSPORT_MRZ, Entity

ZONE_SCORE = 0.99
CHECKED_LINE_SCORE = 0.99
DATES_LINE_SCORE = 0.9
DOCUMENT_LINE_SCORE = 0.7
NAME_LINE_SCORE = 0.6

# A run of 30, 36 or 44 MRZ characters that no other MRZ character touches.
LINE_PATTERN = regex.compile(r"(?<![A-Z0-9<])[A-Z0-9<]{30}(?:[A-Z0-9<]{6}(?:[A-Z0-9<]{8})?)?(?![A-Z0-9<])")
# What may stand between two lines of one zone: one line break, and spaces or tabs around it.
_BREAK = regex.compile(r"[ \t]*\r?\n[ \t]*")
_NAME_LINE = {
    44: regex.compile(r"P[A-Z<][A-Z<]{3}(?=[A-Z<]*<<)[A-Z][A-Z<]{38}"),
    36: regex.compile(r"[ACI][A-Z<][A-Z<]{3}(?=[A-Z<]*<<)[A-Z][A-Z<]{30}"),
}
_DATE = regex.compile(r"[0-9]{2}(?:0[1-9]|1[0-2]|<<)(?:0[1-9]|[12][0-9]|3[01]|<<)")
_NATION = regex.compile(r"[A-Z<]{3}")
_VALUES = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
_WEIGHTS = (7, 3, 1)


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit of ``field`` (characters ``0-9 A-Z <``)."""
    return str(sum(_VALUES[c] * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def _checks(field: str, digit: str, *, may_be_empty: bool = False) -> bool:
    if may_be_empty and digit == "<" and set(field) <= {"<"}:
        return True  # an empty optional field may have a filler for its check digit
    return check_digit(field) == digit


def _document_number(number: str, digit: str, optional: str) -> bool:
    """The document number's check; a number longer than nine characters goes on in the optional data
    (its ``<`` check digit says so), ending with its check digit (Doc 9303 part 5, 4.2.4)."""
    if digit != "<":
        return _checks(number, digit)
    rest = optional.split("<", 1)[0]
    return len(rest) >= 2 and _checks(number + rest[:-1], rest[-1])


def _person(birth: str, sex: str, expiry: str, nation: str) -> bool:
    """Birth and expiry dates with their check digits, sex, nationality."""
    shape = _DATE.fullmatch(birth[:6]) and _DATE.fullmatch(expiry[:6]) and _NATION.fullmatch(nation)
    checked = _checks(birth[:6], birth[6]) and _checks(expiry[:6], expiry[6])
    return bool(shape) and sex in "MFX<" and checked


def td3_line2_ok(line: str) -> bool:
    """A TD3 second line: document number, nationality, birth, sex, expiry, personal number, composite."""
    return (
        len(line) == 44
        and _checks(line[0:9], line[9])
        and _person(line[13:20], line[20], line[21:28], line[10:13])
        and _checks(line[28:42], line[42], may_be_empty=True)
        and _checks(line[0:10] + line[13:20] + line[21:43], line[43])
    )


def td2_line2_ok(line: str) -> bool:
    """A TD2 second line: like TD3's, with seven characters of optional data and no check digit of theirs."""
    return (
        len(line) == 36
        and _document_number(line[0:9], line[9], line[28:35])
        and _person(line[13:20], line[20], line[21:28], line[10:13])
        and _checks(line[0:10] + line[13:20] + line[21:35], line[35])
    )


def td1_line1_ok(line: str) -> bool:
    """A TD1 first line: document code, issuing state, document number and its check, optional data."""
    return (
        len(line) == 30
        and line[0] in "ACI"
        and bool(_NATION.fullmatch(line[2:5]))
        and _document_number(line[5:14], line[14], line[15:30])
    )


def td1_line2_ok(line: str) -> bool:
    """A TD1 second line on its own: birth, sex, expiry, nationality (the composite needs the first line)."""
    return len(line) == 30 and _person(line[0:7], line[7], line[8:15], line[15:18])


def td1_ok(line1: str, line2: str, line3: str) -> bool:
    """A whole TD1 zone: both checked lines, the composite over them, and a name line."""
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return (
        td1_line1_ok(line1)
        and td1_line2_ok(line2)
        and _checks(composite, line2[29])
        and len(line3) == 30
        and "<<" in line3
        and not any(c.isdigit() for c in line3)
    )


def is_valid_mrz(zone: str) -> bool:
    """A whole TD3, TD2 or TD1 zone (lines separated by line breaks) whose check digits all hold."""
    lines = _BREAK.split(zone.strip())
    sizes = [len(line) for line in lines]
    if sizes == [44, 44]:
        return bool(_NAME_LINE[44].fullmatch(lines[0])) and td3_line2_ok(lines[1])
    if sizes == [36, 36]:
        return bool(_NAME_LINE[36].fullmatch(lines[0])) and td2_line2_ok(lines[1])
    if sizes == [30, 30, 30]:
        return td1_ok(*lines)
    return False


def line_score(line: str) -> float | None:
    """The score of one MRZ line standing alone, or None if it is not one that is reported alone."""
    if len(line) == 44:
        return CHECKED_LINE_SCORE if td3_line2_ok(line) else _name_score(line)
    if len(line) == 36:
        return CHECKED_LINE_SCORE if td2_line2_ok(line) else _name_score(line)
    if td1_line2_ok(line):
        return DATES_LINE_SCORE
    return DOCUMENT_LINE_SCORE if td1_line1_ok(line) else None


def _name_score(line: str) -> float | None:
    return NAME_LINE_SCORE if _NAME_LINE[len(line)].fullmatch(line) else None


@dataclass(frozen=True, slots=True)
class MrzRecognizer:
    """Zones and single lines (see the module docstring); overlaps go to the zone, the longer span."""

    entity_type: str = PASSPORT_MRZ
    context: tuple[str, ...] = ()
    labels: frozenset[str] | None = None

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        if "<<" not in text:
            return []
        found = []
        for group in _groups(text, [match.span() for match in LINE_PATTERN.finditer(text)]):
            size = _ZONE_LINES[group[0][1] - group[0][0]]
            whole = len(group) - len(group) % size  # lines in complete zones; the rest stand alone
            for i in range(0, whole, size):
                start, end = group[i][0], group[i + size - 1][1]
                if is_valid_mrz(text[start:end]):
                    found.append(Entity(PASSPORT_MRZ, start, end, ZONE_SCORE))
                # a zone that fails its checks is not an MRZ: none of its lines is reported on its own
            for start, end in group[whole:]:
                score = line_score(text[start:end])
                if score is not None:
                    found.append(Entity(PASSPORT_MRZ, start, end, score))
        return found


# How many lines make a zone, by line length: TD1 3 x 30, TD2 2 x 36, TD3 2 x 44.
_ZONE_LINES = {30: 3, 36: 2, 44: 2}


def _groups(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of consecutive lines of one length that stand together (one line break apart)."""
    groups: list[list[tuple[int, int]]] = []
    for line in lines:
        last = groups[-1][-1] if groups else None
        if last and last[1] - last[0] == line[1] - line[0] and _together(text, [last, line]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _together(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether consecutive lines are separated by one line break only (and spaces around it)."""
    return all(_BREAK.fullmatch(text, a[1], b[0]) for a, b in pairwise(lines))


RECOGNIZER = MrzRecognizer()
