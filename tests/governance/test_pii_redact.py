"""Redaction replaces exactly the entity spans and leaves every other byte alone; keyed modes give tokens
that join, that only the key holder can compute or reverse, and that no recogniser takes for personal data.

Expected tokens are computed here from their definition (HMAC-SHA256 / AES-GCM-SIV over the value, hex
written in the letters a-p), with the subkeys ``test_crypto_keys.py`` checks against RFC 5869.
"""

from __future__ import annotations

import hmac
import unicodedata

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCMSIV
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.crypto import MasterKey
from seabridge.governance.pii import EMAIL, IP_ADDRESS, PHONE, Entity, default_registry, redact, scan
from seabridge.governance.pii.redact import TokenError, unredact

KEY = MasterKey(bytes(range(32)))
OTHER_KEY = MasterKey(bytes(range(1, 33)))
LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
# Personal data in the region's scripts, with and without spaces around it.
TEXTS = [
    ("tha_Thai", "ติดต่อsomchai.k@example.co.thหรือโทร๐๘๑-๒๓๔-๕๖๗๘ได้เลย ip 203.0.113.42 ค่ะ"),
    ("mya_Mymr", "ဖုန်း ၀၉၄၂၁၂၃၄၅၆၇ သို့ mgmg@example.com"),
    ("vie_Latn", "Gọi 0912 345 678 hoặc email nguyễn.an@example.vn, máy chủ 2001:db8::1."),
    ("zho_Hans", "请拨打13123456789或发邮件至li.wei@example.cn"),
    (None, "tel +66 81 234 5678, +66 81 234 5678 again; a@example.org b@example.org"),
]


def test_placeholder_and_mask_modes() -> None:
    text = "ဖုန်း ၀၉၄၂၁၂၃၄၅၆၇ သို့ mgmg@example.com"
    entities = scan(text, "mya_Mymr")
    assert [e.type for e in entities] == [PHONE, EMAIL]
    assert redact(text, entities) == "ဖုန်း <PHONE> သို့ <EMAIL>"
    masked = redact(text, entities, mode="mask")
    assert len(masked) == len(text)  # code-point length kept: other offsets stay valid
    assert masked == "ဖုန်း " + "*" * 11 + " သို့ " + "*" * 16


def test_surrounding_text_is_byte_identical() -> None:
    text = "ติดต่อsomchai.k@example.co.thหรือโทร๐๘๑-๒๓๔-๕๖๗๘ได้เลย\u200b ค่ะ"
    entities = scan(text, "tha_Thai")
    out = redact(text, entities)
    assert out.encode() == "ติดต่อ<EMAIL>หรือโทร<PHONE>ได้เลย\u200b ค่ะ".encode()


def test_order_of_entities_does_not_matter_and_empty_is_identity() -> None:
    text = "a@example.com b@example.org"
    entities = scan(text)
    assert redact(text, list(reversed(entities))) == redact(text, entities) == "<EMAIL> <EMAIL>"
    assert redact(text, []) == text


def test_unknown_mode_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="placeholder, mask, hash, encrypt"):
        redact("x", [], mode="rot13")


@pytest.mark.parametrize(
    "entities",
    [
        [Entity(EMAIL, 0, 5, 1.0), Entity(EMAIL, 3, 8, 1.0)],  # overlapping
        [Entity(EMAIL, 5, 20, 1.0)],  # beyond the text
        [Entity(EMAIL, 4, 2, 1.0)],  # inverted
    ],
)
def test_malformed_entities_are_refused(entities: list[Entity]) -> None:
    with pytest.raises(ValueError):
        redact("0123456789", entities)


def expected_hash_token(value: str, key: MasterKey) -> str:
    digest = hmac.new(key.derive("pii-hmac"), unicodedata.normalize("NFC", value).encode(), "sha256").digest()
    return digest[:8].hex().translate(LETTERS)


def test_hash_mode_writes_the_keyed_hash_of_each_value() -> None:
    text = "โทร +66 81 234 5678 หรือ somchai@example.co.th"
    entities = scan(text, "tha_Thai")
    assert [e.type for e in entities] == [PHONE, EMAIL]
    phone, email = (expected_hash_token(text[e.start : e.end], KEY) for e in entities)
    assert redact(text, entities, "hash", keys=KEY) == f"โทร <PHONE:{phone}> หรือ <EMAIL:{email}>"
    assert len(phone) == 16 and set(phone) <= set("abcdefghijklmnop")


def test_same_value_gives_the_same_token_across_documents_and_key_loads() -> None:
    first = "สมชาย 081 234 5678"
    second = "Call 081 234 5678 now"
    one = redact(first, scan(first, "tha_Thai"), "hash", keys=KEY)
    two = redact(second, scan(second, "tha_Thai"), "hash", keys=MasterKey(bytes(range(32))))
    assert one.startswith("สมชาย <PHONE:") and one.split(" ", 1)[1] == two.split(" ")[1]
    other = redact(second, scan(second, "tha_Thai"), "hash", keys=OTHER_KEY)
    assert other != two  # another key, another token: useless without the key
    different = "Call 081 234 5679 now"
    assert redact(different, scan(different, "tha_Thai"), "hash", keys=KEY) != two


def test_hash_tokens_agree_for_canonically_equivalent_values() -> None:
    composed, decomposed = "Nguyễn", unicodedata.normalize("NFD", "Nguyễn")
    assert composed != decomposed
    tokens = {redact(v, [Entity("PERSON", 0, len(v), 1.0)], "hash", keys=KEY) for v in (composed, decomposed)}
    assert tokens == {f"<PERSON:{expected_hash_token(composed, KEY)}>"}


@pytest.mark.parametrize("mode", ["hash", "encrypt"])
def test_keyed_modes_need_the_key(mode: str) -> None:
    with pytest.raises(ValueError, match="needs the master key"):
        redact("a@example.com", [Entity(EMAIL, 0, 13, 1.0)], mode)


def test_encrypt_mode_is_deterministic_aes_gcm_siv_with_the_type_bound() -> None:
    text = "mail somchai@example.co.th"
    entities = scan(text)
    out = redact(text, entities, "encrypt", keys=KEY)
    assert out.startswith("mail <EMAIL:enc:") and out.endswith(">")
    token = out[len("mail <EMAIL:enc:") : -1]
    sealed = bytes.fromhex(token.translate(str.maketrans("abcdefghijklmnop", "0123456789abcdef")))
    assert len(sealed) == len("somchai@example.co.th") + 16
    siv = AESGCMSIV(KEY.derive("pii-encrypt"))
    assert siv.decrypt(bytes(12), sealed, b"EMAIL") == b"somchai@example.co.th"
    assert redact(text, entities, "encrypt", keys=KEY) == out  # same value, same token


@pytest.mark.parametrize(("label", "text"), TEXTS)
def test_unredact_restores_the_exact_original(label: str | None, text: str) -> None:
    entities = scan(text, label)
    assert entities
    out = redact(text, entities, "encrypt", keys=KEY)
    assert out != text and unredact(out, KEY).encode() == text.encode()


def test_unredact_leaves_one_way_tokens_and_refuses_wrong_keys_and_altered_tokens() -> None:
    text = "a@example.org then +66 81 234 5678"
    entities = scan(text)
    hashed = redact(text, entities, "hash", keys=KEY)
    assert unredact(hashed, KEY) == hashed
    assert unredact(redact(text, entities), KEY) == "<EMAIL> then <PHONE>"
    encrypted = redact(text, entities, "encrypt", keys=KEY)
    with pytest.raises(TokenError, match="at character 0"):
        unredact(encrypted, OTHER_KEY)
    token_end = encrypted.index(">")
    last = encrypted[token_end - 1]
    altered = encrypted[: token_end - 1] + ("a" if last != "a" else "b") + encrypted[token_end:]
    with pytest.raises(TokenError):
        unredact(altered, KEY)
    with pytest.raises(TokenError):  # the type is authenticated: a relabelled token does not open
        unredact(encrypted.replace("<EMAIL:enc:", "<PHONE:enc:"), KEY)


@pytest.mark.parametrize("mode", ["placeholder", "mask", "hash", "encrypt"])
@pytest.mark.parametrize(("label", "text"), TEXTS)
def test_scanning_redacted_text_finds_nothing(mode: str, label: str | None, text: str) -> None:
    entities = scan(text, label)
    assert entities
    out = redact(text, entities, mode, keys=KEY)
    assert scan(out, label) == [] and scan(out) == []


@settings(max_examples=150, deadline=None)
@given(
    value=st.text(min_size=1, max_size=40),
    entity_type=st.sampled_from([EMAIL, PHONE, IP_ADDRESS, *default_registry().entity_types]),
    mode=st.sampled_from(["hash", "encrypt"]),
)
def test_no_token_looks_like_personal_data(value: str, entity_type: str, mode: str) -> None:
    """Whatever the value, its token (letters a-p, a type name, ':' and '<>') holds nothing a recogniser
    takes for personal data, next to context words and a real number that must still be found alone."""
    text = "โทร " + value + " tel +66 81 234 5678"
    out = redact(text, [Entity(entity_type, 4, 4 + len(value), 1.0)], mode, keys=KEY)
    found = scan(out)
    assert [(e.type, out[e.start : e.end]) for e in found] == [(PHONE, "+66 81 234 5678")]
    if mode == "encrypt":
        assert unredact(out, KEY) == text
