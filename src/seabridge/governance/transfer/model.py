"""What the transfer engine reads and returns: a request, the vocabularies its fields take, a decision.

A request carries no personal data, only counts and codes from closed vocabularies, so a decision can go
into the audit log as it is. Counts follow China's 2024 cross-border provisions, the strictest in the
region: ``personal`` is the number of individuals whose ordinary (non-sensitive) personal data the
exporter has sent abroad since 1 January of the current year, this transfer included; ``sensitive`` the
same for sensitive personal data (PIPL art. 28: biometrics, religion, specific identity, health,
financial accounts, whereabouts, minors under 14).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

import icu

from seabridge.governance.classify import CATEGORY_LEVELS, Level, normalise_category

if TYPE_CHECKING:
    from seabridge.governance.transfer.policy import Rule


class Mechanism(StrEnum):
    """A way of making a transfer lawful. Which ones a jurisdiction accepts is data (its rules file)."""

    NONE = "none"
    CONSENT = "consent"  # the individuals' (informed, where the law says so separate) consent
    STANDARD_CONTRACT = "standard-contract"  # a regulator's standard contract (CN: filed with the CAC)
    CONTRACT = "contract"  # contractual clauses or another binding instrument the parties draft
    BINDING_CORPORATE_RULES = "binding-corporate-rules"
    CERTIFICATION = "certification"  # CN personal-information certification, APEC/Global CBPR, PRP
    SECURITY_ASSESSMENT = "security-assessment"  # a state security assessment (CN: by the CAC)
    # An impact assessment as the exporting law defines it: VN a dossier sent to the Ministry of Public
    # Security, MY the exporter's assessment of the destination's law, renewed every three years.
    TRANSFER_IMPACT_ASSESSMENT = "transfer-impact-assessment"
    LEGAL_REVIEW = "legal-review"  # no mechanism decides it: a person must

    @property
    def words(self) -> str:
        """The mechanism in a sentence: ``"a standard contract"``."""
        return _WORDS[self]


_WORDS = {
    Mechanism.NONE: "no mechanism",
    Mechanism.CONSENT: "the individuals' consent",
    Mechanism.STANDARD_CONTRACT: "a standard contract",
    Mechanism.CONTRACT: "a contract",
    Mechanism.BINDING_CORPORATE_RULES: "binding corporate rules",
    Mechanism.CERTIFICATION: "a certification",
    Mechanism.SECURITY_ASSESSMENT: "a security assessment",
    Mechanism.TRANSFER_IMPACT_ASSESSMENT: "a transfer impact assessment",
    Mechanism.LEGAL_REVIEW: "a legal review",
}

# Mechanisms a request may declare as already in place (none and legal review are outcomes, not tools).
IN_PLACE_MECHANISMS = frozenset(Mechanism) - {Mechanism.NONE, Mechanism.LEGAL_REVIEW}


class Verdict(StrEnum):
    """The outcome; the CLI's exit code follows it (see ``seabridge govern transfer check --help``)."""

    ALLOWED = "allowed"  # may go now; obligations may still apply
    MECHANISM_REQUIRED = "mechanism-required"  # may go once one mechanism of each requirement is in place
    LEGAL_REVIEW = "legal-review"  # seabridge cannot decide: no rule applies, or the rules say so
    DENIED = "denied"  # a rule forbids it


class Effect(StrEnum):
    """What a rule does when it matches; a forbid wins over everything, a review over any permit."""

    PERMIT = "permit"
    REVIEW = "review"
    FORBID = "forbid"


# Purposes a rule may recognise as grounds for an exemption. A closed list, so that a purpose never
# carries personal data into the audit log and a typo is refused rather than silently ignored.
PURPOSES: Mapping[str, str] = {
    "contract": "conclude or perform a contract to which the individual is a party, or at their request",
    "hr": "cross-border human-resources management of the exporter's own staff",
    "emergency": "protect the life, health or property of a person in an emergency (vital interests)",
    "legal-obligation": "comply with a legal obligation of the exporter",
    "legal-claims": "legal proceedings, or establishing, exercising or defending legal rights",
    "public-interest": "a task carried out in a substantial public interest",
    "research": "research or statistics",
    "ai-training": "training or evaluating AI models",
    "other": "any other purpose",
}
# Who sends the data. "ciio": an operator of critical information infrastructure (CN CIIO and the like).
REQUESTERS: Mapping[str, str] = {
    "organisation": "a company or other organisation (the default)",
    "ciio": "a critical information infrastructure operator",
    "public-authority": "a state agency or other public authority",
    "individual": "the individual whose data it is, sending their own data",
}
# Data categories (``seabridge.governance.classify``'s vocabulary) by what they say about the data.
_PERSONAL_CATEGORIES = frozenset(c for c, lvl in CATEGORY_LEVELS.items() if lvl == Level.PERSONAL)
_SENSITIVE_CATEGORIES = frozenset(c for c, lvl in CATEGORY_LEVELS.items() if lvl == Level.SENSITIVE_PERSONAL)
_IMPORTANT_CATEGORIES = frozenset(c for c, lvl in CATEGORY_LEVELS.items() if lvl == Level.IMPORTANT)


@cache
def _iso_countries() -> frozenset[str]:
    return frozenset(icu.Locale.getISOCountries())


def country_code(code: str) -> str:
    """``"th"`` -> ``"TH"``; anything that is not an ISO 3166-1 alpha-2 code (ICU's list) is refused."""
    normal = code.strip().upper()
    if normal not in _iso_countries():
        raise ValueError(f"unknown country code {code!r}: use an ISO 3166-1 alpha-2 code such as CN or TH")
    return normal


def country_name(code: str) -> str:
    """``"TH"`` -> ``"Thailand"`` (ICU's English name)."""
    return str(icu.Locale("", code).getDisplayCountry(icu.Locale.getEnglish()))


def _count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of individuals (0 or more), not {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class TransferRequest:
    """Data held in ``origin`` going to ``destination`` (ISO 3166-1 alpha-2 codes).

    Remote access from the destination, and a compute job at a site in the destination reading data held
    in the origin, are transfers from origin to destination too (``remote_access``; ``for_compute_job``).
    """

    origin: str
    destination: str
    personal: int = 0
    sensitive: int = 0
    important: bool = False
    requester: str = "organisation"
    purpose: str | None = None
    categories: tuple[str, ...] = ()
    mechanisms: frozenset[Mechanism] = field(default_factory=frozenset)
    remote_access: bool = False

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: normalise once, here
        set_(self, "origin", country_code(self.origin))
        set_(self, "destination", country_code(self.destination))
        set_(self, "personal", _count("personal", self.personal))
        set_(self, "sensitive", _count("sensitive", self.sensitive))
        if self.requester not in REQUESTERS:
            raise ValueError(f"unknown requester {self.requester!r}; requesters: {', '.join(REQUESTERS)}")
        if self.purpose is not None and self.purpose not in PURPOSES:
            raise ValueError(f"unknown purpose {self.purpose!r}; purposes: {', '.join(PURPOSES)}")
        set_(self, "categories", tuple(sorted({normalise_category(c) for c in self.categories})))
        set_(self, "mechanisms", frozenset(_in_place(m) for m in self.mechanisms))
        self._check_counts_match_categories()

    def _check_counts_match_categories(self) -> None:
        """Declared categories and counts must agree: the rules decide on the counts."""
        declared = set(self.categories)
        if declared & _SENSITIVE_CATEGORIES and self.sensitive == 0:
            names = ", ".join(sorted(declared & _SENSITIVE_CATEGORIES))
            raise ValueError(f"categories declare sensitive personal data ({names}) but sensitive is 0")
        personal = declared & (_PERSONAL_CATEGORIES | _SENSITIVE_CATEGORIES)
        if personal and not self.has_personal:
            names = ", ".join(sorted(personal))
            raise ValueError(f"categories declare personal data ({names}) but both counts are 0")

    @classmethod
    def for_compute_job(cls, data_in: str, job_at: str, **fields: Any) -> TransferRequest:
        """A job running in ``job_at`` that reads data held in ``data_in``: a ``data_in`` -> ``job_at``
        transfer by remote access (the dispatcher asks this before placing a job)."""
        return cls(data_in, job_at, remote_access=True, **fields)

    @property
    def ciio(self) -> bool:
        return self.requester == "ciio"

    @property
    def has_personal(self) -> bool:
        return self.personal + self.sensitive > 0

    @property
    def is_important(self) -> bool:
        """Flagged important, or declared in a category that is (``important``, ``core``…)."""
        return self.important or bool(set(self.categories) & _IMPORTANT_CATEGORIES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.origin,
            "to": self.destination,
            "personal": self.personal,
            "sensitive": self.sensitive,
            "important": self.is_important,
            "requester": self.requester,
            "purpose": self.purpose,
            "categories": list(self.categories),
            "mechanisms_in_place": sorted(self.mechanisms),
            "remote_access": self.remote_access,
        }


def _in_place(value: str) -> Mechanism:
    if value not in IN_PLACE_MECHANISMS:
        known = ", ".join(sorted(IN_PLACE_MECHANISMS))
        raise ValueError(f"{value!r} is not a mechanism that can be in place; mechanisms: {known}")
    return Mechanism(value)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One rule's demand: any one of ``any_of`` must be in place; ``met_by`` says which one is."""

    rule: str
    any_of: tuple[Mechanism, ...]
    met_by: Mechanism | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "any_of": list(self.any_of), "met_by": self.met_by}


@dataclass(frozen=True, slots=True)
class Decision:
    """The engine's answer (cedar's shape): the verdict, what is still required, the obligations, the rules
    that determined it with their citations, and sentences a person can read. ``to_dict`` is what the
    audit log stores: JSON-able, keys in a fixed order, no personal data."""

    verdict: Verdict
    request: TransferRequest
    requirements: tuple[Requirement, ...] = ()
    obligations: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    set_aside: tuple[tuple[str, str], ...] = ()  # (rule id, id of the rule that set it aside)
    explanation: str = ""
    policy_version: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def allowed(self) -> bool:
        """True only when the transfer may go as it is (obligations aside)."""
        return self.verdict is Verdict.ALLOWED

    @property
    def outstanding(self) -> tuple[tuple[Mechanism, ...], ...]:
        """What must still be put in place: one mechanism of each group (legal review when undecided)."""
        if self.verdict is Verdict.LEGAL_REVIEW:
            return ((Mechanism.LEGAL_REVIEW,),)
        if self.verdict is Verdict.MECHANISM_REQUIRED:
            return tuple(dict.fromkeys(r.any_of for r in self.requirements if r.met_by is None))
        return ()

    @property
    def mechanism(self) -> str:
        """The outstanding mechanisms in words: ``"standard-contract or certification"``, ``"none"``."""
        if self.verdict is Verdict.DENIED:
            return "none (forbidden)"
        return " and ".join(" or ".join(group) for group in self.outstanding) or Mechanism.NONE.value

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(cite) for rule in self.rules for cite in rule.cites))

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "allowed": self.allowed,
            "mechanism_required": [list(group) for group in self.outstanding],
            "requirements": [r.to_dict() for r in self.requirements],
            "obligations": list(self.obligations),
            "rules": [rule.to_dict() for rule in self.rules],
            "set_aside": [{"rule": rule, "by": by} for rule, by in self.set_aside],
            "explanation": self.explanation,
            "citations": list(self.citations),
            "request": self.request.to_dict(),
            "policy_version": {code: dict(version) for code, version in sorted(self.policy_version.items())},
        }


def join_alternatives(groups: Iterable[Iterable[Mechanism]]) -> str:
    """``[[STANDARD_CONTRACT, CERTIFICATION], [CONSENT]]`` -> ``"a standard contract or a certification,
    and the individuals' consent"`` (for sentences; equal groups once)."""
    unique = dict.fromkeys(tuple(group) for group in groups)
    return ", and ".join(" or ".join(m.words for m in group) for group in unique)
