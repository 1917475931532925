"""Every transfer decision goes into the audit log, so that it can be proved later what was decided, on
which request, under which version of which rules.

The entry holds the request (countries, counts, flags, closed-list purpose and categories), the verdict,
the mechanisms still required, the ids of the rules that fired and were set aside, and the digest of each
rules file: enough to replay the decision with the same rules, and nothing personal. The explanation and
obligations are not stored: they follow from the rule ids and file digests, and free text is where
personal data could slip in.
"""

from __future__ import annotations

from seabridge.governance.audit import POLICY_DECISION, AuditEvent, AuditLog
from seabridge.governance.transfer.model import Decision


def audit_event(decision: Decision, *, actor: str, tenant: str | None = None) -> AuditEvent:
    """The audit event recording ``decision``, taken by or for ``actor``."""
    request = decision.request
    return AuditEvent(
        POLICY_DECISION,
        actor=actor,
        resource=f"transfer:{request.origin}->{request.destination}",
        outcome=str(decision.verdict.value),
        tenant=tenant,
        details={
            "request": request.to_dict(),
            "requirements": [requirement.to_dict() for requirement in decision.requirements],
            "rules": [rule.id for rule in decision.rules],
            "set_aside": [list(pair) for pair in decision.set_aside],
            "policy_version": {code: dict(info) for code, info in decision.policy_version.items()},
        },
    )


def record_decision(decision: Decision, log: AuditLog, *, actor: str, tenant: str | None = None) -> int:
    """Append ``decision`` to ``log``; returns its entry's index."""
    return log.append(audit_event(decision, actor=actor, tenant=tenant))
