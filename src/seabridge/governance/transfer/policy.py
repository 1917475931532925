"""Rules as loaded from a jurisdiction's YAML file: sources, citations, conditions, rules, policies.

The condition language is deliberately small; every key of a ``when:`` mapping must hold (AND), an absent
key does not constrain, an empty ``when:`` always matches:

========================  ==================================================================
``personal_at_least: N``  ordinary personal data of N individuals or more ("以上" includes N)
``personal_below: N``     fewer than N individuals ("不满" excludes N); same pair for ``sensitive_``
``has_personal: B``       any personal data at all (ordinary or sensitive)
``important: B``          important data (flagged, or declared in an important category)
``ciio: B``               the requester operates critical information infrastructure
``requester: [R…]``       the requester is one of these (``organisation``, ``public-authority``…)
``purpose: [P…]``         the declared purpose is one of these (``contract``, ``hr``, ``emergency``…)
``categories_any: [C…]``  at least one of these data categories is declared (``public``, ``health``…)
``to: [XX…]``             the destination is one of these countries; ``to_not:`` none of them
``remote_access: B``      the transfer is remote access (or a compute job) rather than a copy
========================  ==================================================================
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

from seabridge.governance.transfer.model import Effect, Mechanism, TransferRequest


@dataclass(frozen=True, slots=True)
class Source:
    """A law or regulation a rules file relies on, named in English and in its original language."""

    key: str
    title: str
    original: str
    citation: str
    url: str

    def name(self) -> str:
        return self.title if self.original == self.title else f"{self.title} ({self.original})"

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "original": self.original, "citation": self.citation, "url": self.url}


@dataclass(frozen=True, slots=True)
class Citation:
    """A rule's legal basis: a source and where in it (``art. 8``, ``s. 129(3)(a)``)."""

    source: Source
    ref: str

    def __str__(self) -> str:
        return f"{self.source.name()}, {self.ref}"


@dataclass(frozen=True, slots=True)
class Condition:
    """A rule's ``when:``; ``None`` fields do not constrain (see the module docstring)."""

    personal_at_least: int | None = None
    personal_below: int | None = None
    sensitive_at_least: int | None = None
    sensitive_below: int | None = None
    has_personal: bool | None = None
    important: bool | None = None
    ciio: bool | None = None
    requester: frozenset[str] | None = None
    purpose: frozenset[str] | None = None
    categories_any: frozenset[str] | None = None
    to: frozenset[str] | None = None
    to_not: frozenset[str] | None = None
    remote_access: bool | None = None

    def matches(self, request: TransferRequest) -> bool:
        return all(
            (
                _within(request.personal, self.personal_at_least, self.personal_below),
                _within(request.sensitive, self.sensitive_at_least, self.sensitive_below),
                self.has_personal in (None, request.has_personal),
                self.important in (None, request.is_important),
                self.ciio in (None, request.ciio),
                self.requester is None or request.requester in self.requester,
                self.purpose is None or request.purpose in self.purpose,
                self.categories_any is None or not self.categories_any.isdisjoint(request.categories),
                self.to is None or request.destination in self.to,
                self.to_not is None or request.destination not in self.to_not,
                self.remote_access in (None, request.remote_access),
            )
        )


def _within(value: int, at_least: int | None, below: int | None) -> bool:
    return (at_least is None or value >= at_least) and (below is None or value < below)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: when it applies, what it does, what it demands, and the law it stands on.

    ``mechanisms`` (permit rules only) are alternatives: any one satisfies the rule. ``overrides`` names
    permit rules of the same file that this rule sets aside when both match (an exemption setting aside
    a requirement); nothing sets aside a review or a forbid.
    """

    id: str
    jurisdiction: str
    effect: Effect
    when: Condition
    explain: str
    cites: tuple[Citation, ...]
    mechanisms: tuple[Mechanism, ...] = ()
    obligations: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()
    direction: str = "outbound"
    note: str = ""
    line: int = 0  # where the rule starts in its file

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "jurisdiction": self.jurisdiction,
            "direction": self.direction,
            "effect": self.effect.value,
            "mechanism": list(self.mechanisms),
            "cite": [str(cite) for cite in self.cites],
            "explain": self.explain,
        }


@dataclass(frozen=True, slots=True)
class Policy:
    """One jurisdiction's rules file as loaded; ``sha256`` is the digest of the file's bytes."""

    jurisdiction: str
    version: str
    path: Path
    sha256: str
    sources: Mapping[str, Source]
    rules: tuple[Rule, ...]

    def outbound(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.direction == "outbound")

    def inbound(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.direction == "inbound")

    def version_info(self) -> dict[str, str]:
        """What the audit log records of this file: its stated version and its digest."""
        return {"version": self.version, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class PolicySet:
    """The policies in force, one per jurisdiction (the built-in rules or ``SEABRIDGE_POLICY_DIR``)."""

    policies: Mapping[str, Policy] = field(default_factory=dict)
    folder: Path | None = None

    def get(self, jurisdiction: str) -> Policy | None:
        return self.policies.get(jurisdiction)

    def __iter__(self) -> Iterator[Policy]:
        return iter(self.policies[code] for code in sorted(self.policies))

    def __len__(self) -> int:
        return len(self.policies)

    @property
    def jurisdictions(self) -> tuple[str, ...]:
        return tuple(sorted(self.policies))

    @property
    def digest(self) -> str:
        """One digest for the whole set (every file's digest, in jurisdiction order)."""
        return sha256("".join(f"{p.jurisdiction}:{p.sha256}\n" for p in self).encode()).hexdigest()

    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule.id for policy in self for rule in policy.rules)
