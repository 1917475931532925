"""Opening protected data is a data access the audit log records: decrypting files, restoring tokens."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from seabridge.cli.main import app
from seabridge.governance.audit import DATA_ACCESS, AuditLog
from seabridge.governance.crypto import read_header

RUNNER = CliRunner()


def entries(home: Path) -> list[dict]:
    with AuditLog(home / "audit") as log:
        assert log.verify().ok
        return [entry.fields for entry in log.entries()]


def test_decryptions_and_refusals_are_recorded_without_the_path(isolated_home: Path, tmp_path: Path) -> None:
    assert RUNNER.invoke(app, ["govern", "keygen"]).exit_code == 0
    secret = tmp_path / "somchai-health.csv"
    secret.write_text("patient,diagnosis\n", encoding="utf-8")
    assert RUNNER.invoke(app, ["govern", "encrypt", str(secret)]).exit_code == 0
    sealed = tmp_path / "somchai-health.csv.sbenc"
    with sealed.open("rb") as stream:
        envelope = read_header(stream, str(sealed))[0].envelope_id
    assert (
        RUNNER.invoke(app, ["govern", "decrypt", str(sealed), "--out", str(tmp_path / "a.csv")]).exit_code
        == 0
    )
    data = bytearray(sealed.read_bytes())
    data[-1] ^= 1
    sealed.write_bytes(bytes(data))
    assert (
        RUNNER.invoke(app, ["govern", "decrypt", str(sealed), "--out", str(tmp_path / "b.csv")]).exit_code
        == 1
    )
    opened, refused = entries(isolated_home)
    assert opened["type"] == DATA_ACCESS and opened["outcome"] == "decrypted"
    assert opened["details"]["envelope"] == envelope
    assert refused["outcome"] == "refused" and refused["details"]["reason"] == "chunk-auth"
    assert "somchai" not in str(opened) + str(refused)  # the file's name never reaches the log


def test_restoring_tokens_is_recorded_with_counts(isolated_home: Path) -> None:
    assert RUNNER.invoke(app, ["govern", "keygen"]).exit_code == 0
    text = "โทร0812345678ครับ\nwrite to somchai.k@example.co.th\n"
    encrypted = RUNNER.invoke(app, ["govern", "redact", "--mode", "encrypt"], input=text).stdout
    restored = RUNNER.invoke(app, ["govern", "unredact"], input=encrypted)
    assert restored.exit_code == 0 and restored.stdout == text
    (access,) = entries(isolated_home)
    assert access["outcome"] == "unredacted" and access["details"] == {"lines": 2, "tokens": 2}
    assert access["resource"].startswith("master-key:")


def test_nothing_is_revealed_when_the_access_cannot_be_recorded(isolated_home: Path, tmp_path: Path) -> None:
    assert RUNNER.invoke(app, ["govern", "keygen"]).exit_code == 0
    secret = tmp_path / "data.txt"
    secret.write_text("hello\n", encoding="utf-8")
    assert RUNNER.invoke(app, ["govern", "encrypt", str(secret)]).exit_code == 0
    encrypted = RUNNER.invoke(app, ["govern", "redact", "--mode", "encrypt"], input="mail a.b@example.com\n")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the audit folder should be", encoding="utf-8")
    env = {"SEABRIDGE_AUDIT_DIR": str(blocked)}
    out = tmp_path / "plain.txt"
    done = RUNNER.invoke(
        app, ["govern", "decrypt", str(tmp_path / "data.txt.sbenc"), "--out", str(out)], env=env
    )
    assert done.exit_code == 2 and not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # nothing staged left behind
    done = RUNNER.invoke(app, ["govern", "unredact"], input=encrypted.stdout, env=env)
    assert done.exit_code == 2 and done.stdout == "" and "example.com" not in done.output
