"""Word segmentation: the contract on any input, accuracy on held-out gold excerpts, the engine registry."""

from __future__ import annotations

import sys
from pathlib import Path

import icu
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.lang.labels import CORE_LABELS
from seabridge.lang.segmentation import (
    EngineUnavailableError,
    count_words,
    engines,
    get_segmenter,
    segment,
    segment_batch,
    segment_spans,
)
from seabridge.lang.segmentation.external import align, make
from seabridge.lang.segmentation.metrics import boundary_f1, word_ends

DATA = Path(__file__).resolve().parent.parent / "data" / "segment"
LABELS = [*CORE_LABELS, "und", "hin_Deva", "jpn_Jpan"]
HAS_CRF = True
try:
    import pycrfsuite  # noqa: F401
except ImportError:
    HAS_CRF = False


# ------------------------------------------------------------------------------------------------ gold
def read_conllu(path: Path) -> list[tuple[str, list[str]]]:
    sents, text, words = [], "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text"):
            text = line.split("=", 1)[1].strip()
        elif not line.strip():
            if words:
                sents.append((text, words))
            text, words = "", []
        elif not line.startswith("#") and line.split("\t")[0].isdigit():
            words.append(line.split("\t")[1])
    if words:
        sents.append((text, words))
    return sents


def thai_gold() -> list[tuple[str, list[str]]]:
    lines = (DATA / "tha_wisesight_excerpt.txt").read_text(encoding="utf-8").splitlines()
    return [("".join(toks), toks) for toks in (line.split("|") for line in lines)]


def f1_of(label: str, engine: str, gold: list[tuple[str, list[str]]]) -> float:
    return boundary_f1([segment(t, label, engine) for t, _ in gold], [w for _, w in gold])


def graphemes_ends(text: str) -> set[int]:
    """Grapheme cluster boundaries in code points, from ICU's character iterator (UTF-16 mapped)."""
    bi = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    bi.setText(text)
    u16_to_cp, u = {0: 0}, 0
    for cp, ch in enumerate(text):
        u += 2 if ord(ch) > 0xFFFF else 1
        u16_to_cp[u] = cp + 1
    return {0, *(u16_to_cp[b] for b in bi)}


def check_contract(text: str, label: str, engine: str = "fast") -> None:
    tokens = segment(text, label, engine)
    spans = segment_spans(text, label, engine)
    assert "".join(tokens) == "".join(text.split())
    assert all(tok and len(tok.split()) == 1 and tok == tok.strip() for tok in tokens)
    assert len(spans) == len(tokens)
    prev = 0
    bounds = graphemes_ends(text)
    for (i, j), tok in zip(spans, tokens, strict=True):
        assert prev <= i < j <= len(text)
        assert "".join(text[i:j].split()) == tok
        assert i in bounds and j in bounds, (text, i, j)
        prev = j
    assert count_words(text, label, engine) == len(tokens)


# ----------------------------------------------------------------------------------- metric, alignment
def test_boundary_f1_counts_word_ends_ignoring_spaces() -> None:
    assert word_ends(["Hà Nội", "đẹp"]) == {5, 8}
    # gold ends {2, 4}, predicted ends {4}: precision 1, recall 1/2
    assert boundary_f1([["abcd"]], [["ab", "cd"]]) == pytest.approx(2 / 3)
    assert boundary_f1([[" ", "ab"]], [["ab"]]) == 1.0
    assert boundary_f1([[]], [[]]) == 1.0


def test_align_maps_library_tokens_back_to_text() -> None:
    assert align("Hà Nội đẹp", ["Hà Nội", "đẹp"]) == [(0, 6), (7, 10)]
    assert align("a  b", ["a", " ", " ", "b"]) == [(0, 1), (3, 4)]
    assert align("abc", ["ab", "x"]) is None  # a library that changed the text is detected


# ------------------------------------------------------------------------------------------- accuracy
def test_icu_thai_on_wisesight_heldout() -> None:
    assert f1_of("tha_Thai", "fast", thai_gold()) > 0.85


def test_chinese_on_gsd_heldout() -> None:
    gold = read_conllu(DATA / "zh_gsdsimp_dev_excerpt.conllu")
    assert f1_of("zho_Hans", "fast", gold) > 0.88


def test_vietnamese_fast_beats_icu_syllables_on_vtb_heldout() -> None:
    gold = read_conllu(DATA / "vi_vtb_dev_excerpt.conllu")
    icu_f1 = f1_of("vie_Latn", "icu", gold)
    fast_f1 = f1_of("vie_Latn", "fast", gold)
    assert icu_f1 < 0.93  # ICU splits every syllable
    assert fast_f1 > 0.96
    assert fast_f1 > icu_f1 + 0.04


@pytest.mark.skipif(not HAS_CRF, reason="python-crfsuite not installed")
def test_vietnamese_crf_on_vtb_heldout() -> None:
    gold = read_conllu(DATA / "vi_vtb_dev_excerpt.conllu")
    assert f1_of("vie_Latn", "crf-vi", gold) > 0.97


@pytest.mark.skipif(not HAS_CRF, reason="python-crfsuite not installed")
def test_merge_crfs_beat_icu_on_heldout() -> None:
    th = thai_gold()
    assert f1_of("tha_Thai", "crf-th", th) > f1_of("tha_Thai", "icu", th) + 0.01
    zh = read_conllu(DATA / "zh_gsdsimp_dev_excerpt.conllu")
    assert f1_of("zho_Hans", "crf-zh", zh) > f1_of("zho_Hans", "icu", zh)
    for text, _ in th[:10] + zh[:10]:
        check_contract(text, "tha_Thai", "crf-th")
        check_contract(text, "zho_Hans", "crf-zh")


def test_vietnamese_word_spans_cover_inner_spaces() -> None:
    text = "Tôi  sống ở Hà Nội."
    assert segment(text, "vie_Latn") == ["Tôi", "sống", "ở", "HàNội", "."]
    assert segment_spans(text, "vie_Latn")[3] == (12, 18)


def test_punctuation_and_emoji_are_tokens_with_code_point_spans() -> None:
    text = "😰 ไปกินข้าว, ok?"
    tokens = segment(text, "tha_Thai")
    assert tokens[0] == "😰" and "," in tokens and tokens[-1] == "?"
    assert tokens[1:4] == ["ไป", "กิน", "ข้าว"]
    assert segment_spans(text, "tha_Thai")[1] == (2, 4)


# --------------------------------------------------------------------------------------- contract
@pytest.mark.parametrize("label", LABELS)
def test_contract_on_real_sentences(label: str) -> None:
    texts = [t for t, _ in thai_gold()[:5]] + [
        t for t, _ in read_conllu(DATA / "vi_vtb_dev_excerpt.conllu")[:5]
    ]
    for text in texts:
        for engine in ("fast", "accurate"):
            if label == "vie_Latn" or engine == "fast":
                check_contract(text, label, engine)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None), max_size=40), label=st.sampled_from(LABELS))
def test_contract_on_any_text(text: str, label: str) -> None:
    check_contract(text, label)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="Hà Nội,. đẹp\t\n😰ไทยกิน中文\u0301\u200b\x1c", max_size=30))
def test_learned_engines_keep_contract(text: str) -> None:
    check_contract(text, "vie_Latn", "dict-vi")
    if HAS_CRF:
        check_contract(text, "vie_Latn", "crf-vi")
        check_contract(text, "tha_Thai", "crf-th")
        check_contract(text, "zho_Hans", "crf-zh")


@pytest.mark.parametrize(
    "text",
    ["", " \t\n ", "ab\ud800cd", "a\x00b\x01\x7f", "\u0301", "a \u0301b", "x\r", "ไทย\u2029ລາວ", "🇹🇭🇻🇳ok"],
)
@pytest.mark.parametrize("label", ["tha_Thai", "vie_Latn", "zho_Hans", "und"])
def test_bad_input_never_crashes(text: str, label: str) -> None:
    check_contract(text, label)


def test_megabyte_line() -> None:
    text = "ภาษาไทยง่ายนิดเดียว Hà Nội 中文分词 " * 30_000
    tokens = segment(text, "tha_Thai")
    assert "".join(tokens) == "".join(text.split())
    assert count_words(text, "vie_Latn") > 100_000


def test_batch_equals_one_by_one() -> None:
    texts = [t for t, _ in thai_gold()] + ["", "x\r", "a😰b", " \u0301x", "กิน\u2029ข้าว"]
    for label in ("tha_Thai", "vie_Latn", "zho_Hans"):
        assert segment_batch(texts, label) == [segment(t, label) for t in texts]
    assert segment_batch([], "tha_Thai") == []


# --------------------------------------------------------------------------------------- registry
@pytest.mark.parametrize("label", LABELS)
def test_fast_and_accurate_exist_everywhere(label: str) -> None:
    names = engines(label)
    assert names[:2] == ["fast", "accurate"] and "icu" in names


def test_engine_names() -> None:
    assert get_segmenter("vie_Latn", "fast").name == "dict-vi"
    assert get_segmenter("ind_Latn", "fast").name == "icu"
    assert "dict-vi" in engines("vie_Latn") and "dict-vi" not in engines("tha_Thai")
    with pytest.raises(ValueError, match=r"available.*icu"):
        segment("x", "tha_Thai", "nope")
    with pytest.raises(ValueError, match="dict-vi"):
        segment("x", "tha_Thai", "dict-vi")  # an engine for another language


def test_missing_extra_names_the_pip_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jieba", None)  # makes `import jieba` fail
    with pytest.raises(EngineUnavailableError, match=r"seabridge\[segment-zh\]"):
        make("jieba")
