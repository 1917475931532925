"""`seabridge govern keygen|encrypt|decrypt` through the CLI app, with the key under a temporary home."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seabridge.cli.main import app
from seabridge.governance.crypto import MasterKey, read_key_file

DATA = "ข้อมูลลูกค้า customer records\n".encode() * 5000  # 270,000 bytes: four 64 KiB chunks and a fifth


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SEABRIDGE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SEABRIDGE_MASTER_KEY", raising=False)
    monkeypatch.delenv("SEABRIDGE_MASTER_KEY_FILE", raising=False)
    monkeypatch.setenv("COLUMNS", "300")
    return tmp_path / "home"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["govern", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def keyed(home: Path) -> MasterKey:
    code, _, stderr = run("keygen")
    assert code == 0, stderr
    return read_key_file(home / "keys" / "master.key")


def test_keygen_writes_an_owner_only_key_and_prints_only_its_id(home: Path) -> None:
    code, stdout, stderr = run("keygen")
    path = home / "keys" / "master.key"
    assert code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = read_key_file(path)
    assert str(path) in stdout and key.key_id in stdout
    assert path.read_text().strip() not in stdout + stderr
    code, _, stderr = run("keygen")
    assert code == 2 and "already exists" in stderr and "--force" in stderr
    assert read_key_file(path).key_id == key.key_id
    code, stdout, _ = run("keygen", "--force", "--json")
    record = json.loads(stdout)
    assert code == 0 and record["path"] == str(path)
    assert record["key_id"] == read_key_file(path).key_id != key.key_id


@pytest.mark.parametrize("algorithm", ["aes-256-gcm", "sm4-gcm"])
def test_encrypt_then_decrypt_restores_the_file(keyed: MasterKey, tmp_path: Path, algorithm: str) -> None:
    plain = tmp_path / "customers.csv"
    plain.write_bytes(DATA)
    code, stdout, stderr = run("encrypt", plain, "--algorithm", algorithm)
    sealed = tmp_path / "customers.csv.sbenc"
    assert code == 0, stderr
    assert sealed.read_bytes()[:5] == b"SBENC" and DATA[:30] not in sealed.read_bytes()
    assert keyed.key_id in stdout and algorithm.upper() in stdout
    out = tmp_path / "restored"
    out.mkdir()
    code, stdout, stderr = run("decrypt", sealed, "--out", out, "--json")
    assert code == 0, stderr
    record = json.loads(stdout)
    assert record["status"] == "decrypted" and record["algorithm"] == algorithm.upper()
    assert (out / "customers.csv").read_bytes() == DATA


def test_several_files_into_a_folder_and_back(keyed: MasterKey, tmp_path: Path) -> None:
    inputs = []
    for name in ("a.txt", "b.jsonl"):
        (tmp_path / name).write_text(f"{name} content\n")
        inputs.append(tmp_path / name)
    code, stdout, _ = run("encrypt", *inputs, "--out", tmp_path / "sealed", "--json")
    assert code == 0
    assert [json.loads(line)["output"] for line in stdout.splitlines()] == [
        str(tmp_path / "sealed" / "a.txt.sbenc"),
        str(tmp_path / "sealed" / "b.jsonl.sbenc"),
    ]
    sealed = sorted((tmp_path / "sealed").iterdir())
    code, _, _ = run("decrypt", *sealed, "--out", tmp_path / "plain")
    assert code == 0
    assert (tmp_path / "plain" / "b.jsonl").read_text() == "b.jsonl content\n"


def test_a_tampered_file_exits_1_with_the_reason_and_leaves_no_output(
    keyed: MasterKey, tmp_path: Path
) -> None:
    plain = tmp_path / "data.bin"
    plain.write_bytes(DATA)
    assert run("encrypt", plain)[0] == 0
    plain.unlink()
    sealed = tmp_path / "data.bin.sbenc"
    altered = bytearray(sealed.read_bytes())
    altered[-100] ^= 0x04  # in the last chunk (number 4): the first four decrypt before the failure
    sealed.write_bytes(altered)
    code, stdout, stderr = run("decrypt", sealed)
    assert code == 1
    assert f"{sealed}: chunk 4 failed authentication" in stderr
    assert "Traceback" not in stdout + stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.bin.sbenc", "home"]
    code, stdout, _ = run("decrypt", sealed, "--json")
    assert code == 1 and json.loads(stdout)["reason"] == "chunk-auth"


def test_wrong_key_file_and_key_from_the_environment(
    keyed: MasterKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "data.txt"
    plain.write_text("secret\n")
    assert run("encrypt", plain)[0] == 0
    other = tmp_path / "other.key"
    assert run("keygen", "--out", other)[0] == 0
    sealed = tmp_path / "data.txt.sbenc"
    code, _, stderr = run("decrypt", sealed, "--out", tmp_path / "x", "--key-file", other)
    assert code == 1 and "wrong master key" in stderr and keyed.key_id in stderr
    assert not (tmp_path / "x").exists()
    # the same key given in SEABRIDGE_MASTER_KEY, with the key file gone
    monkeypatch.setenv("SEABRIDGE_MASTER_KEY", keyed.encoded())
    (tmp_path / "home" / "keys" / "master.key").unlink()
    code, _, stderr = run("decrypt", sealed, "--out", tmp_path / "x")
    assert code == 0, stderr
    assert (tmp_path / "x").read_text() == "secret\n"


def test_bad_input_exits_2_with_a_reason(keyed: MasterKey, tmp_path: Path) -> None:
    plain = tmp_path / "data.txt"
    plain.write_text("x\n")
    cases = [
        (("encrypt", tmp_path / "missing.txt"), "no such file"),
        (("encrypt", plain, "--algorithm", "des"), "unknown algorithm 'des'"),
        (("decrypt", plain), "does not end in .sbenc"),
        (("encrypt", plain, "--key-file", tmp_path / "nokey"), "no master key at"),
    ]
    for args, message in cases:
        code, _, stderr = run(*args)
        assert code == 2 and message in stderr, (args, stderr)
    assert run("encrypt", plain)[0] == 0
    code, _, stderr = run("encrypt", plain)
    assert code == 2 and "already exists; pass --force" in stderr
    assert run("encrypt", plain, "--force")[0] == 0
    loose = tmp_path / "loose.key"
    loose.write_text(base64.b64encode(bytes(32)).decode())
    loose.chmod(0o644)
    sealed = tmp_path / "data.txt.sbenc"
    code, _, stderr = run("decrypt", sealed, "--out", tmp_path / "y", "--key-file", loose)
    assert code == 2 and "too open" in stderr and "chmod 600" in stderr
    code, _, stderr = run("decrypt", plain, "--out", tmp_path / "y")  # not an envelope at all
    assert code == 1 and "not a seabridge envelope" in stderr
