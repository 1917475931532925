"""Shared fixtures: the repo's own sample text (a user's clone has it; see examples/sample/NOTICE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample"


def sample_lines(label: str) -> list[str]:
    return (SAMPLE / f"{label}.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SEABRIDGE_HOME (keys, audit log), so no test writes to the user's."""
    home = tmp_path_factory.mktemp("seabridge-home")
    monkeypatch.setenv("SEABRIDGE_HOME", str(home))
    for name in ("MASTER_KEY", "MASTER_KEY_FILE", "AUDIT_DIR", "AUDIT_SIGNING_KEY_FILE", "POLICY_DIR"):
        monkeypatch.delenv(f"SEABRIDGE_{name}", raising=False)
    return home
