"""Language identification on held-out FLORES sentences (SIB-200 dev), Zawgyi text and hostile input."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.lang.identify import Identification, identify, identify_batch, known_labels
from seabridge.lang.labels import CORE_LABELS, UNDETERMINED, parse_label

DATA = Path(__file__).resolve().parents[1] / "data" / "identify"


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


SIB = _read_tsv("sib200_dev_excerpt.tsv")
ZAWGYI = _read_tsv("zawgyi_pairs_excerpt.tsv")

# Hand-written Tetum (SIB-200 has none): everyday sentences, not from any training source.
TETUM = [
    "Ha'u naran Maria no ha'u hela iha Dili ho ha'u-nia família.",
    "Ohin loron udan boot tebes iha foho, tan ne'e ema barak la bá servisu.",
    "Labarik sira bá eskola iha dadeer no fila fali ba uma iha lokraik.",
    "Governu hakarak hadi'a estrada sira iha munisípiu hotu-hotu iha tinan ne'e.",
]


@pytest.fixture(scope="module")
def sib_predictions() -> list[tuple[str, Identification]]:
    results = identify_batch([row["text"] for row in SIB])
    return [(row["label"], result) for row, result in zip(SIB, results, strict=True)]


def test_fixture_covers_every_trained_label() -> None:
    counts = Counter(row["label"] for row in SIB)
    assert len(counts) == 34
    assert set(CORE_LABELS) - set(counts) == {"tet_Latn"}  # SIB-200 has no Tetum


def test_held_out_sentences_are_identified(sib_predictions: list[tuple[str, Identification]]) -> None:
    per_label: dict[str, list[bool]] = defaultdict(list)
    for gold, result in sib_predictions:
        per_label[gold].append(result.label == gold)
    accuracy = sum(sum(v) for v in per_label.values()) / len(sib_predictions)
    assert accuracy >= 0.97, accuracy
    weak = {label: sum(v) for label, v in per_label.items() if sum(v) < 5}
    assert not weak, f"labels with fewer than 5 of 6 right: {weak}"


def test_script_routed_labels_are_exact(sib_predictions: list[tuple[str, Identification]]) -> None:
    for gold, result in sib_predictions:
        if gold in {"tha_Thai", "lao_Laoo", "khm_Khmr", "mya_Mymr", "shn_Mymr", "zho_Hans", "zho_Hant",
                    "kor_Hang", "jpn_Jpan"}:  # fmt: skip
            assert result.label == gold
            assert result.encoding == "unicode"
            assert result.score > 0.5


def test_shan_is_never_burmese(sib_predictions: list[tuple[str, Identification]]) -> None:
    shan = [result.label for gold, result in sib_predictions if gold == "shn_Mymr"]
    assert shan and all(label == "shn_Mymr" for label in shan)


def test_indonesian_and_malay_are_told_apart(sib_predictions: list[tuple[str, Identification]]) -> None:
    pair = [(gold, r.label) for gold, r in sib_predictions if gold in ("ind_Latn", "zsm_Latn")]
    assert sum(gold == label for gold, label in pair) >= len(pair) - 1


def test_tetum() -> None:
    assert [r.label for r in identify_batch(TETUM)] == ["tet_Latn"] * len(TETUM)


def test_zawgyi_is_converted_and_reported() -> None:
    for row in ZAWGYI:
        zawgyi = identify(row["zawgyi"])
        assert (zawgyi.label, zawgyi.encoding) == ("mya_Mymr", "zawgyi"), row["zawgyi"]
        unicode = identify(row["unicode"])
        assert (unicode.label, unicode.encoding) == ("mya_Mymr", "unicode"), row["unicode"]


def test_simplified_and_traditional_chinese() -> None:
    assert identify("我们今天晚上去哪里吃饭？").label == "zho_Hans"
    assert identify("我們今天晚上去哪裡吃飯？").label == "zho_Hant"
    assert identify("これは日本語の文章です。").label == "jpn_Jpan"
    assert identify("한국어 문장입니다.").label == "kor_Hang"


def test_mixed_script_goes_by_the_dominant_part() -> None:
    english = identify("We had lunch at a small stall selling ผัดไทย near the river, and it was delicious.")
    assert english.label == "eng_Latn"
    thai = identify("วันนี้ฉันไปประชุมเรื่อง machine learning ที่มหาวิทยาลัยกับเพื่อนร่วมงาน")
    assert thai.label == "tha_Thai"
    assert 0.5 < thai.score < 1.0  # the English words lower the confidence


def test_mojibake_is_repaired_before_identification() -> None:
    text = "Tiếng Việt là ngôn ngữ chính thức của Việt Nam và được hàng triệu người sử dụng."
    broken = text.encode("utf-8").decode("latin-1")
    assert identify(broken).label == "vie_Latn"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\t", "\x00", "12345 678", "!!! ??? ...", "\ud800\udfff", "\x01\x02\x7f", "🙂🙂🙂"],
)
def test_no_language_is_undetermined(text: str) -> None:
    assert identify(text) == Identification(UNDETERMINED, 0.0, "unicode")


def test_untrained_latin_languages_are_not_forced_into_core_labels() -> None:
    german = identify("Das ist ein kurzer deutscher Satz über das Wetter in Berlin und München.")
    turkish = identify("Bu cümle hava durumu hakkında Türkçe yazılmış kısa bir cümledir.")
    assert german.label not in CORE_LABELS
    assert turkish.label not in CORE_LABELS


def test_other_scripts_without_a_model_are_undetermined() -> None:
    assert identify("Это предложение написано по-русски.").label == UNDETERMINED
    assert identify("هذه جملة مكتوبة باللغة العربية").label == UNDETERMINED


def test_hostile_input_does_not_crash() -> None:
    huge = "Saya suka makan nasi goreng di warung dekat rumah. " * 20_000  # ~1 MB, one line
    result = identify(huge)
    assert result.label in {"ind_Latn", "zsm_Latn"}
    noisy = identify("Pada \x00mula \ud83d peperangan\u200b mereka\x1b banyak menggembara di atas laut.")
    assert noisy.label in known_labels()


def test_to_dict() -> None:
    result = Identification("tha_Thai", 0.987654321, "unicode")
    assert result.to_dict() == {"label": "tha_Thai", "score": 0.9877, "encoding": "unicode"}


def test_batch_matches_single_and_handles_empty_batches() -> None:
    texts = [row["text"] for row in SIB[::17]] + ["", TETUM[0]]
    assert identify_batch(texts) == [identify(t) for t in texts]
    assert identify_batch([]) == []


def test_known_labels() -> None:
    labels = known_labels()
    assert set(CORE_LABELS) <= labels
    assert {"ace_Latn", "ban_Latn", "min_Latn", "war_Latn", "jpn_Jpan", "kor_Hang", "npi_Deva"} <= labels
    assert UNDETERMINED not in labels
    for label in labels:
        parse_label(label)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_result(text: str) -> None:
    result = identify(text)
    assert result.label == UNDETERMINED or result.label in known_labels()
    assert 0.0 <= result.score <= 1.0
    assert result.encoding in ("unicode", "zawgyi")
