"""Survey a set of lines: what languages they are in, what normalisation repaired, how many words they hold.

This is the language layer's whole pipeline on a small scale (normalise -> identify -> segment), used by
``seabridge lang survey`` and ``make run`` to show a person what the layer does on real text.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from seabridge.lang.identify import identify_normalized
from seabridge.lang.labels import UNDETERMINED
from seabridge.lang.normalize import normalize_detailed
from seabridge.lang.segmentation import segment_batch


@dataclass
class SurveyResult:
    """Counts for one source (a file, a dataset shard)."""

    name: str
    expected: str | None = None
    lines: int = 0
    chars: int = 0
    words: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    repaired_lines: int = 0
    seconds: float = 0.0

    @property
    def top_label(self) -> str:
        return self.labels.most_common(1)[0][0] if self.labels else UNDETERMINED

    @property
    def accuracy(self) -> float | None:
        """Share of lines identified as the expected label, when the source declares one."""
        if self.expected is None or not self.lines:
            return None
        return self.labels[self.expected] / self.lines

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "expected": self.expected,
            "lines": self.lines,
            "chars": self.chars,
            "words": self.words,
            "labels": dict(self.labels.most_common()),
            "encodings": dict(self.encodings),
            "repairs": dict(self.repairs),
            "repaired_lines": self.repaired_lines,
            "accuracy": None if self.accuracy is None else round(self.accuracy, 4),
            "seconds": round(self.seconds, 3),
        }


def survey(name: str, lines: Sequence[str], expected: str | None = None) -> SurveyResult:
    """Normalise, identify and segment ``lines``; words are counted with each line's identified label."""
    start = time.perf_counter()
    result = SurveyResult(name=name, expected=expected)
    normalized_lines = [normalize_detailed(line) for line in lines]
    identified = identify_normalized(normalized_lines)
    by_label: dict[str, list[str]] = {}
    for line, normalized, ident in zip(lines, normalized_lines, identified, strict=True):
        result.lines += 1
        result.chars += len(line)
        result.labels[ident.label] += 1
        result.encodings[ident.encoding] += 1
        result.repairs.update(normalized.changes)
        result.repaired_lines += bool(normalized.changes)
        by_label.setdefault(ident.label, []).append(normalized.text)
    for label, texts in by_label.items():
        result.words += sum(len(words) for words in segment_batch(texts, label))
    result.seconds = time.perf_counter() - start
    return result
