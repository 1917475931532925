"""IP_ADDRESS: IPv4 and IPv6 addresses, delimited here and validated by the stdlib ``ipaddress`` module.

An address must stand alone: no digit, dot or ASCII letter may touch an IPv4 address, so version numbers
(``1.2.3.4.5``, ``v1.2.3.4``) and dates (``15.01.2024``) are not taken for addresses; a full stop after it
(``... 10.0.0.1.``) is allowed. An IPv6 candidate needs ``::`` or eight groups and at least one decimal
digit, which keeps out clock times (``12:30:45``), MAC addresses and code such as ``Foo::Bar``.

Lower scores: loopback and unspecified addresses (they name no machine), IPv4 addresses whose four parts
are single digits (``1.2.3.4`` is as often a section or version number), and IPv6 addresses written with
fewer than three groups (``ab::1``).
"""

from __future__ import annotations

import ipaddress

import regex

from seabridge.governance.pii.entities import IP_ADDRESS
from seabridge.governance.pii.registry import PatternRecognizer

IPV4_PATTERN = regex.compile(
    r"(?<![0-9A-Za-z_.])(?P<pii>[0-9]{1,3}(?:\.[0-9]{1,3}){3})(?![0-9A-Za-z_])(?!\.[0-9])"
)
_HEX = r"[0-9A-Fa-f]"
IPV6_PATTERN = regex.compile(
    rf"(?<![0-9A-Za-z_:.])(?P<pii>(?=[0-9A-Fa-f:]*::|(?:{_HEX}{{1,4}}:){{7}})"
    rf"[0-9A-Fa-f:]{{2,39}}(?:(?<=:)[0-9]{{1,3}}(?:\.[0-9]{{1,3}}){{3}})?)"
    r"(?![0-9A-Za-z_:])(?!\.[0-9])"
)

CONTEXT = ("ip", "ipv4", "ipv6", "address", "địa chỉ", "alamat", "ไอพี", "ที่อยู่ไอพี", "地址", "位址")

SCORE = 0.95
WEAK_SCORE = 0.6


def is_valid_ipv4(candidate: str) -> bool:
    """A dotted-quad IPv4 address (``ipaddress`` refuses parts over 255 and leading zeros)."""
    try:
        ipaddress.IPv4Address(candidate)
    except ValueError:
        return False
    return True


def is_valid_ipv6(candidate: str) -> bool:
    """An IPv6 address that has at least one decimal digit (real ones do; ``Ab::Cd`` in code does not)."""
    if not any(c.isdigit() for c in candidate):
        return False
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return True


def _adjust_ipv4(text: str, start: int, end: int, score: float) -> float:
    address = ipaddress.IPv4Address(text[start:end])
    if address.is_loopback or address.is_unspecified or end - start == 7:  # 7 chars: four single digits
        return WEAK_SCORE
    return score


def _adjust_ipv6(text: str, start: int, end: int, score: float) -> float:
    candidate = text[start:end]
    address = ipaddress.IPv6Address(candidate)
    groups = sum(2 if "." in group else 1 for group in candidate.split(":") if group)  # a.b.c.d: 2 groups
    if address.is_loopback or address.is_unspecified or groups < 3:
        return WEAK_SCORE
    return score


def _has_dot(text: str) -> bool:
    return "." in text


def _has_colons(text: str) -> bool:
    return "::" in text or text.count(":") >= 7


IPV4_RECOGNIZER = PatternRecognizer(
    entity_type=IP_ADDRESS,
    pattern=IPV4_PATTERN,
    validator=is_valid_ipv4,
    score=SCORE,
    context=CONTEXT,
    prefilter=_has_dot,
    adjust=_adjust_ipv4,
)
IPV6_RECOGNIZER = PatternRecognizer(
    entity_type=IP_ADDRESS,
    pattern=IPV6_PATTERN,
    validator=is_valid_ipv6,
    score=SCORE,
    context=CONTEXT,
    prefilter=_has_colons,
    adjust=_adjust_ipv6,
)
