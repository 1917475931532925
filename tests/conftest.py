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
