"""`seabridge corpus build|stats|sample|export` run as a user runs them: the installed command."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]
SEABRIDGE = str(Path(sys.executable).with_name("seabridge"))
NEWS = REPO / "examples" / "corpus" / "input" / "news.jsonl"


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120", "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [SEABRIDGE, *args], capture_output=True, text=True, check=check, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "corpus"
    result = run(
        "corpus",
        "build",
        str(NEWS),
        str(REPO / "examples" / "corpus" / "input" / "damaged"),
        "--out",
        str(out),
    )
    assert "kept" in result.stdout and "report:" in result.stdout
    assert "quarantined records in" in result.stdout and "broken.jsonl" in result.stdout
    return out


def kept_count(corpus: Path) -> int:
    return sum(pq.read_metadata(p).num_rows for p in (corpus / "data").glob("*.parquet"))


def test_stats_json_is_the_stats_file(corpus: Path) -> None:
    printed = json.loads(run("corpus", "stats", str(corpus), "--json").stdout)
    assert printed == json.loads((corpus / "stats.json").read_text())
    assert printed["totals"]["kept"] == kept_count(corpus)
    table = run("corpus", "stats", str(corpus)).stdout
    assert "tha_Thai" in table and "removed because" in table


def test_sample_draws_documents_of_one_label_reproducibly(corpus: Path) -> None:
    first = [
        json.loads(line)
        for line in run(
            "corpus", "sample", str(corpus), "--label", "khm_Khmr", "-n", "3", "--json"
        ).stdout.splitlines()
    ]
    again = [
        json.loads(line)
        for line in run(
            "corpus", "sample", str(corpus), "--label", "khm_Khmr", "-n", "3", "--json"
        ).stdout.splitlines()
    ]
    assert len(first) == 3 and first == again
    assert all(doc["label"] == "khm_Khmr" and doc["drop_reason"] is None for doc in first)
    removed = run("corpus", "sample", str(corpus), "--removed", "-n", "50", "--json").stdout.splitlines()
    assert removed and all(json.loads(line)["drop_reason"] for line in removed)
    shown = run("corpus", "sample", str(corpus), "--label", "tha_Thai", "-n", "1").stdout
    assert "tha_Thai" in shown


def test_export_jsonl_writes_every_kept_document(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl.gz"
    run("corpus", "export", str(corpus), "--format", "jsonl", "--out", str(out))
    with gzip.open(out, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert len(records) == kept_count(corpus)
    assert all(set(r) >= {"id", "text", "label", "source", "meta"} for r in records)
    assert all(isinstance(r["meta"], dict) for r in records)


def test_export_hf_folder_loads_with_datasets_offline(corpus: Path, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "hf"
    run("corpus", "export", str(corpus), "--format", "hf", "--out", str(out))
    everything = datasets.load_dataset(str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert everything.num_rows == kept_count(corpus)
    thai = datasets.load_dataset(str(out), "tha_Thai", split="train", cache_dir=str(tmp_path / "cache"))
    assert thai.num_rows > 0 and set(thai["label"]) == {"tha_Thai"}
    assert "configs:" in (out / "README.md").read_text()


def test_errors_name_the_problem_and_exit_2(tmp_path: Path) -> None:
    missing = run("corpus", "stats", str(tmp_path), check=False)
    assert missing.returncode == 2 and "manifest.json does not exist" in missing.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("min_label_scor = 0.3\n")
    refused = run(
        "corpus", "build", str(NEWS), "--out", str(tmp_path / "x"), "--config", str(bad), check=False
    )
    assert refused.returncode == 2 and "bad.toml" in refused.stderr and "min_label_scor" in refused.stderr
    nothing = run("corpus", "build", str(tmp_path / "nope"), "--out", str(tmp_path / "y"), check=False)
    assert nothing.returncode == 2 and "no such file" in nothing.stderr
