"""Recognisers in a registry (Presidio's idea): ``scan`` asks every recogniser that serves a label.

A recogniser is an entity type, a cheap prefilter, a candidate pattern, a validator (a pure function,
tested on its own), context words that raise a weak match, and the labels it serves. Adding an identifier
means adding one file under ``recognizers/`` and listing it there; the registry and ``scan`` do not change.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Protocol, runtime_checkable

import regex

from seabridge.governance.pii.boundaries import has_context
from seabridge.governance.pii.entities import Entity

# Entities scoring below this are not reported by default (a weak match lifted by context passes it).
MIN_SCORE = 0.5
# What a context word adds to a match's score (capped at 1.0).
CONTEXT_BOOST = 0.3


@runtime_checkable
class Recognizer(Protocol):
    """Anything that finds one entity type: ``analyze`` returns candidates with their base scores."""

    entity_type: str
    context: tuple[str, ...]
    labels: frozenset[str] | None  # the language labels it serves; None: every label, unknown ones too

    def analyze(self, text: str, label: str | None) -> list[Entity]: ...


# A recogniser may set ``max_score``: what a context word can lift its matches to (default 1.0). The phone
# recogniser caps at 0.95, so "nomor" before an IBAN or an ID never lifts the phone number inside it over
# the checksum-validated identifier (0.99). A costly recogniser may also set ``deferred = True`` and offer
# ``analyze_unclaimed(text, label, claimed)``: it then runs after the others and is given the spans they
# found scoring above its ``max_score``, which it could never win, so it may skip the text inside them
# (libphonenumber's matcher is pure Python; in text dense with IDs and cards most of its time went there).


@dataclass(frozen=True, slots=True)
class PatternRecognizer:
    """A recogniser made of a pattern and a validator, for identifiers a regex can delimit.

    The pattern's ``pii`` group, if it has one, is the entity (the rest is boundary); ``validator`` gets
    that text and says whether it is real (checksum, ``ipaddress``, IDNA); ``adjust`` may lower the score
    from the match and its surroundings.
    """

    entity_type: str
    pattern: regex.Pattern[str]
    validator: Callable[[str], bool]
    score: float
    context: tuple[str, ...] = ()
    labels: frozenset[str] | None = None
    prefilter: Callable[[str], bool] | None = None
    adjust: Callable[[str, int, int, float], float] | None = None

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        if self.prefilter is not None and not self.prefilter(text):
            return []
        group = "pii" if "pii" in self.pattern.groupindex else 0
        found = []
        for match in self.pattern.finditer(text):
            start, end = match.span(group)
            if not self.validator(text[start:end]):
                continue
            score = self.score if self.adjust is None else self.adjust(text, start, end, self.score)
            found.append(Entity(self.entity_type, start, end, score))
        return found


@dataclass(frozen=True, slots=True)
class LanguageOrContext:
    """A recogniser whose matches count only in text of its home languages or after a context word.

    Identifiers without a checksum (an Indonesian NIK, a Vietnamese CCCD, a MyKad written without dashes)
    are runs of 12 to 16 digits that prices, account and order numbers share; what the checksum would say,
    the text's language (Indonesian for a NIK) or a context word (``NIK``, ``CCCD``) says instead. Elsewhere
    a match keeps at most ``elsewhere_score``, under the reporting threshold, so it stays a weak candidate
    that a context word found on a later pass can still lift. With no home labels, only context counts.
    """

    recognizer: Recognizer
    home_labels: frozenset[str] = frozenset()
    elsewhere_score: float = 0.3

    @property
    def entity_type(self) -> str:
        return self.recognizer.entity_type

    @property
    def context(self) -> tuple[str, ...]:
        return self.recognizer.context

    @property
    def labels(self) -> frozenset[str] | None:
        return self.recognizer.labels

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        found = self.recognizer.analyze(text, label)
        if label in self.home_labels:
            return found
        return [
            entity
            if has_context(text, entity.start, self.context)
            else replace(entity, score=min(entity.score, self.elsewhere_score))
            for entity in found
        ]


def resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Non-overlapping entities sorted by start: a higher score wins an overlap, then the longer span."""
    starts: list[int] = []  # the kept entities, disjoint, sorted by start
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (-e.score, e.start - e.end, e.start)):
        at = bisect_right(starts, entity.start)
        if at and kept[at - 1].end > entity.start:
            continue
        if at < len(kept) and kept[at].start < entity.end:
            continue
        starts.insert(at, entity.start)
        kept.insert(at, entity)
    return kept


# Rescans after replacing found entities (see ``Registry.scan``); two suffice in practice, four is a cap.
_MAX_ROUNDS = 4


# Characters the phone matcher reads as part of a number (spaces, dashes, dots, brackets, and "x", ",",
# ";", "#" before an extension): an entity this close to a digit may have been joined to it.
_NUMBER_PUNCTUATION = " \t\n\r\u00a0\u3000-x,;#‐‑‒–—―−ー－/／.()（）[]［］~⁓∼～"


def _touches_neighbour(text: str, entity: Entity) -> bool:
    """Whether a neighbour of the entity could have hidden another entity: an ASCII character or a digit
    right next to it (recognisers refuse what touches a Latin letter, ``.``, ``:``), or a digit or "+"
    past a little number punctuation (``5678 192.168.1.20``, ``x-၀၉၄…``), which the phone matcher joins.
    Thai, Chinese or other letters cannot hide anything."""
    before, after = text[max(0, entity.start - 8) : entity.start], text[entity.end : entity.end + 8]
    if any((char.isascii() and not char.isspace()) or char.isdigit() for char in before[-1:] + after[:1]):
        return True
    across = before.rstrip(_NUMBER_PUNCTUATION)[-1:] + after.lstrip(_NUMBER_PUNCTUATION)[:1]
    return any(char.isdigit() or char in "+＋" for char in across)


def _with_placeholders(text: str, entities: list[Entity]) -> tuple[str, list[tuple[int, int, int]]]:
    """The text with each entity replaced by ``<TYPE>`` (as ``redact`` writes it), and its untouched pieces
    as (start in the new text, end in the new text, start in ``text``)."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    position = length = 0
    for entity in entities:  # sorted and disjoint
        pieces.append((length, length + entity.start - position, position))
        placeholder = f"<{entity.type}>"
        parts += [text[position : entity.start], placeholder]
        length += entity.start - position + len(placeholder)
        position = entity.end
    pieces.append((length, length + len(text) - position, position))
    parts.append(text[position:])
    return "".join(parts), pieces


def _map_back(entity: Entity, pieces: list[tuple[int, int, int]]) -> Entity | None:
    """The entity in the original text's offsets, or None if it overlaps a placeholder."""
    at = bisect_right(pieces, entity.start, key=lambda piece: piece[0]) - 1
    new_start, new_end, old_start = pieces[at]
    if not (new_start <= entity.start and entity.end <= new_end):
        return None
    shift = old_start - new_start
    return replace(entity, start=entity.start + shift, end=entity.end + shift)


class Registry:
    """The recognisers in use; ``scan`` runs those serving a label and merges what they find."""

    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self._recognizers: list[Recognizer] = []
        self._by_label: dict[str | None, tuple[Recognizer, ...]] = {}
        for recognizer in recognizers:
            self.add(recognizer)

    def add(self, recognizer: Recognizer) -> None:
        self._recognizers.append(recognizer)
        self._by_label.clear()

    @property
    def recognizers(self) -> tuple[Recognizer, ...]:
        return tuple(self._recognizers)

    @property
    def entity_types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.entity_type for r in self._recognizers))

    def for_label(self, label: str | None) -> tuple[Recognizer, ...]:
        """The recognisers serving ``label`` (those without a label list serve all)."""
        serving = self._by_label.get(label)
        if serving is None:
            serving = tuple(r for r in self._recognizers if r.labels is None or label in r.labels)
            # deferred recognisers last: they are told which spans the others already hold for sure
            serving = tuple(sorted(serving, key=lambda r: bool(getattr(r, "deferred", False))))
            self._by_label[label] = serving
        return serving

    def scan(self, text: str, label: str | None = None, *, min_score: float = MIN_SCORE) -> list[Entity]:
        """Entities in ``text`` scoring at least ``min_score``, sorted by start and non-overlapping.

        Found data is a boundary for other data, never glue: in ``๐๘๑-๒๓๔-๕๖๗๘somchai@example.com`` the
        phone matcher refuses the number for touching the Latin ``s``, yet that ``s`` belongs to an address.
        So when an entity touches a neighbour that could have hidden another one, or a weak candidate was
        left out (a context word may be in reach once the entities between are short placeholders), the
        text is scanned again with the entities replaced by placeholders, and what appears is mapped back.
        This also makes placeholder redaction final: scanning its output finds nothing.
        """
        found, weak = self._scan_once(text, label, min_score)
        for _ in range(_MAX_ROUNDS):
            if not found or not (weak or any(_touches_neighbour(text, entity) for entity in found)):
                break
            redacted, pieces = _with_placeholders(text, found)
            again, weak = self._scan_once(redacted, label, min_score)
            more = [mapped for entity in again if (mapped := _map_back(entity, pieces)) is not None]
            if not more:
                break
            found = resolve_overlaps([*found, *more])
        return found

    def _scan_once(self, text: str, label: str | None, min_score: float) -> tuple[list[Entity], bool]:
        """The entities of one pass, and whether a candidate was left out: a weak one (a context word may
        come within reach once long entities before it are placeholders) or one that lost an overlap (a
        number whose extension ran into an address may be whole without it)."""
        found: list[Entity] = []
        weak = False
        for recognizer in self.for_label(label):
            cap = getattr(recognizer, "max_score", 1.0)
            if getattr(recognizer, "deferred", False):
                claimed = [(e.start, e.end) for e in found if e.score > cap]
                candidates = recognizer.analyze_unclaimed(text, label, claimed)  # type: ignore[attr-defined]
            else:
                candidates = recognizer.analyze(text, label)
            for entity in candidates:
                if entity.score < cap and has_context(text, entity.start, recognizer.context):
                    entity = replace(entity, score=round(min(cap, entity.score + CONTEXT_BOOST), 2))
                if entity.score >= min_score:
                    found.append(entity)
                else:
                    weak = True
        resolved = resolve_overlaps(found)
        return resolved, weak or len(resolved) < len(found)

    def scan_batch(
        self,
        texts: Sequence[str],
        labels: Sequence[str | None] | None = None,
        *,
        min_score: float = MIN_SCORE,
    ) -> list[list[Entity]]:
        """``scan`` over a batch; ``labels`` (one per text) defaults to unknown for all."""
        if labels is None:
            labels = [None] * len(texts)
        elif len(labels) != len(texts):
            raise ValueError(f"scan_batch got {len(texts)} texts but {len(labels)} labels")
        pairs = zip(texts, labels, strict=True)
        return [self.scan(text, label, min_score=min_score) for text, label in pairs]


@cache
def default_registry() -> Registry:
    """The registry with every built-in recogniser (built once; recognisers load their data lazily)."""
    from seabridge.governance.pii.recognizers import builtin_recognizers

    return Registry(builtin_recognizers())


def scan(text: str, label: str | None = None, *, min_score: float = MIN_SCORE) -> list[Entity]:
    """Personal data in ``text`` (language ``label`` if known) with the default registry."""
    return default_registry().scan(text, label, min_score=min_score)


def scan_batch(
    texts: Sequence[str], labels: Sequence[str | None] | None = None, *, min_score: float = MIN_SCORE
) -> list[list[Entity]]:
    """``scan`` over a batch of texts with the default registry."""
    return default_registry().scan_batch(texts, labels, min_score=min_score)
