"""Decide, from the measurements the words step recorded, which documents fail the quality heuristics.

Thresholds come from each language's :class:`~seabridge.lang.profiles.QualityThresholds` (a Chinese word
averages under two characters, a Vietnamese one joins syllables), never from a rule written for English.
The first failing check names the drop reason; the measurements stay in the shard for re-filtering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from seabridge.corpus.batch import Batch
from seabridge.corpus.steps.base import Step
from seabridge.corpus.steps.words import MEASURES
from seabridge.lang.labels import UNDETERMINED
from seabridge.lang.profiles import QualityThresholds, get_profile

Check = Callable[[dict[str, float], QualityThresholds], bool]

# (reason, check that FAILS the document), in the order they are tried.
CHECKS: list[tuple[str, Check]] = [
    ("too_few_words", lambda m, q: m["words"] < q.min_words),
    ("too_many_words", lambda m, q: m["words"] > q.max_words),
    (
        "mean_word_length",
        lambda m, q: not q.min_mean_word_chars <= m["mean_word_chars"] <= q.max_mean_word_chars,
    ),
    ("symbol_ratio", lambda m, q: m["symbol_word_ratio"] > q.max_symbol_word_ratio),
    ("ellipsis_lines", lambda m, q: m["ellipsis_line_ratio"] > q.max_lines_ending_ellipsis),
    ("bullet_lines", lambda m, q: m["bullet_line_ratio"] > q.max_lines_starting_bullet),
    ("alpha_words", lambda m, q: m["alpha_word_ratio"] < q.min_alpha_word_ratio),
    ("duplicate_lines", lambda m, q: m["duplicate_line_ratio"] > q.max_duplicate_line_fraction),
    (
        "blocklist",
        lambda m, q: (
            m["blocklist_hits"] >= q.min_blocklist_hits
            and m["blocklist_terms"] >= q.min_blocklist_terms
            and m["blocklist_hits"] > q.max_blocklist_density * max(m["words"], 1)
        ),
    ),
]
LANGUAGE_REASONS = ("undetermined_language", "low_language_score", "language_not_selected")


class QualityStep(Step):
    name = "quality"

    def __init__(
        self,
        min_label_score: float = 0.5,
        languages: tuple[str, ...] = (),
        filters: bool = True,
        thresholds: dict[str, dict[str, float]] | None = None,
    ) -> None:
        super().__init__()
        self.min_label_score = min_label_score
        self.languages = frozenset(languages)
        self.filters = filters
        self.changes = thresholds or {}
        self._thresholds: dict[str, QualityThresholds] = {}

    def thresholds(self, label: str) -> QualityThresholds:
        """The label's profile thresholds with the build's per-label changes."""
        if label not in self._thresholds:
            base = get_profile(label).quality
            changes = self.changes.get(label)
            self._thresholds[label] = replace(base, **changes) if changes else base
        return self._thresholds[label]

    def apply(self, batch: Batch) -> None:
        for i in batch.alive():
            reason = self.reason(batch, i)
            if reason is not None:
                batch.drop([i], reason)

    def reason(self, batch: Batch, i: int) -> str | None:
        label = batch["label"][i]
        if label == UNDETERMINED:
            return "undetermined_language"
        if self.languages and label not in self.languages:
            return "language_not_selected"
        if batch["label_score"][i] < self.min_label_score:
            return "low_language_score"
        if not self.filters:
            return None
        measures = {name: batch[name][i] for name in MEASURES}
        thresholds = self.thresholds(label)
        for reason, fails in CHECKS:
            if fails(measures, thresholds):
                return reason
        return None
