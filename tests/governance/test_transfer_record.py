"""Transfer decisions go into the audit log: the request, the verdict, the rules and the rules' digests."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from seabridge.cli.main import app
from seabridge.governance.audit import POLICY_DECISION, AuditLog
from seabridge.governance.transfer import TransferRequest, decide
from seabridge.governance.transfer.record import audit_event, record_decision


def test_the_entry_holds_enough_to_replay_the_decision(tmp_path: Path) -> None:
    decision = decide(TransferRequest("CN", "TH", personal=150_000))
    with AuditLog(tmp_path / "audit") as log:
        index = record_decision(decision, log, actor="user:7", tenant="org:gxu")
        entry = log.last(1)[0]
        assert log.verify().ok
    assert index == 0 and entry.fields["type"] == POLICY_DECISION
    assert entry.fields["resource"] == "transfer:CN->TH" and entry.fields["tenant"] == "org:gxu"
    details = entry.fields["details"]
    assert details["request"]["personal"] == 150_000 and details["request"]["to"] == "TH"
    assert details["rules"] == [rule.id for rule in decision.rules] and details["rules"]
    assert set(details["policy_version"]) == {"CN", "TH"}
    replayed = decide(TransferRequest(details["request"]["from"], details["request"]["to"], personal=150_000))
    assert replayed.to_dict() == decision.to_dict()


def test_free_text_stays_out_of_the_entry() -> None:
    decision = decide(TransferRequest("CN", "TH", personal=150_000))
    details = audit_event(decision, actor="user:7").details
    assert decision.explanation and decision.obligations
    assert decision.explanation not in str(details) and decision.obligations[0] not in str(details)


def test_the_cli_records_each_check_unless_told_not_to(isolated_home: Path) -> None:
    runner = CliRunner()
    args = ["govern", "transfer", "check", "--from", "CN", "--to", "TH", "--personal", "150000", "--json"]
    assert runner.invoke(app, args).exit_code == 1
    assert runner.invoke(app, [*args, "--no-audit"]).exit_code == 1
    with AuditLog(isolated_home / "audit") as log:
        assert log.size() == 1 and log.verify().ok
    blocked = isolated_home / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    refused = runner.invoke(app, args, env={"SEABRIDGE_AUDIT_DIR": str(blocked)})
    assert refused.exit_code == 2 and "could not be recorded" in refused.stderr  # never given unrecorded
