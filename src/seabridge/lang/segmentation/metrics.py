"""Boundary F1, the score every segmentation figure in seabridge uses.

Both tokenisations are reduced to the set of word-end offsets in the whitespace-free string, so the score
ignores how spaces were annotated (wisesight's ``" "`` tokens, Vietnamese inner spaces) and only asks
where words end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def word_ends(tokens: Iterable[str]) -> set[int]:
    """Offsets just after each token in the concatenation of the tokens with whitespace removed."""
    ends: set[int] = set()
    pos = 0
    for tok in tokens:
        n = len("".join(tok.split()))
        if n:
            pos += n
            ends.add(pos)
    return ends


def boundary_counts(predicted: Sequence[str], gold: Sequence[str]) -> tuple[int, int, int]:
    """(true positives, predicted boundaries, gold boundaries) for one sentence."""
    p, g = word_ends(predicted), word_ends(gold)
    return len(p & g), len(p), len(g)


def boundary_f1(predicted: Iterable[Sequence[str]], gold: Iterable[Sequence[str]]) -> float:
    """Micro-averaged boundary F1 over sentences (1.0 when both sides are empty)."""
    tp = np = ng = 0
    for pred, ref in zip(predicted, gold, strict=True):
        a, b, c = boundary_counts(pred, ref)
        tp, np, ng = tp + a, np + b, ng + c
    if np == 0 and ng == 0:
        return 1.0
    if tp == 0:
        return 0.0
    precision, recall = tp / np, tp / ng
    return 2 * precision * recall / (precision + recall)
