"""Settings come from SEABRIDGE_* variables, default under the home folder, and never print secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from seabridge.platform.settings import get_settings


def test_paths_follow_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEABRIDGE_HOME", str(tmp_path))
    for name in ("MASTER_KEY_FILE", "MASTER_KEY", "AUDIT_DIR", "AUDIT_SIGNING_KEY_FILE"):
        monkeypatch.delenv(f"SEABRIDGE_{name}", raising=False)
    settings = get_settings()
    assert settings.master_key_path() == tmp_path / "keys" / "master.key"
    assert settings.audit_path() == tmp_path / "audit"
    assert settings.audit_signing_key_path() == tmp_path / "keys" / "audit-signing.key"


def test_explicit_paths_win_and_secrets_stay_hidden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEABRIDGE_MASTER_KEY_FILE", str(tmp_path / "vault" / "k"))
    monkeypatch.setenv("SEABRIDGE_MASTER_KEY", "c2VjcmV0LXZhbHVl")
    settings = get_settings()
    assert settings.master_key_path() == tmp_path / "vault" / "k"
    assert settings.master_key is not None
    assert settings.master_key.get_secret_value() == "c2VjcmV0LXZhbHVl"
    assert "c2VjcmV0LXZhbHVl" not in repr(settings) and "c2VjcmV0LXZhbHVl" not in str(settings.model_dump())


def test_secret_files_give_clear_errors_for_odd_paths(tmp_path: Path) -> None:
    from seabridge.platform.secret_files import SecretFileError, read_secret_file, write_secret_file

    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(SecretFileError, match="Not a directory"):  # a file where a folder should be
        read_secret_file(plain / "key", what="master key", missing_hint="make one")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(SecretFileError, match="cannot read the master key"):
        read_secret_file(loop, what="master key", missing_hint="make one")
    with pytest.raises(SecretFileError, match="cannot write the master key"):
        write_secret_file(tmp_path, "secret", what="master key", force=True)  # a folder in the way
    write_secret_file(tmp_path / "k" / "key", "secret\n", what="master key")
    assert (tmp_path / "k" / "key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o700
    assert read_secret_file(tmp_path / "k" / "key", what="master key", missing_hint="") == "secret\n"
    with pytest.raises(SecretFileError, match="refusing to overwrite the master key"):
        write_secret_file(tmp_path / "k" / "key", "other", what="master key")
