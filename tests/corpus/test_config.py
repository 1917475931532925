"""Build settings from TOML: what is accepted, what is refused with file and reason, and that per-language
thresholds and the language selection change exactly the documents they should."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from seabridge.corpus import BuildConfig, ConfigError, build, load_config

NEWS = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "input" / "news.jsonl"


def test_toml_sets_fields_tables_and_thresholds(tmp_path: Path) -> None:
    path = tmp_path / "build.toml"
    path.write_text(
        'languages = ["tha_Thai", "lao_Laoo"]\nmin_label_score = 0.7\npii = "mask"\n'
        "[dedup]\nthreshold = 0.8\n[thresholds.tha_Thai]\nmin_words = 50\n"
    )
    config = load_config(path)
    assert config.languages == ("tha_Thai", "lao_Laoo") and config.pii == "mask"
    assert config.dedup.threshold == 0.8 and config.thresholds == {"tha_Thai": {"min_words": 50}}
    assert config.fingerprint() != BuildConfig().fingerprint()
    assert BuildConfig(pii=False).pii == "off"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("min_label_scor = 0.3\n", "unknown setting(s) min_label_scor"),
        ("[dedup]\nbandz = 3\n", "[dedup] takes only"),
        ("[thresholds.tha_Thai]\nmin_wordz = 3\n", "thresholds.tha_Thai: unknown threshold(s) min_wordz"),
        ('pii = "shout"\n', "pii must be one of"),
        ("languages = [\n", "build.toml"),
    ],
)
def test_bad_settings_are_refused_naming_the_file_and_the_setting(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "build.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert message in str(error.value)


def test_thresholds_and_language_selection_change_only_their_documents(tmp_path: Path) -> None:
    config = BuildConfig(thresholds={"tha_Thai": {"min_words": 100_000}}, languages=("tha_Thai", "vie_Latn"))
    build([str(NEWS)], tmp_path / "c", config, workers=1)
    rows = [
        r
        for p in sorted((tmp_path / "c" / "removed").glob("*.parquet"))
        for r in pq.read_table(p).to_pylist()
    ]
    kept = [
        r for p in sorted((tmp_path / "c" / "data").glob("*.parquet")) for r in pq.read_table(p).to_pylist()
    ]
    assert {r["label"] for r in kept} == {"vie_Latn"}
    thai = [r for r in rows if r["label"] == "tha_Thai"]
    assert thai and all(r["drop_reason"] == "too_few_words" for r in thai)
    others = [r for r in rows if r["label"] not in ("tha_Thai", "vie_Latn")]
    assert others and all(r["drop_reason"] == "language_not_selected" for r in others)
