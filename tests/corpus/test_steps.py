"""Quality measurements and decisions on real sentences (examples/sample, SIB-200 dev, CC BY-SA)."""

from __future__ import annotations

from conftest import sample_lines
from seabridge.corpus.batch import Batch
from seabridge.corpus.steps import LanguageStep, QualityStep, WordsStep


def run(texts: list[str]) -> Batch:
    batch = Batch({"id": [str(i) for i in range(len(texts))], "text": list(texts)})
    for step in (LanguageStep(), WordsStep(), QualityStep()):
        step(batch)
    return batch


def test_news_that_names_one_gambling_word_is_kept_and_spam_is_dropped() -> None:
    news = "".join(sample_lines("zho_Hans")) + "澳门的赌场很多。游客常去赌场参观。这家赌场建于1960年代。"
    spam = (
        "".join(sample_lines("zho_Hans")[:3]) + "百家乐 博彩 网上赌场 百家乐 博彩 六合彩 时时彩 网上赌场 " * 3
    )
    batch = run([news, spam])
    assert batch["blocklist_hits"][0] >= 3 and batch["blocklist_terms"][0] == 1
    assert batch["drop_reason"][0] is None
    assert batch["drop_reason"][1] == "blocklist" and batch["blocklist_terms"][1] >= 2


def test_punctuation_is_not_counted_as_words_and_short_text_is_dropped() -> None:
    batch = run(["Click here!!!", " ".join(sample_lines("eng_Latn"))])
    assert batch["words"][0] == 2 and batch["drop_reason"][0] == "too_few_words"
    assert batch["drop_reason"][1] is None and batch["alpha_word_ratio"][1] > 0.9
