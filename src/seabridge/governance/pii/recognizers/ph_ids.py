"""Philippine identity numbers: PhilSys (PH_PHILSYS), SSS (PH_SSS) and TIN (PH_TIN).

None of the three has a public check digit, so what makes a number one of them is how it is written and
what stands before it:

- PH_PHILSYS: the PhilSys Card Number (PCN, 16 digits, ``1234-5678-9012-3456``) and the PhilSys Number
  (PSN, 12 digits, ``1234-5678-9012``), grouped by fours with spaces or dashes. Reported in any text after a
  PhilSys word ("PhilSys", "PhilID", "PCN", "PSN", "national ID", "pambansang ID"…), grouped or plain, and
  grouped in Filipino and Cebuano text without one. A grouped PCN that passes Luhn with a card network's
  prefix is a CREDIT_CARD unless a PhilSys word is there (see ``credit_card``).
- PH_SSS: ten digits, 2-7-1 with dashes (``34-1234567-8``), reported in every language: libphonenumber
  often reads the same digits as a national phone number (0.8 or 0.9), and the SSS form wins. Ten plain
  digits only after an SSS word ("SSS", "Social Security System", "SS number"…).
- PH_TIN: nine digits 3-3-3 with dashes and an optional branch code of three or five digits
  (``123-456-789``, ``123-456-789-000``, ``123-456-789-00000``), reported after a TIN word ("TIN",
  "Tax Identification Number", "BIR"…) in any language, and in Filipino and Cebuano text without one (3-3-3
  is no Philippine phone format: mobiles are 11 digits, ``0917-123-4567``). In Thai, Malay or Indonesian
  text a dashed 3-3-3 is often a valid phone number, which wins unless a TIN word is there.

Scores: 0.92 after a context word, above any national phone number libphonenumber may find in the same
digits (0.9) and below checksum-validated identifiers (0.99); 0.85 for the written form in Filipino or
Cebuano text; SSS's dashed form 0.92 everywhere. Context words are weighed here rather than by the
registry's flat boost, because a number reported only after a context word must then outrank the phone
number in the same digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from seabridge.governance.pii.boundaries import NUMBER_END, NUMBER_START, has_context
from seabridge.governance.pii.entities import PH_PHILSYS, PH_SSS, PH_TIN, Entity

FILIPINO_LABELS = frozenset({"tgl_Latn", "ceb_Latn"})

CONTEXT_SCORE = 0.92
HOME_SCORE = 0.85
SSS_DASHED_SCORE = 0.92
# Below the reporting threshold: a candidate kept so that the registry scans again once found data before
# it is shortened to placeholders, which may bring a context word within reach.
WEAK_SCORE = 0.3

PHILSYS_CONTEXT = (
    "philsys", "philid", "ephilid", "pcn", "psn", "philsys number", "philsys card number",
    "philippine identification", "philippine id", "phil id", "national id", "national identification",
    "pambansang id", "pambansang pagkakakilanlan", "nasyonal nga id",
)  # fmt: skip
SSS_CONTEXT = (
    "sss", "social security", "social security system", "ss number", "ss no", "sss no", "sss number",
    "sss id",
)  # fmt: skip
TIN_CONTEXT = (
    "tin", "tin no", "tin number", "tax identification number", "tax identification no",
    "taxpayer identification number", "tax id", "bir",
)  # fmt: skip

# Shared number edges (no digit, Latin letter or "+" before, no digit or Latin letter after, no number
# joined by a dash or dot), and for grouped numbers no digit one separator away. Each pattern consumes its
# first digits before any alternation: the ``regex`` module then skips ahead to digits, about 80 times faster
# on ordinary text than trying the alternation at every position.
PHILSYS_PATTERN = regex.compile(
    NUMBER_START
    + r"[0-9](?:(?<![0-9] [0-9])(?P<written>[0-9]{3}(?P<sep>[ \-])[0-9]{4}(?P=sep)[0-9]{4}"
    + r"(?:(?P=sep)[0-9]{4})?)(?!(?P=sep)[0-9])|(?P<plain>[0-9]{11}(?:[0-9]{4})?))"
    + NUMBER_END
)
SSS_PATTERN = regex.compile(
    NUMBER_START + r"[0-9](?:(?P<written>[0-9]-[0-9]{7}-[0-9])|(?P<plain>[0-9]{9}))" + NUMBER_END
)
TIN_PATTERN = regex.compile(
    NUMBER_START
    + r"[0-9]{3}(?:(?P<written>-[0-9]{3}-[0-9]{3}(?:-[0-9]{3}(?:[0-9]{2})?)?)"
    + r"|(?P<plain>[0-9]{6}(?:[0-9]{3})?))"
    + NUMBER_END
)
_HAS_RUN = regex.compile(r"[0-9]{2}")


def is_philsys_shape(number: str) -> bool:
    """A PCN or PSN as written: 16 or 12 digits, plain or in fours with one kind of separator."""
    return _whole(PHILSYS_PATTERN, number)


def is_sss_shape(number: str) -> bool:
    """An SSS number as written: ten digits, plain or 2-7-1 with dashes."""
    return _whole(SSS_PATTERN, number)


def is_tin_shape(number: str) -> bool:
    """A TIN as written: nine digits (plus a 3- or 5-digit branch code), plain or dashed 3-3-3."""
    return _whole(TIN_PATTERN, number)


def _whole(pattern: regex.Pattern[str], number: str) -> bool:
    return pattern.fullmatch(number) is not None


@dataclass(frozen=True, slots=True)
class PhIdRecognizer:
    """One Philippine number: reported after one of ``words`` at 0.92, or in its written form (``written``
    group of ``pattern``) at ``written_score`` in ``written_labels`` (None: every label); else weak."""

    entity_type: str
    pattern: regex.Pattern[str]
    words: tuple[str, ...]
    written_score: float
    written_labels: frozenset[str] | None = FILIPINO_LABELS
    context: tuple[str, ...] = ()  # weighed in ``analyze`` (see the module docstring)
    labels: frozenset[str] | None = None

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        if _HAS_RUN.search(text) is None:
            return []
        written_here = self.written_labels is None or label in self.written_labels
        found = []
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if has_context(text, start, self.words):
                score = CONTEXT_SCORE
            elif written_here and match.group("written") is not None:
                score = self.written_score
            else:
                score = WEAK_SCORE
            found.append(Entity(self.entity_type, start, end, score))
        return found


PHILSYS_RECOGNIZER = PhIdRecognizer(PH_PHILSYS, PHILSYS_PATTERN, PHILSYS_CONTEXT, HOME_SCORE)
SSS_RECOGNIZER = PhIdRecognizer(PH_SSS, SSS_PATTERN, SSS_CONTEXT, SSS_DASHED_SCORE, written_labels=None)
TIN_RECOGNIZER = PhIdRecognizer(PH_TIN, TIN_PATTERN, TIN_CONTEXT, HOME_SCORE)
