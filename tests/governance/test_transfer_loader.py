"""Rules files are refused at load, whole, with the file, the line and the reason; the built-in ones load.

Line numbers in the expectations are counted by hand in the texts below (line 1 is ``jurisdiction:``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.transfer import (
    BUILTIN_DIR,
    Effect,
    Mechanism,
    Policy,
    PolicyError,
    TransferRequest,
    decide,
    load_policies,
    parse_policy,
)
from seabridge.governance.transfer.loader import load_policy_file

HEAD = """\
jurisdiction: TH
version: 2026-11-01
sources:
  pdpa: {title: Personal Data Protection Act, original: พ.ร.บ., citation: B.E. 2562, url: https://example.org/pdpa}
rules:
"""  # five lines: a rule starts on line 6
GOOD_RULE = """\
  - id: th-safeguards
    when: {has_personal: true}
    effect: permit
    mechanism: [standard-contract, consent]
    explain: Personal data needs safeguards.
    cite: [{source: pdpa, ref: s. 28}]
"""


def refused(tmp_path: Path, text: str, name: str = "th.yaml") -> PolicyError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy_file(path)
    assert caught.value.file == path
    return caught.value


def test_a_good_file_loads_with_lines_versions_and_digest(tmp_path: Path) -> None:
    path = tmp_path / "th.yaml"
    path.write_text(HEAD + GOOD_RULE, encoding="utf-8")
    policy = load_policy_file(path)
    assert (policy.jurisdiction, policy.version) == ("TH", "2026-11-01")
    (rule,) = policy.rules
    assert rule.line == 6 and rule.effect is Effect.PERMIT
    assert rule.mechanisms == (Mechanism.STANDARD_CONTRACT, Mechanism.CONSENT)
    assert str(rule.cites[0]) == "Personal Data Protection Act (พ.ร.บ.), s. 28"
    assert rule.when.matches(TransferRequest("TH", "SG", personal=1))
    assert not rule.when.matches(TransferRequest("TH", "SG"))


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        # malformed YAML: a bad indent on line 7
        (HEAD + "  - id: th-x\n   effect: permit\n", 7, "not valid YAML"),
        # an unclosed flow mapping, reported where the parser gives up
        (HEAD + "  - id: th-x\n    when: {has_personal: true\n    effect: permit\n", 8, "not valid YAML"),
        # unknown top-level key
        ("jurisdiction: TH\nversion: 2026-11-01\nowner: me\n", 3, "unknown key 'owner'"),
        # unknown condition key (a typo) on line 7
        (HEAD + GOOD_RULE.replace("has_personal", "personal_abve"), 7, "unknown key 'personal_abve' in when"),
        # unknown rule key on line 9
        (HEAD + GOOD_RULE.replace("mechanism:", "mechanisms:"), 9, "unknown key 'mechanisms' in a rule"),
        # a rule without a citation: reported at the rule's first line
        (HEAD + GOOD_RULE.replace("    cite: [{source: pdpa, ref: s. 28}]\n", ""), 6, "lacks 'cite'"),
        # an empty citation list
        (HEAD + GOOD_RULE.replace("[{source: pdpa, ref: s. 28}]", "[]"), 11, "must cite at least one source"),
        # a citation of a source the file does not list
        (HEAD + GOOD_RULE.replace("source: pdpa", "source: gdpr"), 11, "unknown source 'gdpr'"),
        # a citation without a reference to the article
        (HEAD + GOOD_RULE.replace(", ref: s. 28", ""), 11, "lacks 'ref'"),
        # duplicate rule ids: the second rule starts on line 12
        (HEAD + GOOD_RULE + GOOD_RULE, 12, "duplicate rule id 'th-safeguards'"),
        # a duplicate YAML key, which PyYAML alone would silently accept
        (
            HEAD + GOOD_RULE.replace("    effect: permit\n", "    effect: permit\n    effect: forbid\n"),
            9,
            "duplicate key 'effect' (first on line 8)",
        ),
        # Norway unquoted is a boolean in YAML 1.1
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{to: [SG, NO]}"), 7, "quote it"),
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{to: [ZZ]}"), 7, "unknown country code 'ZZ'"),
        (
            HEAD + GOOD_RULE.replace("{has_personal: true}", "{personal_at_least: 10, personal_below: 10}"),
            7,
            "personal_below must exceed personal_at_least",
        ),
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{personal_at_least: -1}"), 7, "whole number"),
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{sensitive_below: 1.5}"), 7, "whole number"),
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{has_personal: maybe}"), 7, "true or false"),
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{purpose: [marketing]}"), 7, "unknown purpose"),
        (HEAD + GOOD_RULE.replace("{has_personal: true}", "{requester: [ngo]}"), 7, "unknown requester"),
        (
            HEAD + GOOD_RULE.replace("{has_personal: true}", "{categories_any: [Health]}"),
            7,
            "write the category as 'health'",
        ),
        (HEAD + GOOD_RULE.replace("[standard-contract, consent]", "[adequacy]"), 9, "unknown mechanism"),
        (HEAD + GOOD_RULE.replace("[standard-contract, consent]", "[legal-review]"), 9, "unknown mechanism"),
        (HEAD + GOOD_RULE.replace("effect: permit", "effect: allow"), 8, "effect must be one of"),
        (
            HEAD + GOOD_RULE.replace("effect: permit", "effect: review"),
            9,
            "only a permit rule names a mechanism",
        ),
        (HEAD + GOOD_RULE.replace("id: th-safeguards", "id: cn-safeguards"), 6, "starting with 'th-'"),
        (
            HEAD + GOOD_RULE.replace("explain: Personal data needs safeguards.", "explain: ''"),
            10,
            "non-empty text",
        ),
        (HEAD + GOOD_RULE + "    overrides: [th-nothing]\n", 6, "overrides unknown rule 'th-nothing'"),
        (HEAD + GOOD_RULE + "    direction: sideways\n", 12, "direction must be outbound or inbound"),
        (HEAD.replace("version: 2026-11-01", "version: soon"), 2, "version must be a date"),
        (HEAD.replace("version: 2026-11-01", "version: 2026-13-45"), 2, "not a date"),
        (HEAD.replace("jurisdiction: TH", "jurisdiction: th"), 1, "upper-case country code"),
        (HEAD.replace("jurisdiction: TH", "jurisdiction: SG"), 1, "must be named sg.yaml"),
        (HEAD.replace("https://example.org/pdpa", "example.org/pdpa"), 4, "url must start with https://"),
        (HEAD.replace(", original: พ.ร.บ.", ""), 4, "lacks 'original'"),
        (HEAD, 5, "rules must be a non-empty list"),
        ("", 1, "a rules file must be a mapping, not nothing"),
        ("- just\n- a list\n", 1, "must be a mapping, not a list"),
    ],
)
def test_bad_files_are_refused_with_file_line_and_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    error = refused(tmp_path, text)
    assert error.line == line, str(error)
    assert reason in error.reason, str(error)
    assert str(error).startswith(f"{tmp_path / 'th.yaml'}:{line}: " if line else f"{tmp_path / 'th.yaml'}: ")


EXEMPTION = """\
  - id: th-exempt
    when: {purpose: [contract]}
    effect: permit
    overrides: [th-safeguards]
    explain: Exempt.
    cite: [{source: pdpa, ref: s. 28(3)}]
"""


def test_overrides_must_name_permit_rules_and_never_loop(tmp_path: Path) -> None:
    path = tmp_path / "th.yaml"
    path.write_text(HEAD + GOOD_RULE + EXEMPTION, encoding="utf-8")
    assert load_policy_file(path).rules[1].overrides == ("th-safeguards",)
    review = GOOD_RULE.replace("effect: permit", "effect: review").replace(
        "    mechanism: [standard-contract, consent]\n", ""
    )
    error = refused(tmp_path, HEAD + review + EXEMPTION)
    assert (error.line, "cannot set aside th-safeguards (a review rule)") == (
        11,
        error.reason.split(": ", 1)[1],
    )
    loop = GOOD_RULE + "    overrides: [th-exempt]\n"
    error = refused(tmp_path, HEAD + loop + EXEMPTION)
    assert error.line == 6 and "lead back to itself" in error.reason


def test_a_file_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "th.yaml"
    path.write_bytes(HEAD.encode() + b"  - id: th-\xff\n")
    with pytest.raises(PolicyError) as caught:
        load_policy_file(path)
    assert (caught.value.line, caught.value.reason) == (6, "not UTF-8 text")


def test_a_folder_is_refused_whole_when_one_file_is_bad(tmp_path: Path) -> None:
    (tmp_path / "th.yaml").write_text(HEAD + GOOD_RULE, encoding="utf-8")
    (tmp_path / "sg.yml").write_text(
        "jurisdiction: SG\nversion: 2026-11-01\nsources: {}\nrules: []\n", "utf-8"
    )
    with pytest.raises(PolicyError) as caught:
        load_policies(tmp_path)
    assert (caught.value.file.name, caught.value.line) == ("sg.yml", 3)


def test_empty_and_missing_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no rules files"):
        load_policies(tmp_path)
    with pytest.raises(PolicyError, match="no such folder"):
        load_policies(tmp_path / "absent")


def test_the_policy_dir_setting_replaces_the_builtin_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "th.yaml").write_text(HEAD + GOOD_RULE, encoding="utf-8")
    monkeypatch.setenv("SEABRIDGE_POLICY_DIR", str(tmp_path))
    policies = load_policies()
    assert policies.jurisdictions == ("TH",)
    assert decide(TransferRequest("TH", "SG", personal=1)).mechanism == "standard-contract or consent"
    assert decide(TransferRequest("CN", "SG", personal=1)).verdict.value == "legal-review"  # no CN file there
    # a changed file is read again (the cache keys on modification time and size)
    (tmp_path / "th.yaml").write_text(
        HEAD + GOOD_RULE.replace("[standard-contract, consent]", "[consent]"), "utf-8"
    )
    assert decide(TransferRequest("TH", "SG", personal=1)).mechanism == "consent"
    monkeypatch.delenv("SEABRIDGE_POLICY_DIR")
    assert len(load_policies()) == 12


def test_the_builtin_rules_load_and_every_rule_cites_a_listed_source() -> None:
    policies = load_policies(BUILTIN_DIR)
    assert policies.jurisdictions == ("BN", "CN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN")
    for policy in policies:
        assert policy.path.name == f"{policy.jurisdiction.lower()}.yaml"
        assert policy.version == "2026-11-01"
        for rule in policy.rules:
            assert rule.cites and all(c.source.key in policy.sources and c.ref for c in rule.cites)
            assert rule.explain.endswith(".")
            assert all(
                s.url.startswith(("https://", "http://")) and s.original for s in policy.sources.values()
            )
    assert len(set(policies.rule_ids())) == len(policies.rule_ids())


VALID = (HEAD + GOOD_RULE + EXEMPTION).encode()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_files_load_or_are_refused_cleanly(data: st.DataObject) -> None:
    """Fuzz: delete, insert or replace bytes of a valid file; nothing but PolicyError may escape."""
    text = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = data.draw(
            st.binary(min_size=1, max_size=4)
            | st.sampled_from([b":", b"[", b"{", b"\n  ", b"- ", b"&a", b"*a", b"!!"])
        )
        if action == "delete":
            del text[at : at + len(chunk)]
        elif action == "insert":
            text[at:at] = chunk
        else:
            text[at : at + len(chunk)] = chunk
    try:
        policy = parse_policy(bytes(text), "th.yaml")
    except PolicyError as error:
        assert error.reason and (error.line is None or error.line >= 1)
    else:
        assert isinstance(policy, Policy) and policy.rules


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_loader(data: bytes) -> None:
    with contextlib.suppress(PolicyError):  # anything else escaping fails the test
        parse_policy(data, "th.yaml")
