"""Cross-border transfer policy: rules as data (one YAML file per jurisdiction, each rule citing its law)
and one engine deciding a transfer request into a :class:`Decision`.

The CLI (``seabridge govern transfer check``), the web app and the dispatcher (a job at site B reading data
held in A is an A -> B transfer) all call :func:`decide`; no rule exists anywhere else::

    >>> from seabridge.governance.transfer import TransferRequest, decide
    >>> decision = decide(TransferRequest("CN", "TH", personal=150_000))
    >>> decision.verdict.value, decision.mechanism
    ('mechanism-required', 'standard-contract or certification')
    >>> decide(TransferRequest("CN", "TH", personal=150_000, mechanisms={"certification"})).allowed
    True

Counts are individuals since 1 January of the current year, this transfer included (see ``model``). Where
no rule applies, or the exporting country has no rules file, the answer is legal review, never allowed.
"""

from __future__ import annotations

from seabridge.governance.transfer.engine import decide
from seabridge.governance.transfer.loader import BUILTIN_DIR, PolicyError, load_policies, parse_policy
from seabridge.governance.transfer.model import (
    PURPOSES,
    REQUESTERS,
    Decision,
    Effect,
    Mechanism,
    Requirement,
    TransferRequest,
    Verdict,
)
from seabridge.governance.transfer.policy import Citation, Condition, Policy, PolicySet, Rule, Source

__all__ = [
    "BUILTIN_DIR",
    "PURPOSES",
    "REQUESTERS",
    "Citation",
    "Condition",
    "Decision",
    "Effect",
    "Mechanism",
    "Policy",
    "PolicyError",
    "PolicySet",
    "Requirement",
    "Rule",
    "Source",
    "TransferRequest",
    "Verdict",
    "decide",
    "load_policies",
    "parse_policy",
]
