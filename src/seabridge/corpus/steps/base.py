"""The step contract, and the bookkeeping every step shares (written once, here).

A step is a small class whose ``apply`` reads columns of a :class:`~seabridge.corpus.batch.Batch`, adds
columns and may drop rows with a reason; timing and per-reason counts are kept by the base.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import Counter

from seabridge.corpus.batch import Batch


class Step(ABC):
    """One stage of the per-document pipeline."""

    name: str = "step"

    def __init__(self) -> None:
        self.seconds = 0.0
        self.documents = 0
        self.dropped: Counter[str] = Counter()

    def __call__(self, batch: Batch) -> None:
        before = Counter(r for r in batch["drop_reason"] if r is not None)
        start = time.perf_counter()
        self.apply(batch)
        self.seconds += time.perf_counter() - start
        self.documents += len(batch)
        after = Counter(r for r in batch["drop_reason"] if r is not None)
        self.dropped.update(after - before)

    @abstractmethod
    def apply(self, batch: Batch) -> None:
        """Add this step's columns to ``batch`` and drop what it rejects."""

    def report(self) -> dict[str, object]:
        return {"seconds": round(self.seconds, 3), "documents": self.documents, "dropped": dict(self.dropped)}
