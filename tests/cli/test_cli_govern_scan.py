"""``seabridge govern scan|redact|classify``: the line contract, code-point offsets, hostile input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEABRIDGE = [str(Path(sys.executable).with_name("seabridge"))]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    # output must be UTF-8 even under a hostile locale; wide, so that error boxes do not wrap messages
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "300"}
    return subprocess.run([*SEABRIDGE, *args], input=stdin, capture_output=True, env=env, timeout=120)


LINES = [
    "โทร0812345678ครับ",
    "😀𠀀 mail somchai.k@example.co.th now",  # two astral characters before the address: 2 code points
    "",
    "nothing personal here, just 2024-05-01 and 3.5 kg",
    "Liên hệ: 0912 345 678, máy chủ 203.0.113.42",
]


def rows(done: subprocess.CompletedProcess[bytes]) -> list[dict]:
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def test_scan_reports_code_point_offsets_one_object_per_line() -> None:
    found = rows(run("govern", "scan", stdin="\n".join(LINES).encode() + b"\n"))
    assert len(found) == len(LINES)
    spans = [
        [(e["type"], LINES[i][e["start"] : e["end"]]) for e in row["entities"]] for i, row in enumerate(found)
    ]
    assert spans == [
        [("PHONE", "0812345678")],
        [("EMAIL", "somchai.k@example.co.th")],
        [],
        [],
        [("PHONE", "0912 345 678"), ("IP_ADDRESS", "203.0.113.42")],
    ]
    assert found[1]["entities"][0]["start"] == 8  # code points, not UTF-16 units (10) or bytes
    assert all(0.5 <= e["score"] <= 1.0 for row in found for e in row["entities"])


def test_scan_survives_hostile_bytes_and_keeps_the_line_count() -> None:
    hostile = [b"\xff\xfe bad \xc3\x28 utf-8 0812345678", b"nul\x00inside", b"\r", "a\u2028b".encode(), b""]
    found = rows(run("govern", "scan", "--lang", "tha_Thai", stdin=b"\n".join(hostile) + b"\n"))
    assert len(found) == len(hostile)


def test_redact_modes_keep_lines_and_leave_no_personal_data() -> None:
    stdin = "\n".join(LINES).encode() + b"\n"
    masked = run("govern", "redact", "--mode", "mask", stdin=stdin).stdout.decode().splitlines()
    assert [len(line) for line in masked] == [len(line) for line in LINES]  # a mask keeps offsets valid
    assert masked[0] == "โทร**********ครับ"
    placeholders = run("govern", "redact", stdin=stdin).stdout.decode()
    assert placeholders.splitlines()[4] == "Liên hệ: <PHONE>, máy chủ <IP_ADDRESS>"
    again = rows(run("govern", "scan", stdin=placeholders.encode()))
    assert all(not row["entities"] for row in again)


def test_bad_options_are_refused_clearly(tmp_path: Path) -> None:
    done = run("govern", "scan", "--lang", "thai", stdin=b"a\n")
    assert done.returncode == 2 and b"--lang" in done.stderr
    done = run("govern", "redact", "--mode", "shred", stdin=b"a\n")
    assert done.returncode == 2 and b"shred" in done.stderr
    done = run("govern", "scan", str(tmp_path / "missing.txt"))
    assert done.returncode == 2 and b"no such file" in done.stderr


def test_classify_reads_the_level_from_what_is_found(tmp_path: Path) -> None:
    file = tmp_path / "lines.txt"
    file.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    result = rows(run("govern", "classify", str(file), "--category", "public", "--json"))[0]
    assert result["level"] == "personal" and result["lines"] == len(LINES)
    assert result["pii_found"] == {"EMAIL": 1, "IP_ADDRESS": 1, "PHONE": 2}
    clean = tmp_path / "clean.txt"
    clean.write_text("nothing personal here\n", encoding="utf-8")
    assert (
        rows(run("govern", "classify", str(clean), "--category", "public", "--json"))[0]["level"] == "public"
    )


def test_keyed_modes_round_trip_through_unredact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEABRIDGE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SEABRIDGE_MASTER_KEY", raising=False)
    monkeypatch.delenv("SEABRIDGE_MASTER_KEY_FILE", raising=False)
    stdin = "\n".join(LINES).encode() + b"\n"
    assert run("govern", "redact", "--mode", "hash", stdin=stdin).returncode == 2  # no key yet: refused
    assert run("govern", "keygen").returncode == 0
    hashed = run("govern", "redact", "--mode", "hash", stdin=stdin).stdout.decode().splitlines()
    assert hashed == run("govern", "redact", "--mode", "hash", stdin=stdin).stdout.decode().splitlines()
    assert "0812345678" not in hashed[0] and hashed[0].startswith("โทร<PHONE:")
    encrypted = run("govern", "redact", "--mode", "encrypt", stdin=stdin).stdout
    assert b"somchai" not in encrypted
    restored = run("govern", "unredact", stdin=encrypted)
    assert restored.returncode == 0 and restored.stdout.decode().splitlines() == LINES
    monkeypatch.setenv("SEABRIDGE_HOME", str(tmp_path / "other"))
    assert run("govern", "keygen").returncode == 0
    wrong = run("govern", "unredact", stdin=encrypted)
    assert wrong.returncode == 1 and b"line 1" in wrong.stderr
