"""The ``seabridge lang`` line contract, exercised through the installed command as evaluators use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, sample_lines

SEABRIDGE = [str(Path(sys.executable).with_name("seabridge"))]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # output must be UTF-8 even under a hostile locale
    return subprocess.run([*SEABRIDGE, *args], input=stdin, capture_output=True, env=env, timeout=120)


HOSTILE = [
    b"",
    b"   ",
    "ภาษาไทยเป็นภาษาราชการ".encode(),
    b"\xff\xfe invalid \xc3\x28 utf-8",
    b"nul\x00inside\x00",
    b"\x1b[31mcontrol\x07chars",
    "Tiếng Việt là ngôn ngữ chính thức".encode(),
    ("ខ្មែរ" * 200_000).encode(),  # a 3 MB line
    b"\r",
]


def test_identify_gives_one_json_object_per_line_even_for_hostile_input() -> None:
    done = run("lang", "identify", stdin=b"\n".join(HOSTILE) + b"\n")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(rows) == len(HOSTILE)
    assert all(set(row) == {"label", "score", "encoding"} for row in rows)
    assert rows[0] == {"label": "und", "score": 0.0, "encoding": "unicode"}
    assert rows[1]["label"] == "und"
    assert rows[2]["label"] == "tha_Thai"
    assert rows[6]["label"] == "vie_Latn"
    assert rows[7]["label"] == "khm_Khmr"


def test_identify_reads_a_file_and_stdin_dash_alike() -> None:
    path = SAMPLE / "mya_Mymr.zawgyi.txt"
    from_file = run("lang", "identify", str(path))
    from_stdin = run("lang", "identify", "-", stdin=path.read_bytes())
    assert from_file.stdout == from_stdin.stdout
    rows = [json.loads(line) for line in from_file.stdout.splitlines()]
    assert rows and all(row == {**row, "label": "mya_Mymr", "encoding": "zawgyi"} for row in rows)


def test_normalize_leaves_correct_files_byte_identical() -> None:
    for label in ("tha_Thai", "khm_Khmr", "shn_Mymr", "zho_Hant", "vie_Latn"):
        path = SAMPLE / f"{label}.txt"
        done = run("lang", "normalize", str(path))
        assert done.returncode == 0
        assert done.stdout == path.read_bytes()


def test_normalize_repairs_damaged_lines_and_keeps_line_count() -> None:
    damaged = (SAMPLE / "damaged.txt").read_bytes()
    done = run("lang", "normalize", stdin=damaged)
    out = done.stdout.decode("utf-8").split("\n")
    assert len(out) == damaged.count(b"\n") + 1 and out[-1] == ""
    assert out[0] == sample_lines("tha_Thai")[0]
    assert "\ufeff" not in out[2] and "\x07" not in out[2]
    assert "\ufeff" not in out[3] and out[3] == sample_lines("khm_Khmr")[0]


def test_normalize_survives_hostile_bytes() -> None:
    done = run("lang", "normalize", stdin=b"\n".join(HOSTILE))
    assert done.returncode == 0
    assert done.stdout.count(b"\n") == len(HOSTILE)


@pytest.mark.parametrize("label", ["tha_Thai", "lao_Laoo", "khm_Khmr", "mya_Mymr", "vie_Latn", "zho_Hans"])
@pytest.mark.parametrize("engine", ["fast", "accurate"])
def test_segment_words_concatenate_to_the_line_without_whitespace(label: str, engine: str) -> None:
    lines = sample_lines(label)[:4]
    done = run("lang", "segment", "--lang", label, "--engine", engine, stdin="\n".join(lines).encode())
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line)["words"] for line in done.stdout.decode("utf-8").splitlines()]
    assert len(rows) == len(lines)
    for line, words in zip(lines, rows, strict=True):
        assert all(word and not any(c.isspace() for c in word) for word in words)
        assert "".join(words) == "".join(line.split())
        assert len(words) > 3


def test_segment_refuses_a_bad_label_or_engine_with_a_clear_message() -> None:
    bad_label = run("lang", "segment", "--lang", "thai", stdin=b"x\n")
    assert bad_label.returncode == 2 and b"tha_Thai" in bad_label.stderr
    bad_engine = run("lang", "segment", "--lang", "tha_Thai", "--engine", "nope", stdin=b"x\n")
    assert bad_engine.returncode == 2 and b"available" in bad_engine.stderr


def test_survey_reports_every_sample_file() -> None:
    done = run("lang", "survey", str(SAMPLE), "--json")
    assert done.returncode == 0, done.stderr
    results = {row["name"]: row for row in map(json.loads, done.stdout.decode("utf-8").splitlines())}
    assert results["mya_Mymr.zawgyi.txt"]["encodings"]["zawgyi"] == results["mya_Mymr.zawgyi.txt"]["lines"]
    assert results["damaged.txt"]["repairs"]["mojibake"] >= 1
    for name, row in results.items():
        if row["expected"]:
            assert row["accuracy"] >= 0.9, name
            assert row["words"] > row["lines"]
