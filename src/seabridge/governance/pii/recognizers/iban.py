"""IBAN: International Bank Account Numbers (ISO 13616), validated by ``stdnum.iban``.

``stdnum.iban`` checks the two check digits (ISO 7064 mod 97-10), that the country is in the IBAN registry,
and the country's length and BBAN format (``4!a6!n8!n`` for GB…). Its country modules (``check_country``) are
left out: some of them also look the bank code up in a list (Belgium's refuses the registry's own example,
bank 539), and a list that lags behind the banks would miss real accounts; mod 97 already catches every
changed digit. An IBAN is written plain (``DE89370400440532013000``) or in groups of four with spaces
(``GB29 NWBK 6016 1331 9268 19``), and may touch Thai, Chinese or other letters, not Latin letters or digits.
A grouped candidate may have swallowed the next word (``BE68 5390 0754 7034 THEN``), so shorter runs of its
groups are tried until one is a valid IBAN.

Scores: 0.99 in capitals, as IBANs are printed; in lower or mixed case (``de89 3704 …``) only after a
context word ("IBAN", "account", "rekening", "บัญชี", "账号"…), at 0.9.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from stdnum import iban

from seabridge.governance.pii.boundaries import TOKEN_END, TOKEN_START, has_context
from seabridge.governance.pii.entities import IBAN, Entity

SCORE = 0.99
LOWER_CASE_SCORE = 0.9
WEAK_SCORE = 0.3  # lower case without a context word: kept under the threshold for the registry's rescan

# The match starts at the check digits, the country code is looked behind (see ``analyze``): a pattern that
# starts with letters is tried at nearly every position of Latin text, one that starts with digits is not.
PATTERN = regex.compile(
    rf"(?<={TOKEN_START}[A-Za-z]{{2}})[0-9]{{2}}"
    + r"(?:(?P<plain>[A-Za-z0-9]{11,30})"
    + r"|(?P<grouped>(?:[ \u00a0\u202f\u2007][A-Za-z0-9]{4}){2,7}(?:[ \u00a0\u202f\u2007][A-Za-z0-9]{1,3})?))"
    + TOKEN_END
)
_HAS_RUN = regex.compile(r"[0-9]{2}")
# Groups may be separated by the no-break spaces of HTML (&nbsp;) and typesetting; stdnum expects spaces.
_NO_BREAK_SPACES = str.maketrans("\u00a0\u202f\u2007", "   ")
_GROUP = regex.compile(r"[A-Za-z0-9]+")
# The shortest IBAN (Norway) has 15 characters: its first group and two more groups of four.
_MIN_GROUPS = 3

CONTEXT = (
    "iban", "account", "account no", "account number", "bank", "bank account", "rekening", "nomor rekening",
    "akaun", "akaun bank", "conta", "numero ng account", "บัญชี", "เลขบัญชี", "ບັນຊີ", "គណនី", "ဘဏ်စာရင်း",
    "tài khoản", "số tài khoản", "账号", "帳號", "账户", "帳戶", "银行账号", "銀行帳號",
)  # fmt: skip


def is_valid_iban(candidate: str) -> bool:
    """An IBAN (spaces allowed) that ``stdnum.iban`` accepts: country, length, format, check digits."""
    return iban.is_valid(candidate.translate(_NO_BREAK_SPACES), check_country=False)


@dataclass(frozen=True, slots=True)
class IbanRecognizer:
    """IBANs in capitals anywhere, in other cases after a context word (weighed here, not by the registry)."""

    entity_type: str = IBAN
    context: tuple[str, ...] = ()
    labels: frozenset[str] | None = None

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        if _HAS_RUN.search(text) is None:
            return []
        found = []
        for match in PATTERN.finditer(text):
            start = match.start() - 2  # the country code
            end = _valid_end(text, start, match)
            if end is None:
                continue
            if text[start:end].isupper():
                found.append(Entity(IBAN, start, end, SCORE))
            else:
                score = LOWER_CASE_SCORE if has_context(text, start, CONTEXT) else WEAK_SCORE
                found.append(Entity(IBAN, start, end, score))
        return found


def _valid_end(text: str, start: int, match: regex.Match[str]) -> int | None:
    """Where the valid IBAN starting at ``start`` ends: the whole match, or for groups the longest run of
    them that is valid and ends where a group does."""
    if match.group("plain") is not None:
        return match.end() if is_valid_iban(text[start : match.end()]) else None
    ends = [group.end() for group in _GROUP.finditer(text, start, match.end())]
    for end in reversed(ends[_MIN_GROUPS - 1 :]):
        if is_valid_iban(text[start:end]):
            return end
    return None


RECOGNIZER = IbanRecognizer()
