"""IP_ADDRESS: validators from ``ipaddress``, and the edges that keep versions and dates out."""

from __future__ import annotations

import pytest

from seabridge.governance.pii import IP_ADDRESS, scan
from seabridge.governance.pii.recognizers.ip import SCORE, WEAK_SCORE, is_valid_ipv4, is_valid_ipv6


def found(text: str, label: str | None = None) -> list[str]:
    return [text[e.start : e.end] for e in scan(text, label) if e.type == IP_ADDRESS]


def test_validators_follow_ipaddress() -> None:
    assert is_valid_ipv4("203.0.113.7") and is_valid_ipv4("255.255.255.255")
    assert not is_valid_ipv4("999.1.1.1") and not is_valid_ipv4("01.02.03.04")  # range, leading zeros
    assert is_valid_ipv6("2001:db8::1") and is_valid_ipv6("::ffff:192.0.2.1")
    assert not is_valid_ipv6("dead::beef")  # no decimal digit: looks like code, not an address
    assert not is_valid_ipv6("1:2:3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client 203.0.113.7 connected", ["203.0.113.7"]),
        ("ที่อยู่ไอพี192.168.1.20ของเครื่อง", ["192.168.1.20"]),  # no spaces in Thai
        ("服务器地址10.0.12.5，端口8080", ["10.0.12.5"]),
        ("the host was 10.1.2.30.", ["10.1.2.30"]),  # sentence full stop
        ("http://192.168.0.1/admin and 10.0.0.2:8080", ["192.168.0.1", "10.0.0.2"]),
        ("IPv6 2001:db8:85a3::8a2e:370:7334 up", ["2001:db8:85a3::8a2e:370:7334"]),
        ("[fe80::1ff:fe23:4567:890a]:443", ["fe80::1ff:fe23:4567:890a"]),
        ("mapped ::ffff:192.0.2.128 here", ["::ffff:192.0.2.128"]),
        ("full 2001:0db8:0000:0000:0000:ff00:0042:8329", ["2001:0db8:0000:0000:0000:ff00:0042:8329"]),
    ],
)
def test_addresses_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "version 1.2.3.4.5 released",  # longer dot run
        "v1.2.3.4",  # glued to a letter
        "999.1.1.1",  # out of range
        "256.256.256.256",
        "on 15.01.2024 and 2024.01.15",  # dates
        "at 12:30:45",  # clock time
        "MAC 00:1A:2B:3C:4D:5E",
        "std::cout << Foo::Bar",
        "section 3.1.4.1.5",
        "13.7563, 100.5018",  # coordinates
        "1.2.3.4x",
    ],
)
def test_near_misses_are_not_addresses(text: str) -> None:
    assert found(text) == []


def test_weak_forms_score_lower() -> None:
    assert [e.score for e in scan("host 203.0.113.7")] == [SCORE]
    assert [e.score for e in scan("see 1.2.3.4 now")] == [WEAK_SCORE]  # looks like a section number
    assert [e.score for e in scan("loopback 127.0.0.1")] == [WEAK_SCORE]
    assert [e.score for e in scan("prefix 2001:db8:: only")] == [WEAK_SCORE]


def test_context_word_lifts_a_weak_address() -> None:
    (entity,) = scan("IP: 1.2.3.4")
    assert entity.score == pytest.approx(WEAK_SCORE + 0.3)
