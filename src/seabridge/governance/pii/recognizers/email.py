"""EMAIL: an ASCII local part, ``@``, and a domain that may be internationalised (``ตัวอย่าง.ไทย``).

The local part is a dot-atom of the characters people use (letters, digits, ``_ % + - '``); RFC 5322
also allows ``! # $ & * / = ? ^ ` { | } ~``, but in running text those come from URLs and markup
(``?email=a@b.co``), and taking them would swallow the ``email=`` into the address. A domain label stays in
one script: ``somchai.k@example.co.thได้เลย`` ends at ``th``, where the Thai word begins, since Thai has no
space to stop at. Known miss: a non-Latin top-level domain followed by text of the same script
(``a@ตัวอย่าง.ไทยครับ``) keeps the following word.

``scheme://name@example.com`` (a login name in a URL) is reported at a lower score: it names a person on
that host, though it is not a mailbox.
"""

from __future__ import annotations

import unicodedata

import regex

from seabridge.governance.pii.entities import EMAIL
from seabridge.governance.pii.registry import PatternRecognizer

_LOCAL = r"[A-Za-z0-9_][A-Za-z0-9_%+\-]*(?:[.'][A-Za-z0-9_%+\-]+)*"
# A label is Latin letters and digits, or letters of one other script (digits allowed), hyphens inside.
_LATIN_LABEL = r"[\p{Latin}0-9](?:[\p{Latin}0-9\-]*[\p{Latin}0-9])?"
_OTHER_LABEL = r"[^\W_\p{Latin}](?:[^\W_\p{Latin}\-]*[^\W_\p{Latin}])?"
_LABEL = rf"(?:{_LATIN_LABEL}|{_OTHER_LABEL})"
# The top-level domain is letters only (or punycode), so digits after it are not swallowed: in
# ``a@ตัวอย่าง.ไทย0812345678`` the address ends at ``ไทย`` and a phone number follows.
_TLD = r"(?:xn--[a-z0-9\-]+|\p{Latin}{2,}|(?!\p{Latin})\p{L}(?:(?!\p{Latin})[\p{L}\p{M}])*)"
# The local part starts a token (not inside a word or after a dot) and is at most 64 characters (RFC 5321),
# checked by a lookahead first: without both, a long run of letters before an "@" was retried from every
# position, quadratic in its length (a 40,000-character token took 31 s).
_START = r"(?<![A-Za-z0-9_.])(?=[A-Za-z0-9_%+\-.']{1,64}@)"
PATTERN = regex.compile(rf"(?P<pii>{_START}{_LOCAL}@(?:{_LABEL}\.)+{_TLD})")

CONTEXT = (
    "email", "e-mail", "mail", "อีเมล", "ອີເມວ", "អ៊ីមែល", "အီးမေးလ်", "thư", "surel",
    "邮箱", "郵箱", "邮件", "郵件",
)  # fmt: skip

SCORE = 1.0
USERINFO_SCORE = 0.6


def is_valid_email(address: str) -> bool:
    """RFC length limits, a top-level domain of at least two letters, and a domain IDNA can encode."""
    local, _, domain = address.rpartition("@")
    tld = domain.rsplit(".", 1)[-1]
    tld_ok = (len(tld) >= 2 and all(c.isalpha() or _is_mark(c) for c in tld)) or (
        tld.lower().startswith("xn--") and len(tld) > 5
    )
    if not (0 < len(local) <= 64 and tld_ok):
        return False
    try:
        encoded = domain.encode("idna")  # stdlib IDNA 2003: nameprep, punycode, label lengths
    except UnicodeError:
        return False
    return len(encoded) <= 253


def _is_mark(char: str) -> bool:
    # Thai, Lao, Khmer and Burmese words carry combining vowel signs, which are not "alpha" to Python.
    return unicodedata.category(char).startswith("M")


def _adjust(text: str, start: int, end: int, score: float) -> float:
    """Lower the score of a login name in a URL (``https://name@host``)."""
    return USERINFO_SCORE if text[max(0, start - 3) : start].endswith("//") else score


def _has_at(text: str) -> bool:
    return "@" in text


RECOGNIZER = PatternRecognizer(
    entity_type=EMAIL,
    pattern=PATTERN,
    validator=is_valid_email,
    score=SCORE,
    context=CONTEXT,
    prefilter=_has_at,
    adjust=_adjust,
)
