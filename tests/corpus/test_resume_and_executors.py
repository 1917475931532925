"""The result does not depend on how the work was run: cut into many tasks or few, on local processes or
a real local Ray cluster, uninterrupted or killed with SIGKILL halfway and re-run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from seabridge.corpus import BuildConfig, build

REPO = Path(__file__).resolve().parents[2]
NEWS = REPO / "examples" / "corpus" / "input" / "news.jsonl"
SEABRIDGE = Path(sys.executable).with_name("seabridge")


def outcome(out: Path) -> dict[str, tuple]:
    """Every document's fate: id -> (kept?, drop reason, duplicate of, text)."""
    rows: dict[str, tuple] = {}
    for folder, kept in (("data", True), ("removed", False)):
        for shard in sorted((out / folder).glob("*.parquet")):
            for row in pq.read_table(shard).to_pylist():
                assert row["id"] not in rows, "a document was written twice"
                rows[row["id"]] = (kept, row["drop_reason"], row["duplicate_of"], row["text"])
    return rows


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    out = tmp_path_factory.mktemp("reference") / "corpus"
    build([str(NEWS)], out, BuildConfig(), workers=1)
    return outcome(out)


def test_many_small_tasks_give_the_same_corpus_as_one(tmp_path: Path, reference: dict[str, tuple]) -> None:
    out = tmp_path / "corpus"
    result = build([str(NEWS)], out, BuildConfig(task_bytes=16_000, batch_docs=7), workers=2)
    assert result.manifest["tasks"] > 5  # the file was cut into byte ranges
    assert outcome(out) == reference


def test_ray_executor_gives_the_same_corpus_as_local(tmp_path: Path, reference: dict[str, tuple]) -> None:
    pytest.importorskip("ray")
    out = tmp_path / "corpus"
    result = build([str(NEWS)], out, BuildConfig(task_bytes=40_000), workers=2, executor="ray")
    assert result.manifest["executor"] == "ray" and result.manifest["tasks"] > 1
    assert outcome(out) == reference


def test_kill_9_midway_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    config = tmp_path / "small-tasks.toml"
    config.write_text("task_bytes = 6000\nbatch_docs = 4\n")
    command = [
        str(SEABRIDGE),
        "corpus",
        "build",
        str(NEWS),
        "--workers",
        "1",
        "--config",
        str(config),
        "--out",
    ]
    clean, interrupted = tmp_path / "clean", tmp_path / "interrupted"
    subprocess.run([*command, str(clean)], check=True, capture_output=True, timeout=300)

    process = subprocess.Popen(
        [*command, str(interrupted)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    markers = interrupted / "_work" / "markers"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(markers.glob("stage-*.json"))) < 5:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    finished_before = len(list(markers.glob("stage-*.json")))
    assert finished_before >= 5 and not (interrupted / "manifest.json").exists()

    rerun = subprocess.run(
        [*command, str(interrupted)], check=True, capture_output=True, text=True, timeout=300
    )
    assert "kept" in rerun.stdout
    assert outcome(interrupted) == outcome(clean)
    shutil.rmtree(tmp_path / "clean")
