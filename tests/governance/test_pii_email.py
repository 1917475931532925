"""EMAIL: the validator on its own, then the recogniser in running text of several scripts."""

from __future__ import annotations

import pytest

from seabridge.governance.pii import EMAIL, scan
from seabridge.governance.pii.recognizers.email import USERINFO_SCORE, is_valid_email


def found(text: str, label: str | None = None) -> list[str]:
    return [text[e.start : e.end] for e in scan(text, label) if e.type == EMAIL]


@pytest.mark.parametrize(
    "address",
    [
        "somchai.k@example.co.th",
        "nguyen.van.a+news@mail.example.vn",
        "o'brien@example.ie",
        "a_b-c%d@sub-domain.example.org",
        "info@ตัวอย่าง.ไทย",  # Thai IDN domain and TLD
        "lianxi@例子.中国",
        "user@example.xn--o3cw4h",  # the .ไทย TLD in punycode
    ],
)
def test_validator_accepts_real_addresses(address: str) -> None:
    assert is_valid_email(address)


@pytest.mark.parametrize(
    "address",
    [
        "a@b.c",  # one-letter TLD
        "a@example.c0m",  # digit in TLD
        "a@example.123",
        "x" * 65 + "@example.com",  # local part over 64
        "a@" + "b" * 64 + ".com",  # label over 63 (IDNA refuses it)
        "@example.com",
    ],
)
def test_validator_refuses_near_misses(address: str) -> None:
    assert not is_valid_email(address)


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("ติดต่อsomchai.k@example.co.thได้เลย", "tha_Thai", ["somchai.k@example.co.th"]),
        ("邮箱zhang.wei@example.cn联系我们", "zho_Hans", ["zhang.wei@example.cn"]),
        ("အီးမေးလ်mgmg@example.com.mmသို့", "mya_Mymr", ["mgmg@example.com.mm"]),
        ("Liên hệ: lan.nguyen@example.com.vn.", "vie_Latn", ["lan.nguyen@example.com.vn"]),
        ("(budi@example.co.id)", "ind_Latn", ["budi@example.co.id"]),
        ("see https://x.example/?email=ana@example.ph&x=1", "tgl_Latn", ["ana@example.ph"]),
        ("mailto:info@ตัวอย่าง.ไทย แล้ว", "tha_Thai", ["info@ตัวอย่าง.ไทย"]),
        ("a@example.com,b@example.org", None, ["a@example.com", "b@example.org"]),
    ],
)
def test_addresses_found_with_and_without_spaces(text: str, label: str | None, expected: list[str]) -> None:
    assert found(text, label) == expected


@pytest.mark.parametrize(
    "text",
    ["user@localhost", "a@b.c", "@handle on social media", "price 5@10.00", "x@y", "ssh git@host:repo"],
)
def test_non_addresses_are_not_found(text: str) -> None:
    assert found(text) == []


def test_login_name_in_a_url_scores_lower_than_a_mailbox() -> None:
    text = "see https://john@example.com/page"
    (entity,) = scan(text, "eng_Latn")
    assert text[entity.start : entity.end] == "john@example.com"
    assert entity.score == USERINFO_SCORE
    assert scan("john@example.com")[0].score == 1.0


def test_long_tokens_before_an_at_sign_are_refused_in_linear_time() -> None:
    # a local part starts a token and holds at most 64 characters: this took minutes when every position
    # of the run was retried (quadratic); now it returns at once, and the 64-character limit is the RFC's
    assert scan("a" * 200_000 + "@example.com") == []
    assert scan("a." * 100_000 + "@example.com") == []
    assert [e.type for e in scan("x" * 64 + "@example.com")] == ["EMAIL"]
    assert scan("x" * 65 + "@example.com") == []
