"""Segment each paragraph with its own language's segmenter, count words, and measure what the quality
filters judge (Gopher's document statistics), without deciding anything.

The measurements are written as columns, so a threshold can be changed later and re-applied to the
shards without segmenting again. Segmentation happens once per document; deduplication shingles on the
text itself, so no step tokenises twice (datatrove's FineWeb pipeline spends most of its time doing
exactly that).
"""

from __future__ import annotations

from collections import defaultdict

import regex

from seabridge.corpus.batch import Batch
from seabridge.corpus.steps.base import Step
from seabridge.lang.profiles import get_profile
from seabridge.lang.segmentation import segment_batch

_HAS_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")
_HAS_LETTER = regex.compile(r"\p{L}")
_SYMBOL = regex.compile(r"#|\.\.\.|…")
_ELLIPSIS_END = regex.compile(r"(?:\.\.\.|…)\s*$")
_BULLET_START = regex.compile(r"^\s*[•‣⁃◦▪▫●○■□\-*–—]\s")


# The columns :func:`measure` returns; the quality step judges exactly these.
MEASURES = (
    "words",
    "mean_word_chars",
    "alpha_word_ratio",
    "symbol_word_ratio",
    "ellipsis_line_ratio",
    "bullet_line_ratio",
    "duplicate_line_ratio",
    "blocklist_hits",
    "blocklist_terms",
)


class WordsStep(Step):
    name = "words"

    def __init__(self, engine: str = "fast") -> None:
        super().__init__()
        self.engine = engine

    def apply(self, batch: Batch) -> None:
        blocks: dict[int, list[tuple[str, str, float]]] = batch.scratch.get("blocks", {})
        by_label: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i in batch.alive():
            for text, label, _score in blocks.get(i, []):
                by_label[label].append((i, text))
        tokens: dict[int, list[str]] = defaultdict(list)
        for label, items in by_label.items():
            for (i, _), words in zip(
                items, segment_batch([t for _, t in items], label, self.engine), strict=True
            ):
                tokens[i].extend(words)
        n = len(batch)
        columns: dict[str, list[float | int]] = {name: [0] * n for name in MEASURES}
        for i in batch.alive():
            measured = measure(batch["text"][i], tokens.get(i, []), batch["label"][i])
            for name, value in measured.items():
                columns[name][i] = value
        for name, values in columns.items():
            batch.set(name, values)


# Token -> 0 (punctuation or symbols), 1 (a word without letters: a number), 2 (a word with letters).
# Word frequencies are Zipfian, so a bounded cache answers almost every token without a regex.
_TOKEN_KIND: dict[str, int] = {}
_TOKEN_CACHE_LIMIT = 500_000


def _kind(token: str) -> int:
    kind = _TOKEN_KIND.get(token)
    if kind is None:
        kind = 2 if _HAS_LETTER.search(token) else 1 if _HAS_WORD_CHAR.search(token) else 0
        if len(_TOKEN_KIND) < _TOKEN_CACHE_LIMIT:
            _TOKEN_KIND[token] = kind
    return kind


def measure(text: str, tokens: list[str], label: str) -> dict[str, float | int]:
    """Gopher-style statistics of one document. Punctuation tokens are not words."""
    kinds = [_kind(t) for t in tokens]
    words = [t for t, kind in zip(tokens, kinds, strict=True) if kind]
    n_words = len(words)
    n_alpha = kinds.count(2)
    terms = get_profile(label).blocklist_terms(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    n_lines = max(len(lines), 1)
    return {
        "words": n_words,
        "mean_word_chars": sum(map(len, words)) / n_words if n_words else 0.0,
        "alpha_word_ratio": n_alpha / n_words if n_words else 0.0,
        "symbol_word_ratio": len(_SYMBOL.findall(text)) / n_words if n_words else 0.0,
        "ellipsis_line_ratio": sum(1 for line in lines if _ELLIPSIS_END.search(line)) / n_lines,
        "bullet_line_ratio": sum(1 for line in lines if _BULLET_START.match(line)) / n_lines,
        "duplicate_line_ratio": (len(lines) - len(set(lines))) / n_lines if lines else 0.0,
        "blocklist_hits": len(terms),
        "blocklist_terms": len(set(terms)),
    }
