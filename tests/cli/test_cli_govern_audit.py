"""``seabridge govern audit ...`` through the CLI app: exit codes, and the first bad entry named.

Roots are recomputed here from the file with ``hashlib`` (RFC 9162 §2.1.1 by its definition), not taken
from the code under test.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from rfc9162 import mth
from seabridge.cli.main import app
from seabridge.governance.audit import (
    DATA_ACCESS,
    AuditEvent,
    AuditLog,
    generate_signing_key,
    verify_inclusion,
)

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("SEABRIDGE_AUDIT_DIR", "SEABRIDGE_AUDIT_SIGNING_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SEABRIDGE_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def fill(folder: Path, count: int = 8) -> None:
    log = AuditLog(folder, durable=False)
    for i in range(count):
        log.append(AuditEvent(DATA_ACCESS, actor=f"user:{i}", resource="dataset:th-news", outcome="allow"))


def audit(*args: str) -> Result:
    return runner.invoke(app, ["govern", "audit", *args])


def lines(folder: Path) -> list[bytes]:
    return (folder / "entries.jsonl").read_bytes().split(b"\n")[:-1]


def test_checkpoint_creates_the_key_on_first_use_and_verify_passes(home: Path) -> None:
    fill(home / "audit")
    first = audit("checkpoint")
    assert first.exit_code == 0, first.output
    key_file = home / "keys" / "audit-signing.key"
    assert f"created the audit signing key {key_file}" in first.stderr
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.stdout.startswith("seabridge.local/audit\n8\n")
    second = audit("checkpoint")
    assert second.exit_code == 0 and "created" not in second.stderr
    done = audit("verify")
    assert done.exit_code == 0, done.output
    root = mth(lines(home / "audit")).hex()
    assert f"intact: 8 entries, root {root}, 2 checkpoints verified" in done.stdout


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (
            lambda ls: ls.__setitem__(3, ls[3].replace(b"user:3", b"user:7")),
            "first bad entry 3, line 4: altered",
        ),
        (lambda ls: ls.__delitem__(5), "first bad entry 5, line 6: removed"),
        (lambda ls: ls.insert(5, ls[1]), "first bad entry 5, line 6: inserted"),
        (lambda ls: ls.__setitem__(slice(1, 3), [ls[2], ls[1]]), "first bad entry 1, line 2: reordered"),
    ],
)
def test_verify_exits_1_naming_the_first_bad_entry(
    home: Path, tamper: Callable[[list[bytes]], None], expected: str
) -> None:
    folder = home / "logs" / "a"
    fill(folder)
    stored = lines(folder)
    tamper(stored)
    (folder / "entries.jsonl").write_bytes(b"".join(line + b"\n" for line in stored))
    done = audit("verify", "--log", str(folder))
    assert done.exit_code == 1
    assert expected in done.stdout
    assert f"{folder / 'entries.jsonl'} line" in done.stdout


def test_verify_with_the_wrong_public_key_names_the_checkpoint(home: Path, tmp_path: Path) -> None:
    fill(home / "audit")
    assert audit("checkpoint").exit_code == 0
    public = tmp_path / "other.pub"
    public.write_text(generate_signing_key("seabridge.local/audit").verifier().to_string())
    done = audit("verify", "--public-key", str(public))
    assert done.exit_code == 1
    assert "first bad a checkpoint, line 1: bad signature" in done.stdout
    ours = tmp_path / "ours.pub"
    exported = audit("public-key")
    ours.write_text(exported.stdout)
    assert audit("verify", "--public-key", str(ours)).exit_code == 0


def test_verify_json_and_bad_input(home: Path) -> None:
    fill(home / "audit", 3)
    done = audit("verify", "--json")
    report = json.loads(done.stdout)
    assert done.exit_code == 0 and report["ok"] and report["entries"] == 3
    assert report["root"] == mth(lines(home / "audit")).hex() and report["signatures_checked"] is False
    missing = audit("verify", "--log", str(home / "nowhere"))
    assert missing.exit_code == 2 and "no audit log at" in missing.stderr
    not_a_key = home / "junk.pub"
    not_a_key.write_text("junk")
    assert audit("verify", "--public-key", str(not_a_key)).exit_code == 2


def test_show_prints_the_last_entries(home: Path) -> None:
    fill(home / "audit", 5)
    done = audit("show", "--last", "2", "--json")
    shown = [json.loads(line) for line in done.stdout.splitlines()]
    assert [entry["seq"] for entry in shown] == [3, 4]
    assert [json.dumps(e, sort_keys=True, separators=(",", ":")).encode() for e in shown] == lines(
        home / "audit"
    )[3:]
    table = audit("show")
    assert table.exit_code == 0 and "user:4" in table.stdout and "dataset:th-news" in table.stdout


def test_prove_prints_an_inclusion_proof_that_verifies(home: Path) -> None:
    fill(home / "audit", 6)
    assert audit("checkpoint").exit_code == 0
    done = audit("prove", "--index", "4")
    assert done.exit_code == 0, done.output
    proof = json.loads(done.stdout)
    stored = lines(home / "audit")
    assert proof["leaf_data"].encode() == stored[4] and proof["tree_size"] == 6
    assert proof["root_hash"] == mth(stored).hex() and proof["checkpoint"].startswith(
        "seabridge.local/audit\n6\n"
    )
    path = [bytes.fromhex(node) for node in proof["inclusion_path"]]
    leaf = hashlib.sha256(b"\x00" + stored[4]).digest()
    assert verify_inclusion(4, 6, leaf, path, bytes.fromhex(proof["root_hash"]))
    assert audit("prove", "--index", "6").exit_code == 2
    consistency = json.loads(audit("consistency", "--old", "3").stdout)
    assert consistency["old_root"] == mth(stored[:3]).hex() and consistency["new_size"] == 6


def test_keygen_refuses_to_overwrite(home: Path) -> None:
    made = audit("keygen", "--name", "example.org/audit")
    assert made.exit_code == 0 and made.stdout.startswith("example.org/audit+")
    again = audit("keygen")
    assert again.exit_code == 2 and "refusing to overwrite" in again.stderr
    assert audit("public-key").stdout == made.stdout


def test_show_prints_markup_in_entries_as_text(home: Path) -> None:
    log = AuditLog(home / "audit", durable=False)
    log.append(AuditEvent(DATA_ACCESS, actor="user:[/bold]", resource="dataset:[red]x", outcome="allow"))
    log.close()
    shown = audit("show")
    assert shown.exit_code == 0, shown.output
    assert "user:[/bold]" in shown.stdout and "dataset:[red]x" in shown.stdout


def test_verify_warns_about_an_unsigned_tail_and_refuses_an_unreadable_log(home: Path) -> None:
    fill(home / "audit", 3)
    intact = audit("verify")
    assert intact.exit_code == 0 and "3 entries after the last signed checkpoint" in intact.stderr
    assert audit("checkpoint").exit_code == 0
    assert "after the last signed checkpoint" not in audit("verify").stderr
    broken = home / "broken"
    (broken / "entries.jsonl").mkdir(parents=True)
    unreadable = audit("verify", "--log", str(broken))
    assert unreadable.exit_code == 2 and "cannot read the audit log" in unreadable.stderr
