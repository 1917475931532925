"""CREDIT_CARD: payment card numbers: 13 to 19 digits, a card network's prefix and length, the Luhn check.

The Luhn check is ``stdnum.luhn``; the network table (prefixes and lengths of Visa, Mastercard, American
Express, JCB, UnionPay, Discover and Diners Club) is written here, because ``stdnum`` has none. A number is
written plain (``4111111111111111``) or in groups with one kind of separator, a space or a dash: groups of
four (``4111 1111 1111 1111``, ``6250 9410 0652 8599``) or American Express and Diners Club's 4-6-5 and
4-6-4 (``3782 822463 10005``). A number glued to more digits or to Latin letters, or to one more group by its
own separator (``4111 1111 1111 1111 1111``), is part of a longer token and is not a card; Thai, Lao, Khmer,
Burmese or Chinese letters may touch it (``บัตร4111111111111111ครับ``).

Scores: 0.95 written in groups or after a card word ("card", "kartu kredit", "บัตรเครดิต", "thẻ", "信用卡",
"卡号"…); 0.85 as a bare run, so that a structurally valid Indonesian NIK in Indonesian text (0.9) wins over a
16-digit run that happens to pass Luhn. Words that name identity cards ("kartu", "kad", "บัตร") are not card
words, since the 16-digit NIK and the Thai ID are written after them.

PhilSys: a PhilSys Card Number (16 digits, 4-4-4-4) looks like a card number. A Luhn-valid number with a
network prefix is a CREDIT_CARD, unless a PhilSys word ("PhilSys", "PCN", "national ID"…) stands before it:
then the card steps down to 0.5 and the PH_PHILSYS recogniser, which reports it at 0.92, wins.

UnionPay: some UnionPay cards (prefix 62) do not pass Luhn. They are reported only after a card word, at 0.7,
never as a bare run: every 18-digit resident ID of Gansu starts with 62, and a checksum-valid
CN_RESIDENT_ID (0.99) still wins over the card.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from stdnum import luhn

from seabridge.governance.pii.boundaries import NUMBER_END, NUMBER_START, has_context
from seabridge.governance.pii.entities import CREDIT_CARD, Entity
from seabridge.governance.pii.recognizers.ph_ids import PHILSYS_CONTEXT

# (network, (low, high) bounds of the leading digits, lengths).
_NETWORKS: tuple[tuple[str, tuple[int, int], range], ...] = (
    ("visa", (4, 4), range(13, 20, 3)),  # 13, 16 and 19 digits
    ("mastercard", (51, 55), range(16, 17)),
    ("mastercard", (2221, 2720), range(16, 17)),
    ("amex", (34, 34), range(15, 16)),
    ("amex", (37, 37), range(15, 16)),
    ("jcb", (3528, 3589), range(16, 20)),
    ("unionpay", (62, 62), range(16, 20)),
    ("discover", (6011, 6011), range(16, 20)),
    ("discover", (644, 649), range(16, 20)),
    ("discover", (65, 65), range(16, 20)),
    ("diners", (300, 305), range(14, 20)),
    ("diners", (36, 36), range(14, 20)),
    ("diners", (38, 38), range(14, 20)),
)

# Shared number edges, and for grouped numbers no digit one separator away: in ``4111 1111 1111 1111 1111``
# the first sixteen digits are not a card. The first four digits are consumed before the alternation, so
# that the ``regex`` module skips ahead to digits instead of trying the alternation at every position.
PATTERN = regex.compile(
    NUMBER_START
    + r"[0-9]{4}(?:[0-9]{9,15}"
    + r"|(?<![0-9][ \u00a0\u202f\u2007][0-9]{4})(?P<sep>[ \-\u00a0\u202f\u2007])"
    + r"(?:[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)(?:[0-9]{4}(?:(?P=sep)[0-9]{1,3})?|[0-9]{1,3})"
    + r"|[0-9]{6}(?P=sep)[0-9]{4,5})(?!(?P=sep)[0-9]))"
    + NUMBER_END
)
_HAS_RUN = regex.compile(r"[0-9]{4}")

CONTEXT = (
    "card", "credit card", "debit card", "card no", "card number", "visa", "mastercard", "amex",
    "american express", "jcb", "unionpay", "kartu kredit", "kartu debit", "kad kredit",
    "kad debit", "kredit kad", "tarheta", "บัตรเครดิต", "บัตรเดบิต", "ບັດເຄຣດິດ", "កាតឥណទាន", "ခရက်ဒစ်ကတ်",
    "ကတ်", "thẻ", "信用卡", "银行卡", "銀行卡", "借记卡", "借記卡", "储蓄卡", "卡号", "卡號", "银联", "銀聯",
)  # fmt: skip

GROUPED_SCORE = 0.95
CONTEXT_SCORE = 0.95
PLAIN_SCORE = 0.85
UNIONPAY_UNCHECKED_SCORE = 0.7
WEAK_SCORE = 0.3  # such a number without a card word: kept under the threshold for the registry's rescan
PHILSYS_YIELD_SCORE = 0.5
PHILSYS_LENGTH = 16


# Group separators: space, dash, and the no-break spaces of HTML (&nbsp;) and of typesetting (U+202F, U+2007).
_SEPARATORS = str.maketrans("", "", " -\u00a0\u202f\u2007")


def compact(number: str) -> str:
    """The digits of a card number written with spaces, no-break spaces or dashes."""
    return number.translate(_SEPARATORS)


def network(number: str) -> str | None:
    """The card network whose prefix and length fit ``number`` (digits only), or None."""
    if not (number.isascii() and number.isdigit()):
        return None
    for name, (low, high), lengths in _NETWORKS:
        if len(number) in lengths and low <= int(number[: len(str(low))]) <= high:
            return name
    return None


def is_valid_card(number: str) -> bool:
    """A card number (separators allowed) of a known network's prefix and length that passes Luhn."""
    digits = compact(number)
    return network(digits) is not None and luhn.is_valid(digits)


@dataclass(frozen=True, slots=True)
class CardRecognizer:
    """Card numbers; context words are weighed here (see the module docstring), not by the registry."""

    entity_type: str = CREDIT_CARD
    context: tuple[str, ...] = ()
    labels: frozenset[str] | None = None

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        if _HAS_RUN.search(text) is None:
            return []
        found = []
        for match in PATTERN.finditer(text):
            start, end = match.span()
            digits = compact(match.group())
            score = _score(text, start, digits, grouped=match.group("sep") is not None)
            if score is not None:
                found.append(Entity(CREDIT_CARD, start, end, score))
        return found


def _score(text: str, start: int, digits: str, *, grouped: bool) -> float | None:
    kind = network(digits)
    if kind is None:
        return None
    if len(digits) == PHILSYS_LENGTH and has_context(text, start, PHILSYS_CONTEXT):
        return PHILSYS_YIELD_SCORE
    card_word = has_context(text, start, CONTEXT)
    if not luhn.is_valid(digits):
        if kind != "unionpay":
            return None
        return UNIONPAY_UNCHECKED_SCORE if card_word else WEAK_SCORE
    if card_word:
        return CONTEXT_SCORE
    return GROUPED_SCORE if grouped else PLAIN_SCORE


RECOGNIZER = CardRecognizer()
