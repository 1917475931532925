"""Data classification: one level per dataset, from the personal data found and the categories declared.

Levels, lowest to highest: ``public`` < ``internal`` < ``personal`` < ``sensitive_personal`` <
``important``. They are the common denominator of the region's laws: China's Data Security Law (art. 21,
general / important / core data) and PIPL (art. 4 personal information, art. 28 sensitive personal
information), Thailand's PDPA (s. 26 sensitive data), Vietnam's Decree 13/2023 (art. 2 basic / sensitive
personal data), Indonesia's Law 27/2022 (art. 4 general / specific data), Singapore's and Malaysia's PDPA.
The transfer policy reads the level (and the counts behind it) to choose the rules that apply.

A dataset's level is the highest that any evidence supports, and every piece of evidence is kept as a
reason, so a person can see why a corpus is "sensitive personal" (``ID_NIK found in 3 documents``).
Redaction lowers the level only when it removes the data: placeholder and mask redaction leave no
personal data in the text, while hashed or encrypted values are pseudonymised, which every one of these
laws still counts as personal data (PIPL art. 73(4) defines only anonymised data as outside it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

from seabridge.governance.pii.entities import (
    ENTITY_TYPES,
    FINANCIAL_TYPES,
    NATIONAL_ID_TYPES,
)


class Level(IntEnum):
    """Classification levels in increasing order of protection (compare with ``<``, ``max``)."""

    PUBLIC = 0
    INTERNAL = 1
    PERSONAL = 2
    SENSITIVE_PERSONAL = 3
    IMPORTANT = 4

    @property
    def label(self) -> str:
        """The name used in files, the CLI and the API (``sensitive_personal``)."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Level:
        try:
            return cls[value.strip().upper().replace("-", "_").replace(" ", "_")]
        except KeyError:
            names = ", ".join(level.label for level in cls)
            raise ValueError(f"unknown classification level {value!r}; levels: {names}") from None


# Declared categories and the level each implies. Sensitive ones follow PIPL art. 28 (biometrics,
# religion, specific identity, health, financial accounts, whereabouts, minors under 14) and PDPA
# Thailand s. 26 (race, ethnicity, political opinion, beliefs, sex life, criminal record, disability,
# trade union, genetic data); "important" follows China's DSL art. 21 and the 2024 cross-border
# provisions (data a regulator has notified or published as important, or core state data).
CATEGORY_LEVELS: dict[str, Level] = {
    "public": Level.PUBLIC,
    "open-licence": Level.PUBLIC,
    "internal": Level.INTERNAL,
    "confidential": Level.INTERNAL,
    "personal": Level.PERSONAL,
    "contact": Level.PERSONAL,
    "pseudonymised": Level.PERSONAL,
    "user-generated": Level.PERSONAL,
    "biometric": Level.SENSITIVE_PERSONAL,
    "genetic": Level.SENSITIVE_PERSONAL,
    "health": Level.SENSITIVE_PERSONAL,
    "financial": Level.SENSITIVE_PERSONAL,
    "religion": Level.SENSITIVE_PERSONAL,
    "ethnicity": Level.SENSITIVE_PERSONAL,
    "political": Level.SENSITIVE_PERSONAL,
    "sex-life": Level.SENSITIVE_PERSONAL,
    "criminal": Level.SENSITIVE_PERSONAL,
    "disability": Level.SENSITIVE_PERSONAL,
    "trade-union": Level.SENSITIVE_PERSONAL,
    "location": Level.SENSITIVE_PERSONAL,
    "minors": Level.SENSITIVE_PERSONAL,
    "national-id": Level.SENSITIVE_PERSONAL,
    "important": Level.IMPORTANT,
    "core": Level.IMPORTANT,
    "critical-infrastructure": Level.IMPORTANT,
    "geospatial": Level.IMPORTANT,
}
# Redaction modes that leave no personal data behind; hash and encrypt pseudonymise.
ANONYMISING_MODES = frozenset({"placeholder", "mask"})


@dataclass(frozen=True, slots=True)
class Classification:
    """A dataset's level with the evidence for it (stored in the corpus manifest)."""

    level: Level
    reasons: tuple[str, ...]
    categories: tuple[str, ...] = ()
    pii_found: Mapping[str, int] = field(default_factory=dict)
    redaction: str = "off"

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level.label,
            "reasons": list(self.reasons),
            "categories": list(self.categories),
            "pii_found": dict(sorted(self.pii_found.items())),
            "redaction": self.redaction,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Classification:
        return cls(
            level=Level.parse(str(data["level"])),
            reasons=tuple(data.get("reasons", ())),  # type: ignore[arg-type]
            categories=tuple(data.get("categories", ())),  # type: ignore[arg-type]
            pii_found=dict(data.get("pii_found", {})),  # type: ignore[arg-type]
            redaction=str(data.get("redaction", "off")),
        )


def normalise_category(category: str) -> str:
    """``"Sex life"`` and ``sex_life`` both become ``sex-life``; unknown categories are refused."""
    name = category.strip().lower().replace("_", "-").replace(" ", "-")
    if name not in CATEGORY_LEVELS:
        known = ", ".join(sorted(CATEGORY_LEVELS))
        raise ValueError(f"unknown data category {category!r}; known categories: {known}")
    return name


def level_of_entity(entity_type: str) -> Level:
    """What finding one entity of this type means: identity documents and financial accounts are
    sensitive personal data (PIPL art. 28 "specific identity" and "financial accounts"); contact data
    (e-mail, phone, IP address) is personal data."""
    if entity_type in NATIONAL_ID_TYPES or entity_type in FINANCIAL_TYPES:
        return Level.SENSITIVE_PERSONAL
    if entity_type in ENTITY_TYPES:
        return Level.PERSONAL
    raise ValueError(f"unknown entity type {entity_type!r}")


def classify(
    pii_found: Mapping[str, int] | None = None,
    categories: Iterable[str] = (),
    *,
    redaction: str = "off",
    scanned: bool = True,
) -> Classification:
    """The level of a dataset in which ``pii_found`` (entity type -> count) was found, whose owner
    declared ``categories``, and whose text was redacted with ``redaction`` (a ``redact`` mode or "off").

    With nothing declared a dataset is at least ``internal``: being public is a declaration ("public" or
    "open-licence"), never a default, and it yields to any personal data declared or left in the text.
    The first reasons are those that decided the level. Data never scanned (``scanned=False``) is assumed
    to be personal: absence of evidence is not evidence.
    """
    found = {kind: count for kind, count in (pii_found or {}).items() if count > 0}
    declared = tuple(dict.fromkeys(normalise_category(c) for c in categories))
    evidence: list[tuple[Level, str]] = [(CATEGORY_LEVELS[n], f"declared category '{n}'") for n in declared]
    if not declared:
        evidence.append((Level.INTERNAL, "no category declared: internal unless declared public"))
    if not scanned:
        evidence.append((Level.PERSONAL, "not scanned for personal data, so assumed to hold some"))
    notes: list[str] = []
    for kind, count in sorted(found.items()):
        if redaction in ANONYMISING_MODES:
            notes.append(f"{kind} found {count}x and removed ({redaction} redaction)")
        elif redaction == "off":
            evidence.append((level_of_entity(kind), f"{kind} found {count}x and left in the text"))
        else:
            evidence.append((level_of_entity(kind), f"{kind} found {count}x, pseudonymised ({redaction})"))
    level = max(lvl for lvl, _ in evidence)
    deciding = [reason for lvl, reason in evidence if lvl == level]
    others = [reason for lvl, reason in sorted(evidence, key=lambda e: -e[0]) if lvl != level]
    return Classification(level, (*deciding, *others, *notes), declared, found, redaction)
