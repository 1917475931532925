"""Replace the entities found in a text, leaving every other character exactly as it was.

Modes: ``placeholder`` writes ``<TYPE>`` (``<EMAIL>``, ``<PHONE>``, ``<IP_ADDRESS>``), which keeps what
kind of data stood there, for training text; ``mask`` writes one ``*`` per code point, which keeps the
text's length, so offsets computed on the original (other spans, sentence bounds) stay valid. Hashing and
encryption modes come with key management.
"""

from __future__ import annotations

from collections.abc import Sequence

from seabridge.governance.pii.entities import Entity

MODES: tuple[str, ...] = ("placeholder", "mask")
MASK_CHAR = "*"


def redact(text: str, entities: Sequence[Entity], mode: str = "placeholder") -> str:
    """``text`` with each entity's span replaced according to ``mode``.

    Entities may come in any order but must lie within the text and not overlap (``scan`` guarantees both).
    """
    if mode not in MODES:
        raise ValueError(f"unknown redaction mode {mode!r}; valid modes: {', '.join(MODES)}")
    pieces: list[str] = []
    position = 0
    for entity in sorted(entities, key=lambda e: e.start):
        if not 0 <= entity.start <= entity.end <= len(text):
            raise ValueError(f"entity {entity} lies outside a text of {len(text)} characters")
        if entity.start < position:
            raise ValueError(f"entity {entity} overlaps the entity before it")
        pieces.append(text[position : entity.start])
        if mode == "placeholder":
            pieces.append(f"<{entity.type}>")
        else:
            pieces.append(MASK_CHAR * (entity.end - entity.start))
        position = entity.end
    pieces.append(text[position:])
    return "".join(pieces)
