"""`build` end to end on the demo input (examples/corpus/input): what is kept, what is removed and why,
what is quarantined, and that every record read is accounted for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from seabridge.corpus import BuildConfig, BuildError, build
from seabridge.corpus.store import CorpusDir
from seabridge.governance.crypto import generate_master_key, save_master_key
from seabridge.governance.pii import Entity, redact
from seabridge.platform.settings import get_settings

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "corpus" / "input"


def read_rows(folder: Path) -> list[dict]:
    rows: list[dict] = []
    for shard in sorted(folder.glob("*.parquet")):
        rows.extend(pq.read_table(shard).to_pylist())
    return rows


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "corpus"
    build([str(DEMO)], out, BuildConfig(), workers=1)
    return out


def test_every_record_read_is_kept_removed_or_quarantined(demo: Path) -> None:
    stats = json.loads((demo / "stats.json").read_text())
    kept, removed = read_rows(demo / "data"), read_rows(demo / "removed")
    quarantined = [json.loads(line) for p in (demo / "quarantine").glob("*.jsonl") for line in p.open()]
    news_lines = sum(1 for line in (DEMO / "news.jsonl").open(encoding="utf-8") if line.strip())
    assert stats["files"][str(DEMO / "news.jsonl")]["read"] == news_lines
    for name, counts in stats["files"].items():
        assert counts["read"] == counts["kept"] + counts["removed"] + counts["quarantined"], name
        assert counts["kept"] == sum(1 for r in kept if r["file"] == name)
        assert counts["removed"] == sum(1 for r in removed if r["file"] == name)
        assert counts["quarantined"] == sum(1 for q in quarantined if q["file"] == name)
    assert stats["totals"]["read"] == len(kept) + len(removed) + len(quarantined)
    assert len({r["id"] for r in kept + removed}) == len(kept) + len(removed)
    assert all(r["drop_reason"] is None for r in kept) and all(r["drop_reason"] for r in removed)


def test_documents_get_the_label_of_their_language(demo: Path) -> None:
    kept = [r for r in read_rows(demo / "data") if r["file"].endswith("news.jsonl")]
    hinted = [(r, json.loads(r["meta"]).get("lang_hint")) for r in kept]
    single = [(r, hint) for r, hint in hinted if hint and "+" not in hint]
    assert len(single) >= 60
    assert sum(r["label"] == hint for r, hint in single) / len(single) >= 0.97


def test_exact_and_near_copies_are_removed_pointing_at_the_kept_one(demo: Path) -> None:
    """Each injected copy and its original: the earlier in the input is kept, the other removed."""
    rows = [
        r for r in read_rows(demo / "data") + read_rows(demo / "removed") if r["file"].endswith("news.jsonl")
    ]
    groups: dict[str, list[dict]] = {}
    for row in rows:
        url = json.loads(row["meta"])["url"]
        groups.setdefault(re.sub(r"(\?utm_source=feed|/amp)$", "", url), []).append(row)
    families = [sorted(group, key=lambda r: r["order"]) for group in groups.values() if len(group) > 1]
    assert sum(len(family) - 1 for family in families) == 12
    for first, *copies in families:
        assert first["drop_reason"] is None
        for copy in copies:
            assert copy["drop_reason"] in ("exact_duplicate", "near_duplicate")
            assert copy["duplicate_of"] == first["id"]
    reasons = [r["drop_reason"] for r in rows]
    assert reasons.count("exact_duplicate") == 6 and reasons.count("near_duplicate") == 6


def test_personal_data_is_redacted_in_kept_text(demo: Path) -> None:
    kept = read_rows(demo / "data")
    text = "\n".join(r["text"] for r in kept)
    for value in (
        "somchai.k@example.co.th",
        "๐๘๑-๒๓๔-๕๖๗๘",
        "0912 345 678",
        "lienhe@baomoi.example.vn",
        "+62 812-3456-7890",
        "203.0.113.42",
        "1-1017-00230-70-8",
        "001085123456",
        "3201234501900001",
        "4111 1111 1111 1111",
    ):
        assert value not in text
    for placeholder in ("EMAIL", "PHONE", "IP_ADDRESS", "TH_NATIONAL_ID", "VN_CCCD", "ID_NIK", "CREDIT_CARD"):
        assert f"<{placeholder}>" in text
    assert sum(1 for r in kept if r["pii"]) >= 4


def test_spam_junk_zawgyi_and_code_switching(demo: Path) -> None:
    kept, removed = read_rows(demo / "data"), read_rows(demo / "removed")
    reasons = {
        json.loads(r["meta"])["url"]: r["drop_reason"] for r in removed if r["file"].endswith("news.jsonl")
    }
    assert reasons["https://spam.example/slot"] == "blocklist"
    assert reasons["https://junk.example/"] == "too_few_words"
    by_url = {json.loads(r["meta"])["url"]: r for r in kept if r["file"].endswith("news.jsonl")}
    zawgyi = by_url["https://gov.example.mm/news/2018-07-26"]
    assert zawgyi["label"] == "mya_Mymr" and zawgyi["zawgyi"] and "zawgyi" in zawgyi["normalize_changes"]
    mixed = by_url["https://news.example.org/th-en/abstract"]
    assert mixed["label"] == "tha_Thai" and mixed["code_switched"] and mixed["other_labels"] == ["eng_Latn"]
    assert not any(r["code_switched"] for u, r in by_url.items() if "th-en" not in u and "/contact" not in u)


def test_bad_files_are_quarantined_with_file_position_and_reason(demo: Path) -> None:
    quarantined = [json.loads(line) for p in (demo / "quarantine").glob("*.jsonl") for line in p.open()]
    by_file: dict[str, list[dict]] = {}
    for item in quarantined:
        by_file.setdefault(Path(item["file"]).name, []).append(item)
    assert {"forum.jsonl.gz", "broken.jsonl", "photo.txt", "notes.docx"} <= set(by_file)
    assert "truncated" in by_file["forum.jsonl.gz"][0]["reason"]
    assert sorted(item["position"] for item in by_file["broken.jsonl"]) == [2, 3, 4, 6]
    assert "binary" in by_file["photo.txt"][0]["reason"]
    assert "unsupported format" in by_file["notes.docx"][0]["reason"]
    stats = json.loads((demo / "stats.json").read_text())
    forum = stats["files"][str(DEMO / "damaged" / "forum.jsonl.gz")]
    assert forum["kept"] + forum["removed"] >= 5  # the records before the damage were kept
    assert stats["files"][str(DEMO / "damaged" / "empty.jsonl")]["read"] == 0
    assert "HTML" not in json.dumps(stats["quarantine_reasons"])


def test_warc_html_main_text_is_extracted_and_images_quarantined(demo: Path) -> None:
    rows = [
        r for r in read_rows(demo / "data") + read_rows(demo / "removed") if r["file"].endswith(".warc.gz")
    ]
    assert {r["label"] for r in rows} == {"vie_Latn", "khm_Khmr", "zho_Hant"}
    for row in rows:
        assert "All rights reserved" not in row["text"] and "Login" not in row["text"]
    quarantined = [json.loads(line) for p in (demo / "quarantine").glob("*.jsonl") for line in p.open()]
    assert any(q["file"].endswith(".warc.gz") and "image/png" in q["reason"] for q in quarantined)


def test_manifest_records_inputs_parameters_and_counts(demo: Path) -> None:
    manifest = json.loads((demo / "manifest.json").read_text())
    paths = [item["path"] for item in manifest["inputs"]]
    assert str(DEMO / "news.jsonl") in paths and len(paths) == 8
    assert all(len(item["sha256"]) == 64 for item in manifest["inputs"])
    assert manifest["parameters"]["dedup"]["bands"] == 20
    assert (
        sum(manifest["counts"][k] for k in ("kept", "removed", "quarantined")) == manifest["counts"]["read"]
    )
    assert (demo / "report.html").stat().st_size > 10_000
    assert not (demo / "_work").exists()


def test_manifest_classifies_the_corpus_from_what_was_found(demo: Path, tmp_path: Path) -> None:
    classification = json.loads((demo / "manifest.json").read_text())["classification"]
    stats = json.loads((demo / "stats.json").read_text())
    # personal data was found and replaced by placeholders, nothing was declared: internal, not public
    assert classification["level"] == "internal"
    assert classification["pii_found"] == stats["pii"] and stats["pii"]["EMAIL"] >= 2
    assert classification["redaction"] == "placeholder"
    # declared health data is sensitive personal data, whatever was (not) scanned
    config = BuildConfig(pii="off", categories=("health",))
    manifest = build([str(DEMO / "news.jsonl")], tmp_path / "health", config, workers=1).manifest
    assert manifest["classification"]["level"] == "sensitive_personal"
    assert manifest["parameters"]["categories"] == ["health"]


def test_rerun_is_recognised_and_other_settings_are_refused(demo: Path) -> None:
    before = sorted(p.name for p in (demo / "data").iterdir())
    again = build([str(DEMO)], demo, BuildConfig(), workers=1)
    assert again.resumed and again.counts == json.loads((demo / "manifest.json").read_text())["counts"]
    assert sorted(p.name for p in (demo / "data").iterdir()) == before
    with pytest.raises(BuildError, match="other inputs or settings"):
        build([str(DEMO)], demo, BuildConfig(min_label_score=0.9), workers=1)


def test_removed_documents_keep_their_measurements(demo: Path) -> None:
    """Thresholds can be re-applied from the shards: every removed document keeps what was measured."""
    removed = [r for r in read_rows(demo / "removed") if r["drop_reason"] == "too_few_words"]
    assert removed and all(r["words"] is not None and r["label"] for r in removed)
    store = CorpusDir(demo)
    assert store.shards(store.data) and store.shards(store.removed)


def test_hash_mode_pseudonymises_with_the_master_key(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="needs the master key"):  # no key yet: refused before any work
        build([str(DEMO / "news.jsonl")], tmp_path / "nokey", BuildConfig(pii="hash"), workers=1)
    key = generate_master_key()
    save_master_key(key, get_settings().master_key_path())
    result = build([str(DEMO / "news.jsonl")], tmp_path / "hashed", BuildConfig(pii="hash"), workers=2)
    text = "\n".join(r["text"] for r in read_rows(tmp_path / "hashed" / "data"))
    address = "somchai.k@example.co.th"
    assert address not in text and "1-1017-00230-70-8" not in text
    # the token of the same value redacted alone: the same everywhere under one key
    token = redact(address, [Entity("EMAIL", 0, len(address), 1.0)], "hash", keys=key)
    assert token in text
    assert result.manifest["parameters"]["pii_key_id"] == key.key_id
    # pseudonymised IDs are still sensitive personal data
    assert result.manifest["classification"]["level"] == "sensitive_personal"
