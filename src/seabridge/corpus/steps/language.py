"""Normalise every document, then identify its language per paragraph and as a whole.

Web documents mix languages: a Thai article with an English abstract, a Malay page quoting Indonesian.
Each paragraph is identified on its own (very short lines are joined to the next so that a heading like
"Home" does not get a label of its own); the document takes the label holding most of its letters, and is
marked ``code_switched`` when other labels hold more than ``code_switch_share`` of them. Later steps
segment each paragraph with its own label.
"""

from __future__ import annotations

from collections import defaultdict

from seabridge.corpus.batch import Batch
from seabridge.corpus.steps.base import Step
from seabridge.lang.identify import identify_normalized
from seabridge.lang.labels import UNDETERMINED
from seabridge.lang.normalize import Normalized, normalize_detailed

# A paragraph shorter than this is joined with the next before identification.
MIN_BLOCK_CHARS = 40
# A paragraph's label counts towards code-switching only when the identifier is this sure of it.
MIN_BLOCK_SCORE = 0.5


def blocks_of(text: str) -> list[str]:
    """Paragraphs for identification: non-blank lines, short ones joined to what follows."""
    blocks: list[str] = []
    pending = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        pending = f"{pending}\n{line}" if pending else line
        if len(pending) >= MIN_BLOCK_CHARS:
            blocks.append(pending)
            pending = ""
    if pending:
        if blocks and len(pending) < MIN_BLOCK_CHARS:
            blocks[-1] = f"{blocks[-1]}\n{pending}"
        else:
            blocks.append(pending)
    return blocks


class LanguageStep(Step):
    name = "language"

    def __init__(self, code_switch_share: float = 0.2) -> None:
        super().__init__()
        self.code_switch_share = code_switch_share

    def apply(self, batch: Batch) -> None:
        normalized = [normalize_detailed(text) for text in batch["text"]]
        batch.set("text", [n.text for n in normalized])
        batch.set("normalize_changes", [sorted(n.changes) for n in normalized])
        batch.set("zawgyi", ["zawgyi" in n.changes for n in normalized])
        batch.drop((i for i, n in enumerate(normalized) if not n.text.strip()), "empty")

        flat: list[Normalized] = []
        owners: list[int] = []
        for i in batch.alive():
            for block in blocks_of(normalized[i].text):
                flat.append(Normalized(block, normalized[i].changes))
                owners.append(i)
        identified = identify_normalized(flat)

        per_doc: dict[int, list[tuple[str, str, float]]] = defaultdict(list)
        for i, block, ident in zip(owners, flat, identified, strict=True):
            per_doc[i].append((block.text, ident.label, ident.score))
        labels = [UNDETERMINED] * len(batch)
        scores = [0.0] * len(batch)
        shares = [0.0] * len(batch)
        switched = [False] * len(batch)
        others: list[list[str]] = [[] for _ in range(len(batch))]
        for i, blocks in per_doc.items():
            labels[i], scores[i], shares[i], others[i] = self._decide(blocks)
            switched[i] = 1.0 - shares[i] > self.code_switch_share and bool(others[i])
        batch.set("label", labels)
        batch.set("label_score", scores)
        batch.set("label_share", shares)
        batch.set("code_switched", switched)
        batch.set("other_labels", others)
        batch.scratch["blocks"] = per_doc

    @staticmethod
    def _decide(blocks: list[tuple[str, str, float]]) -> tuple[str, float, float, list[str]]:
        """Label by letters held, the mean score of its paragraphs, its share, and the other labels."""
        weight: dict[str, float] = defaultdict(float)
        scored: dict[str, float] = defaultdict(float)
        total = 0.0
        for text, label, score in blocks:
            size = float(len(text))
            total += size
            if label != UNDETERMINED:
                weight[label] += size
                scored[label] += size * score
        if not weight:
            return UNDETERMINED, 0.0, 0.0, []
        label = max(weight, key=lambda key: (weight[key], key))
        others = sorted(
            (key for key, size in weight.items() if key != label and scored[key] >= MIN_BLOCK_SCORE * size),
            key=lambda key: -weight[key],
        )
        switched_weight = sum(weight[key] for key in others)
        share = 1.0 - switched_weight / total if total else 0.0
        return label, scored[label] / weight[label], share, others
