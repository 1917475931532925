"""The transfer engine on the built-in rules: every jurisdiction, every rule, every threshold at and around
its boundary. Expectations are read from the laws (article cited per row), not from the rules files.

China's thresholds (2024 Provisions on Promoting and Regulating Cross-Border Data Flows): "以上" includes
the number, "不满" excludes it (Civil Code art. 1259). Non-CIIO, no important data, counts since 1 January:
  art. 7: >= 1,000,000 ordinary or >= 10,000 sensitive  -> security assessment
  art. 8: 100,000 .. 999,999 ordinary or 1 .. 9,999 sensitive -> standard contract or certification
  art. 5(4): < 100,000 ordinary and no sensitive -> exempt
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import icu
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.transfer import (
    BUILTIN_DIR,
    Decision,
    Mechanism,
    TransferRequest,
    Verdict,
    decide,
    load_policies,
)

SA = "security-assessment"
SC = "standard-contract"
CERT = "certification"
TIA = "transfer-impact-assessment"
ALLOWED, NEEDS, REVIEW, DENIED = (
    Verdict.ALLOWED,
    Verdict.MECHANISM_REQUIRED,
    Verdict.LEGAL_REVIEW,
    Verdict.DENIED,
)
TH_SAFEGUARDS = {SC, "binding-corporate-rules", CERT, "consent"}
SG_SAFEGUARDS = {"contract", "binding-corporate-rules", CERT, "consent"}
MY_CONDITIONS = {TIA, "consent", "binding-corporate-rules", "contract", CERT}
ID_SAFEGUARDS = {"contract", "binding-corporate-rules", "consent"}
PH_MEANS = {"contract", "binding-corporate-rules"}
ASEAN_AND_CN = {"CN", "TH", "VN", "ID", "MY", "SG", "PH", "LA", "KH", "MM", "BN", "TL"}


class Case(NamedTuple):
    """A request (``TransferRequest`` keywords), the verdict, the outstanding mechanism groups, and the
    rules left standing, all read from the law by hand."""

    request: dict[str, Any]
    verdict: Verdict
    outstanding: list[set[str]]
    standing: set[str]


def case(
    origin: str, dest: str, verdict: Verdict, outstanding: list[set[str]], standing: set[str], **kw: Any
) -> Any:
    return pytest.param(
        Case({"origin": origin, "destination": dest, **kw}, verdict, outstanding, standing),
        id=f"{origin}>{dest}:{','.join(f'{k}={v}' for k, v in kw.items())}",
    )


CASES = [
    # --- China: PIPL arts. 38-40, 2024 Provisions arts. 3, 5, 7, 8 -----------------------------------
    case("CN", "TH", ALLOWED, [], {"cn-no-personal-data"}),  # art. 3: no PI, no important data
    case("CN", "TH", ALLOWED, [], {"cn-exempt-under-100k"}, personal=1),  # art. 5(4)
    case("CN", "TH", ALLOWED, [], {"cn-exempt-under-100k"}, personal=99_999),  # art. 5(4): 不满10万
    case(
        "CN", "TH", NEEDS, [{SC, CERT}], {"cn-contract-or-certification-personal"}, personal=100_000
    ),  # 10万以上
    case(
        "CN", "TH", NEEDS, [{SC, CERT}], {"cn-contract-or-certification-personal"}, personal=150_000
    ),  # issue example
    case(
        "CN", "TH", NEEDS, [{SC, CERT}], {"cn-contract-or-certification-personal"}, personal=999_999
    ),  # 不满100万
    case("CN", "TH", NEEDS, [{SA}], {"cn-assessment-personal"}, personal=1_000_000),  # art. 7: 100万以上
    case("CN", "TH", NEEDS, [{SC, CERT}], {"cn-contract-or-certification-sensitive"}, sensitive=1),  # art. 8
    case(
        "CN", "TH", NEEDS, [{SC, CERT}], {"cn-contract-or-certification-sensitive"}, sensitive=9_999
    ),  # 不满1万
    case("CN", "TH", NEEDS, [{SA}], {"cn-assessment-sensitive"}, sensitive=10_000),  # art. 7: 1万以上
    case("CN", "TH", NEEDS, [{SA}], {"cn-assessment-sensitive"}, personal=500_000, sensitive=10_000),
    case("CN", "TH", NEEDS, [{SA}], {"cn-assessment-personal"}, personal=1_000_000, sensitive=5),
    case(
        "CN",
        "TH",
        NEEDS,
        [{SC, CERT}],
        {"cn-contract-or-certification-personal", "cn-contract-or-certification-sensitive"},
        personal=100_000,
        sensitive=1,
    ),
    case("CN", "VN", NEEDS, [{SA}], {"cn-ciio-assessment"}, personal=1, requester="ciio"),  # art. 7(1)
    case("CN", "VN", NEEDS, [{SA}], {"cn-ciio-assessment"}, sensitive=1, requester="ciio"),
    case("CN", "VN", ALLOWED, [], {"cn-no-personal-data"}, requester="ciio"),  # no PI, no important data
    case("CN", "SG", NEEDS, [{SA}], {"cn-important-data-assessment"}, important=True),  # art. 7, DSL art. 31
    case("CN", "SG", NEEDS, [{SA}], {"cn-important-data-assessment"}, categories=("core",)),
    case(
        "CN",
        "SG",
        NEEDS,
        [{SA}],
        {"cn-important-data-assessment", "cn-exempt-under-100k"},
        important=True,
        personal=5,
    ),
    case(  # the assessment covers the whole transfer: art. 8's contract is not asked for on top
        "CN",
        "SG",
        NEEDS,
        [{SA}],
        {"cn-important-data-assessment"},
        important=True,
        personal=200_000,
    ),
    case(
        "CN", "MY", ALLOWED, [], {"cn-exempt-contract"}, personal=2_000_000, purpose="contract"
    ),  # art. 5(1)
    case("CN", "MY", ALLOWED, [], {"cn-exempt-hr"}, personal=150_000, sensitive=20_000, purpose="hr"),  # 5(2)
    case("CN", "MY", ALLOWED, [], {"cn-exempt-emergency"}, sensitive=50, purpose="emergency"),  # art. 5(3)
    case("CN", "MY", ALLOWED, [], {"cn-exempt-contract"}, personal=10, requester="ciio", purpose="contract"),
    case(  # an exemption for personal information leaves the important-data assessment standing
        "CN",
        "MY",
        NEEDS,
        [{SA}],
        {"cn-important-data-assessment", "cn-exempt-contract"},
        personal=150_000,
        important=True,
        purpose="contract",
    ),
    case(
        "CN",
        "MY",
        NEEDS,
        [{SC, CERT}],
        {"cn-contract-or-certification-personal"},
        personal=150_000,
        purpose="research",
    ),  # no exemption for research
    case("CN", "HK", NEEDS, [{SC, CERT}], {"cn-contract-or-certification-personal"}, personal=100_000),
    # --- Thailand: PDPA ss. 26, 28, 29 -------------------------------------------------------------------
    case("TH", "CN", ALLOWED, [], {"th-no-personal-data"}),
    case("TH", "CN", NEEDS, [TH_SAFEGUARDS], {"th-transfer-safeguards"}, personal=1),
    case("TH", "CN", NEEDS, [TH_SAFEGUARDS], {"th-transfer-safeguards", "th-sensitive-data"}, sensitive=1),
    case("TH", "CN", REVIEW, [{"legal-review"}], {"th-important-data-review"}, important=True),
    case(
        "TH",
        "CN",
        REVIEW,
        [{"legal-review"}],
        {"th-important-data-review", "th-transfer-safeguards"},
        important=True,
        personal=1,
    ),
    case("TH", "SG", ALLOWED, [], {"th-exception-contract"}, personal=1, purpose="contract"),  # s. 28(3)
    case(
        "TH", "SG", ALLOWED, [], {"th-exception-vital-interests"}, personal=1, purpose="emergency"
    ),  # s. 28(5)
    case("TH", "SG", ALLOWED, [], {"th-exception-legal-obligation"}, personal=1, purpose="legal-obligation"),
    case("TH", "SG", ALLOWED, [], {"th-exception-public-interest"}, personal=1, purpose="public-interest"),
    case(
        "TH",
        "SG",
        ALLOWED,
        [],
        {"th-exception-contract", "th-sensitive-data"},
        sensitive=3,
        purpose="contract",
    ),
    case("TH", "SG", NEEDS, [TH_SAFEGUARDS], {"th-transfer-safeguards"}, personal=1, purpose="legal-claims"),
    # --- Viet Nam: PDPL 2025 art. 20, Decree 356/2025, Law on Data art. 23 ------------------------------
    case("VN", "CN", ALLOWED, [], {"vn-no-personal-data"}),
    case("VN", "CN", NEEDS, [{TIA}], {"vn-transfer-impact-assessment"}, personal=1),
    case("VN", "CN", NEEDS, [{TIA}], {"vn-transfer-impact-assessment"}, sensitive=1),
    case("VN", "CN", REVIEW, [{"legal-review"}], {"vn-important-or-core-data"}, important=True),
    case("VN", "CN", ALLOWED, [], {"vn-exempt-state-authority"}, personal=1, requester="public-authority"),
    case("VN", "CN", ALLOWED, [], {"vn-exempt-own-data"}, personal=1, requester="individual"),
    case("VN", "CN", ALLOWED, [], {"vn-exempt-employee-data"}, personal=500, purpose="hr"),
    case("VN", "CN", ALLOWED, [], {"vn-exempt-emergency"}, personal=1, purpose="emergency"),
    case("VN", "CN", ALLOWED, [], {"vn-exempt-public-data"}, personal=1, categories=("public",)),
    case("VN", "CN", NEEDS, [{TIA}], {"vn-transfer-impact-assessment"}, personal=1, purpose="contract"),
    # --- Indonesia: Law 27/2022 art. 56, GR 71/2019 art. 20 ---------------------------------------------
    case("ID", "MY", ALLOWED, [], {"id-no-personal-data"}),
    case("ID", "MY", NEEDS, [ID_SAFEGUARDS], {"id-transfer-safeguards"}, personal=1),
    case("ID", "MY", NEEDS, [ID_SAFEGUARDS], {"id-transfer-safeguards"}, sensitive=1),
    case("ID", "MY", REVIEW, [{"legal-review"}], {"id-important-data-review"}, important=True),
    case(
        "ID",
        "MY",
        REVIEW,
        [{"legal-review"}],
        {"id-no-personal-data", "id-public-scope-operator"},
        requester="public-authority",
    ),
    case("ID", "MY", NEEDS, [ID_SAFEGUARDS], {"id-transfer-safeguards"}, personal=1, purpose="contract"),
    # --- Malaysia: PDPA 2010 s. 129 as amended in 2024 --------------------------------------------------
    case("MY", "ID", ALLOWED, [], {"my-no-personal-data"}),
    case("MY", "ID", NEEDS, [MY_CONDITIONS], {"my-transfer-conditions"}, personal=1),
    case("MY", "ID", NEEDS, [MY_CONDITIONS], {"my-transfer-conditions"}, sensitive=1),
    case("MY", "ID", REVIEW, [{"legal-review"}], {"my-important-data-review"}, important=True),
    case("MY", "ID", ALLOWED, [], {"my-exception-contract"}, personal=1, purpose="contract"),  # s. 129(3)(b)
    case("MY", "ID", ALLOWED, [], {"my-exception-legal-claims"}, personal=1, purpose="legal-claims"),  # (d)
    case("MY", "ID", ALLOWED, [], {"my-exception-vital-interests"}, personal=1, purpose="emergency"),  # (g)
    case(
        "MY", "ID", NEEDS, [MY_CONDITIONS], {"my-transfer-conditions"}, personal=1, purpose="public-interest"
    ),
    # --- Singapore: PDPA s. 26, PDPR 2021 regs. 10-12 ----------------------------------------------------
    case("SG", "VN", ALLOWED, [], {"sg-no-personal-data"}),
    case("SG", "VN", NEEDS, [SG_SAFEGUARDS], {"sg-transfer-limitation"}, personal=1),
    case("SG", "VN", NEEDS, [SG_SAFEGUARDS], {"sg-transfer-limitation"}, sensitive=1),
    case("SG", "VN", REVIEW, [{"legal-review"}], {"sg-important-data-review"}, important=True),
    case("SG", "VN", ALLOWED, [], {"sg-exception-contract"}, personal=1, purpose="contract"),  # reg. 10(2)(b)
    case("SG", "VN", ALLOWED, [], {"sg-exception-vital-interests"}, personal=1, purpose="emergency"),  # (c)
    case(
        "SG", "VN", ALLOWED, [], {"sg-exception-publicly-available"}, personal=1, categories=("public",)
    ),  # (e)
    # --- Philippines: Data Privacy Act ss. 13, 21 --------------------------------------------------------
    case("PH", "SG", ALLOWED, [], {"ph-no-personal-data"}),
    case("PH", "SG", NEEDS, [PH_MEANS], {"ph-accountability"}, personal=1),
    case("PH", "SG", NEEDS, [PH_MEANS], {"ph-accountability", "ph-sensitive-information"}, sensitive=1),
    case("PH", "SG", REVIEW, [{"legal-review"}], {"ph-important-data-review"}, important=True),
    case(
        "PH", "SG", NEEDS, [PH_MEANS], {"ph-accountability"}, personal=1, purpose="contract"
    ),  # no exception
    # --- No law, or one not verified: every transfer to legal review -------------------------------------
    *(
        case(code, "SG", REVIEW, [{"legal-review"}], {f"{code.lower()}-legal-review"}, **kw)
        for code in ("LA", "KH", "MM", "BN", "TL")
        for kw in (
            {},
            {"personal": 1},
            {"sensitive": 1},
            {"important": True},
            {"personal": 5, "purpose": "contract"},
        )
    ),
]


def outstanding(decision: Decision) -> list[set[str]]:
    return [set(group) for group in decision.outstanding]


@pytest.mark.parametrize("row", CASES)
def test_decisions_follow_the_law(row: Case) -> None:
    decision = decide(TransferRequest(**row.request))
    assert decision.verdict is row.verdict, decision.explanation
    assert outstanding(decision) == row.outstanding
    assert {rule.id for rule in decision.rules} == row.standing
    assert decision.allowed is (row.verdict is ALLOWED)


def test_every_rule_of_every_jurisdiction_is_exercised() -> None:
    policies = load_policies()
    assert set(policies.jurisdictions) == ASEAN_AND_CN
    fired = {rule for row in CASES for rule in row.values[0].standing}
    assert fired == set(policies.rule_ids())


# China's thresholds at and around every boundary, against an oracle written from arts. 5, 7 and 8.
PERSONAL_EDGES = (0, 1, 99_999, 100_000, 100_001, 999_999, 1_000_000, 1_000_001)
SENSITIVE_EDGES = (0, 1, 9_999, 10_000, 10_001)


def china_requires(personal: int, sensitive: int) -> list[set[str]]:
    """Non-CIIO, no important data, no exemption purpose: what arts. 5(4), 7 and 8 require."""
    if personal >= 1_000_000 or sensitive >= 10_000:  # art. 7: 100万人以上 / 1万人以上
        return [{SA}]
    if personal >= 100_000 or sensitive >= 1:  # art. 8: 10万人以上、不满100万人 / 不满1万人敏感
        return [{SC, CERT}]
    return []  # art. 5(4) (不满10万人, no sensitive) or art. 3 (no personal information)


@pytest.mark.parametrize("personal", PERSONAL_EDGES)
@pytest.mark.parametrize("sensitive", SENSITIVE_EDGES)
def test_china_thresholds_at_and_around_each_boundary(personal: int, sensitive: int) -> None:
    decision = decide(TransferRequest("CN", "ID", personal=personal, sensitive=sensitive))
    assert outstanding(decision) == china_requires(personal, sensitive)
    assert decision.verdict is (NEEDS if china_requires(personal, sensitive) else ALLOWED)
    # a CIIO needs the assessment for any personal information at all (art. 7(1))
    ciio = decide(TransferRequest("CN", "ID", personal=personal, sensitive=sensitive, requester="ciio"))
    assert outstanding(ciio) == ([{SA}] if personal + sensitive else [])


def test_the_issue_example_cites_article_8_of_the_2024_provisions() -> None:
    decision = decide(TransferRequest("CN", "TH", personal=150_000, sensitive=0))
    assert decision.mechanism == "standard-contract or certification"
    assert "促进和规范数据跨境流动规定), art. 8" in " ".join(decision.citations)
    assert any("10 working days" in text for text in decision.obligations)
    assert "a standard contract or a certification" in decision.explanation


@pytest.mark.parametrize(
    ("in_place", "verdict"),
    [((SC,), ALLOWED), ((CERT,), ALLOWED), ((SC, CERT), ALLOWED), (("consent",), NEEDS), ((SA,), NEEDS)],
)
def test_a_mechanism_in_place_meets_the_requirement_it_satisfies(
    in_place: tuple[str, ...], verdict: Verdict
) -> None:
    decision = decide(TransferRequest("CN", "TH", personal=150_000, mechanisms=frozenset(in_place)))
    assert decision.verdict is verdict
    met = [r.met_by for r in decision.requirements]
    assert met == ([Mechanism(in_place[0])] if verdict is ALLOWED else [None])


def test_an_exemption_allows_but_asks_to_document_it_and_says_what_it_set_aside() -> None:
    decision = decide(TransferRequest("CN", "TH", personal=150_000, purpose="contract"))
    assert decision.allowed
    assert any(text.startswith("Document why") for text in decision.obligations)
    assert ("cn-contract-or-certification-personal", "cn-exempt-contract") in decision.set_aside
    assert "set aside by cn-exempt-contract" in decision.explanation


def test_data_staying_in_one_country_is_not_a_transfer() -> None:
    decision = decide(TransferRequest("TH", "th", personal=5_000_000, sensitive=5))
    assert decision.allowed and decision.rules == () and decision.outstanding == ()
    assert "not a cross-border transfer" in decision.explanation
    assert set(decision.policy_version) == {"TH"}


NO_RULES = sorted(set(icu.Locale.getISOCountries()) - ASEAN_AND_CN)


@settings(max_examples=200, deadline=None)
@given(
    origin=st.sampled_from(NO_RULES),
    destination=st.sampled_from(sorted(ASEAN_AND_CN)),
    personal=st.integers(0, 10**7),
    sensitive=st.integers(0, 10**6),
    important=st.booleans(),
    purpose=st.sampled_from([None, "contract", "hr", "emergency", "other"]),
    mechanisms=st.sets(st.sampled_from(sorted(m for m in Mechanism if m not in ("none", "legal-review")))),
)
def test_a_country_without_rules_is_never_allowed(
    origin: str,
    destination: str,
    personal: int,
    sensitive: int,
    important: bool,
    purpose: str | None,
    mechanisms: set[str],
) -> None:
    decision = decide(
        TransferRequest(
            origin,
            destination,
            personal,
            sensitive,
            important,
            purpose=purpose,
            mechanisms=frozenset(mechanisms),
        )
    )
    assert decision.verdict is REVIEW
    assert decision.outstanding == ((Mechanism.LEGAL_REVIEW,),)
    assert "no transfer rules for data held in" in decision.explanation
    assert decision.policy_version == {}  # no file was consulted


@settings(max_examples=300, deadline=None)
@given(
    origin=st.sampled_from(sorted(ASEAN_AND_CN)),
    destination=st.sampled_from(["CN", "TH", "SG", "US", "JP", "HK"]),
    personal=st.integers(0, 2_000_000),
    sensitive=st.integers(0, 20_000),
    important=st.booleans(),
    requester=st.sampled_from(["organisation", "ciio", "public-authority", "individual"]),
    purpose=st.sampled_from([None, "contract", "hr", "emergency", "legal-obligation", "research"]),
    remote=st.booleans(),
)
def test_every_decision_is_explained_cited_and_stable(
    origin: str,
    destination: str,
    personal: int,
    sensitive: int,
    important: bool,
    requester: str,
    purpose: str | None,
    remote: bool,
) -> None:
    request = TransferRequest(
        origin, destination, personal, sensitive, important, requester, purpose, remote_access=remote
    )
    decision = decide(request)
    if origin != destination:
        assert decision.rules, "a cross-border decision names the rules behind it"
        assert all(rule.cites for rule in decision.rules) and decision.citations
    assert decision.explanation.split(":")[0] in {"Allowed", "Not yet allowed", "Legal review", "Denied"}
    assert decision.to_dict() == decide(request).to_dict()
    as_json = json.loads(json.dumps(decision.to_dict()))
    assert as_json["verdict"] == decision.verdict.value
    assert as_json["allowed"] is (decision.verdict is ALLOWED)
    # putting every outstanding mechanism in place turns "mechanism required" into "allowed"
    if decision.verdict is NEEDS:
        everything = frozenset(m for group in decision.outstanding for m in group)
        assert decide(replace(request, mechanisms=everything)).allowed


def test_decision_dict_is_the_audit_record() -> None:
    request = TransferRequest(
        "VN", "SG", personal=12, purpose="research", categories=("contact",), remote_access=True
    )
    record = decide(request).to_dict()
    assert list(record) == [
        "verdict",
        "allowed",
        "mechanism_required",
        "requirements",
        "obligations",
        "rules",
        "set_aside",
        "explanation",
        "citations",
        "request",
        "policy_version",
    ]
    assert record["request"] == {
        "from": "VN",
        "to": "SG",
        "personal": 12,
        "sensitive": 0,
        "important": False,
        "requester": "organisation",
        "purpose": "research",
        "categories": ["contact"],
        "mechanisms_in_place": [],
        "remote_access": True,
    }
    assert record["mechanism_required"] == [[TIA]]
    # the versions are the files' own dates and the digests of their bytes
    for code in ("VN", "SG"):
        data = (BUILTIN_DIR / f"{code.lower()}.yaml").read_bytes()
        assert record["policy_version"][code] == {
            "version": "2026-11-01",
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    assert "counts as a transfer from VN to SG" in record["explanation"]


def test_a_compute_job_reading_data_held_elsewhere_is_a_transfer_to_the_job_site() -> None:
    job = TransferRequest.for_compute_job("CN", "SG", personal=250_000)
    assert (job.origin, job.destination, job.remote_access) == ("CN", "SG", True)
    assert outstanding(decide(job)) == [{SC, CERT}]
    assert decide(TransferRequest.for_compute_job("SG", "SG", personal=250_000)).allowed


def test_a_destination_without_rules_still_gets_the_exporting_rules() -> None:
    decision = decide(TransferRequest("CN", "US", personal=100_000))
    assert outstanding(decision) == [{SC, CERT}]
    assert set(decision.policy_version) == {"CN"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"origin": "XX"}, "unknown country code"),
        ({"destination": "CHN"}, "unknown country code"),
        ({"personal": -1}, "whole number"),
        ({"sensitive": True}, "whole number"),
        ({"purpose": "marketing"}, "unknown purpose"),
        ({"requester": "ngo"}, "unknown requester"),
        ({"categories": ("passwords",)}, "unknown data category"),
        ({"categories": ("health",), "personal": 10}, "sensitive is 0"),
        ({"categories": ("contact",)}, "both counts are 0"),
        ({"mechanisms": frozenset({"legal-review"})}, "not a mechanism that can be in place"),
        ({"mechanisms": frozenset({"adequacy"})}, "not a mechanism that can be in place"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(kwargs: dict[str, Any], message: str) -> None:
    fields = {"origin": "CN", "destination": "TH", **kwargs}
    with pytest.raises(ValueError, match=message):
        TransferRequest(**fields)


def test_codes_and_categories_are_normalised() -> None:
    request = TransferRequest(
        " cn", "th ", personal=1, categories=("Sex life", "contact", "contact"), sensitive=1
    )
    assert (request.origin, request.destination, request.categories) == ("CN", "TH", ("contact", "sex-life"))
    assert TransferRequest("CN", "TH", categories=("geospatial",)).is_important


# --- The combination rules, on a small policy written here --------------------------------------------
JP = """\
jurisdiction: JP
version: 2026-01-01
sources:
  act: {title: Test Act, original: テスト法, citation: test, url: https://example.org/act}
rules:
  - id: jp-contract
    when: {has_personal: true}
    effect: permit
    mechanism: [contract]
    explain: Personal data needs a contract.
    cite: [{source: act, ref: art. 1}]
  - id: jp-exempt
    when: {purpose: [contract]}
    effect: permit
    overrides: [jp-contract]
    explain: Contract necessity exempts.
    cite: [{source: act, ref: art. 2}]
  - id: jp-review-kp
    when: {to: [KP]}
    effect: review
    explain: Ask a person.
    cite: [{source: act, ref: art. 3}]
  - id: jp-forbid-ru
    when: {to: [RU], important: true}
    effect: forbid
    explain: Never.
    cite: [{source: act, ref: art. 4}]
"""
US = """\
jurisdiction: US
version: 2026-02-01
sources:
  rule: {title: Test Rule, original: Test Rule, citation: test, url: https://example.org/rule}
rules:
  - id: us-inbound-consent
    direction: inbound
    when: {has_personal: true}
    effect: permit
    mechanism: [consent]
    explain: Inbound personal data needs consent.
    cite: [{source: rule, ref: s. 1}]
  - id: us-inbound-forbid
    direction: inbound
    when: {important: true}
    effect: forbid
    explain: No important data in.
    cite: [{source: rule, ref: s. 2}]
  - id: us-outbound-anything
    when: {}
    effect: permit
    explain: Anything may leave.
    cite: [{source: rule, ref: s. 3}]
"""


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("policies")
    (folder / "jp.yaml").write_text(JP, encoding="utf-8")
    (folder / "us.yaml").write_text(US, encoding="utf-8")
    return load_policies(folder)


def test_requirements_of_both_sides_must_all_be_met(custom: Any) -> None:
    decision = decide(TransferRequest("JP", "US", personal=3), custom)
    assert outstanding(decision) == [{"contract"}, {"consent"}]
    assert "a contract, and the individuals' consent" in decision.explanation
    assert decision.mechanism == "contract and consent"
    half = decide(TransferRequest("JP", "US", personal=3, mechanisms=frozenset({"contract"})), custom)
    assert half.verdict is NEEDS and outstanding(half) == [{"consent"}]
    both = decide(
        TransferRequest("JP", "US", personal=3, mechanisms=frozenset({"contract", "consent"})), custom
    )
    assert both.allowed


def test_an_exemption_sets_aside_only_its_own_file(custom: Any) -> None:
    decision = decide(TransferRequest("JP", "US", personal=3, purpose="contract"), custom)
    assert outstanding(decision) == [{"consent"}]
    assert decision.set_aside == (("jp-contract", "jp-exempt"),)


def test_a_forbid_wins_over_permits_and_exemptions(custom: Any) -> None:
    inbound = decide(TransferRequest("JP", "US", personal=3, important=True, purpose="contract"), custom)
    assert inbound.verdict is DENIED and inbound.outstanding == ()
    assert "us-inbound-forbid" in inbound.explanation
    outbound = decide(
        TransferRequest(
            "JP", "RU", personal=3, important=True, purpose="contract", mechanisms=frozenset({"contract"})
        ),
        custom,
    )
    assert outbound.verdict is DENIED and not outbound.allowed


def test_a_review_wins_over_permits(custom: Any) -> None:
    decision = decide(TransferRequest("JP", "KP", personal=3, mechanisms=frozenset({"contract"})), custom)
    assert decision.verdict is REVIEW


def test_no_exporting_rule_is_default_deny_even_when_the_importer_has_rules(custom: Any) -> None:
    assert decide(TransferRequest("JP", "TH"), custom).verdict is REVIEW  # no JP rule matches
    decision = decide(TransferRequest("JP", "TH"), custom)
    assert "no rule of Japan (JP) applies" in decision.explanation and "default deny" in decision.explanation
    # the importing side's inbound rules alone never allow anything
    assert decide(TransferRequest("TH", "US", personal=0), custom).verdict is REVIEW  # TH has no file here


def test_an_empty_condition_always_matches(custom: Any) -> None:
    assert decide(TransferRequest("US", "JP", personal=10**7, sensitive=10**6), custom).allowed


def test_builtin_rules_files_are_the_ones_read() -> None:
    assert {p.name for p in Path(BUILTIN_DIR).glob("*.yaml")} == {f"{c.lower()}.yaml" for c in ASEAN_AND_CN}
