"""What a recogniser reports: a typed, scored span of code points, and the entity type names."""

from __future__ import annotations

from dataclasses import dataclass

EMAIL = "EMAIL"
PHONE = "PHONE"
IP_ADDRESS = "IP_ADDRESS"

# The types recognised today; national IDs, card numbers and IBANs join as their recognisers land.
ENTITY_TYPES: tuple[str, ...] = (EMAIL, PHONE, IP_ADDRESS)


@dataclass(frozen=True, slots=True)
class Entity:
    """One piece of personal data found in a text.

    ``start``/``end`` are code-point offsets (Python ``str`` indices, end exclusive), so
    ``text[start:end]`` is the personal data itself; ``score`` is the confidence in [0, 1].
    """

    type: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, str | int | float]:
        """A plain record for Arrow columns and JSON output."""
        return {"type": self.type, "start": self.start, "end": self.end, "score": self.score}
