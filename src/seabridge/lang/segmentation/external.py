"""Engines backed by third-party segmenters, imported only when asked for (optional extras).

Each library returns strings in its own conventions (spaces as tokens, ``_`` joining syllables); we align
its tokens back onto the original text, which gives spans and guarantees the seabridge contract whatever
the library did. If a library changed the text (normalised it), that text falls back to ICU.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Callable

from .base import Segmenter, Span, tokens_from_spans

# engine name -> (pip extra, module to import, what to pip install)
EXTRAS = {
    "newmm": ("segment-th", "pythainlp", "pythainlp"),
    "laonlp": ("segment-lo", "laonlp", "laonlp"),
    "khmer-nltk": ("segment-km", "khmernltk", "khmer-nltk"),
    "jieba": ("segment-zh", "jieba", "jieba"),
    "pyvi": ("segment-vi", "pyvi", "pyvi"),
    # pyidaungsu-numpy2 must be installed with --no-deps: its fasttext dependency would replace ours.
    "pyidaungsu": ("segment-my", "pyidaungsu", "pyidaungsu-numpy2 (pip install --no-deps)"),
}


def align(text: str, tokens: list[str]) -> list[Span] | None:
    """Spans of ``tokens`` in ``text`` ignoring whitespace on both sides; None if the characters differ."""
    spans: list[Span] = []
    pos, n = 0, len(text)
    for tok in tokens:
        piece = "".join(tok.split())
        if not piece:
            continue
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        for ch in piece:
            while pos < n and text[pos].isspace() and start != pos:
                pos += 1  # a token may span spaces (Vietnamese "Hà Nội")
            if pos >= n or text[pos] != ch:
                return None
            pos += 1
        spans.append((start, pos))
    if "".join(text[pos:].split()):
        return None
    return spans


class ExternalSegmenter(Segmenter):
    """Wraps a ``tokenize(text) -> list[str]`` function of another library."""

    def __init__(self, name: str, tokenize: Callable[[str], list[str]]) -> None:
        self.name = name
        self._tokenize = tokenize

    def spans(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        spans = align(text, self._tokenize(text))
        if spans is None:
            from .icu_engine import shared

            return shared().spans(text)
        return spans

    def tokens(self, text: str) -> list[str]:
        return tokens_from_spans(text, self.spans(text))


def _load(name: str) -> Callable[[str], list[str]]:
    if name == "newmm":
        from pythainlp.tokenize import word_tokenize

        return lambda t: word_tokenize(t, engine="newmm", keep_whitespace=False)
    if name == "laonlp":
        from laonlp import word_tokenize as lao_tokenize

        return lao_tokenize
    if name == "khmer-nltk":
        with contextlib.redirect_stderr(io.StringIO()):  # it logs its model path on import
            from khmernltk import word_tokenize as km_tokenize
        logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
        return km_tokenize
    if name == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return jieba.lcut
    if name == "pyidaungsu":
        import pyidaungsu

        return lambda t: pyidaungsu.tokenize(t, form="word")
    if name == "pyvi":
        from pyvi import ViTokenizer

        return lambda t: [w.replace("_", " ") for w in ViTokenizer.tokenize(t).split()]
    raise KeyError(name)


def make(name: str) -> Segmenter:
    """The engine ``name``; raises EngineUnavailableError naming the extra when its library is missing."""
    extra, module, package = EXTRAS[name]
    try:
        tokenize = _load(name)
    except ImportError as exc:
        from . import EngineUnavailableError

        raise EngineUnavailableError(
            f"engine {name!r} needs the {module!r} package: pip install 'seabridge[{extra}]' (or {package})"
        ) from exc
    return ExternalSegmenter(name, tokenize)
