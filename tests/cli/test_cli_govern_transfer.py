"""``seabridge govern transfer check|rules`` through ``seabridge.cli.main.app``: output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seabridge.cli.main import app

RUNNER = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = RUNNER.invoke(app, ["govern", "transfer", *args], env={"COLUMNS": "200", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def builtin_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEABRIDGE_POLICY_DIR", raising=False)


def test_the_issue_example_needs_a_standard_contract_or_certification() -> None:
    code, out, _ = run("check", "--from", "CN", "--to", "TH", "--personal", "150000", "--sensitive", "0")
    assert code == 1  # allowed only once a mechanism is in place
    assert "mechanism-required" in out and "standard-contract or certification" in out
    assert "促进和规范数据跨境流动规定), art. 8" in out
    assert "cn-contract-or-certification-personal" in out and "10 working days" in out


def test_json_prints_the_decision_record() -> None:
    code, out, _ = run("check", "--from", "cn", "--to", "th", "--personal", "150000", "--json")
    record = json.loads(out)
    assert code == 1
    assert record["verdict"] == "mechanism-required" and record["allowed"] is False
    assert [set(group) for group in record["mechanism_required"]] == [{"standard-contract", "certification"}]
    assert record["request"]["from"] == "CN" and record["request"]["personal"] == 150_000
    assert record["policy_version"]["CN"]["version"] == "2026-11-01"


@pytest.mark.parametrize(
    ("args", "code", "verdict"),
    [
        (["--personal", "150000", "--mechanism", "standard-contract"], 0, "allowed"),
        (["--personal", "150000", "--mechanism", "consent"], 1, "mechanism-required"),
        (["--personal", "99999"], 0, "allowed"),
        (["--personal", "1000000"], 1, "mechanism-required"),
        (["--sensitive", "10000", "--categories", "health"], 1, "mechanism-required"),
        (["--personal", "150000", "--purpose", "contract"], 0, "allowed"),
        (["--personal", "1", "--ciio"], 1, "mechanism-required"),
        (["--personal", "1", "--requester", "ciio", "--ciio"], 1, "mechanism-required"),
        (["--important"], 1, "mechanism-required"),
        (["--categories", "public,open-licence"], 0, "allowed"),
    ],
)
def test_exit_codes_follow_the_verdict(args: list[str], code: int, verdict: str) -> None:
    got, out, _ = run("check", "--from", "CN", "--to", "TH", *args, "--json")
    assert (got, json.loads(out)["verdict"]) == (code, verdict)


def test_the_mechanism_required_follows_the_thresholds() -> None:
    _, out, _ = run("check", "--from", "CN", "--to", "TH", "--personal", "1000000", "--json")
    assert json.loads(out)["mechanism_required"] == [["security-assessment"]]


def test_unknown_jurisdictions_go_to_legal_review_never_allowed() -> None:
    code, out, _ = run("check", "--from", "US", "--to", "TH", "--personal", "0")
    assert code == 3 and "legal-review" in out and "default deny" in out
    code, out, _ = run("check", "--from", "TL", "--to", "SG", "--json")
    assert (code, json.loads(out)["verdict"]) == (3, "legal-review")


def test_remote_access_and_same_country() -> None:
    code, out, _ = run("check", "--from", "VN", "--to", "SG", "--personal", "5", "--remote-access", "--json")
    record = json.loads(out)
    assert code == 1 and record["request"]["remote_access"] is True
    assert "counts as a transfer from VN to SG" in record["explanation"]
    code, out, _ = run("check", "--from", "SG", "--to", "SG", "--personal", "5")
    assert code == 0 and "not a cross-border transfer" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "XX", "--to", "TH"], "unknown country code 'XX'"),
        (["--from", "CN", "--to", "Thailand"], "unknown country code 'Thailand'"),
        (["--from", "CN", "--to", "TH", "--purpose", "marketing"], "unknown purpose 'marketing'"),
        (["--from", "CN", "--to", "TH", "--mechanism", "adequacy"], "'adequacy' is not a mechanism"),
        (["--from", "CN", "--to", "TH", "--ciio", "--requester", "individual"], "--ciio contradicts"),
        (["--from", "CN", "--to", "TH", "--categories", "health"], "sensitive is 0"),
        (["--from", "CN", "--to", "TH", "--personal", "-3"], "Invalid value for '--personal'"),
    ],
)
def test_bad_input_exits_2_with_the_reason(args: list[str], message: str) -> None:
    code, _, err = run("check", *args)
    assert code == 2
    assert message in err


def test_unusable_rules_files_exit_2_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "th.yaml").write_text(
        "jurisdiction: TH\nversion: 2026-11-01\nsources: nope\nrules: []\n", encoding="utf-8"
    )
    code, out, err = run("check", "--from", "TH", "--to", "SG", env={"SEABRIDGE_POLICY_DIR": str(tmp_path)})
    assert code == 2 and out == ""
    assert f"{tmp_path / 'th.yaml'}:3:" in err and "sources must be" in err


def test_rules_lists_every_jurisdiction_with_versions_and_rule_ids() -> None:
    code, out, _ = run("rules", "--json")
    listing = json.loads(out)["policies"]
    assert code == 0
    assert [p["jurisdiction"] for p in listing] == [
        "BN",
        "CN",
        "ID",
        "KH",
        "LA",
        "MM",
        "MY",
        "PH",
        "SG",
        "TH",
        "TL",
        "VN",
    ]
    cn = next(p for p in listing if p["jurisdiction"] == "CN")
    assert "cn-contract-or-certification-personal" in cn["rules"] and cn["version"] == "2026-11-01"
    assert len(cn["sha256"]) == 64
    code, out, _ = run("rules")
    assert code == 0 and "tl-legal-review" in out and "cn-exempt-under-100k" in out


def test_help_documents_the_exit_codes() -> None:
    code, out, _ = run("check", "--help")
    assert code == 0
    for line in (
        "0  allowed as it is",
        "1  allowed only once a mechanism is in place",
        "3  legal review",
        "4  denied",
    ):
        assert line in out
