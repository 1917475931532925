"""The decision: which rules match a request, which of them stand, and what follows (cedar's idea).

1. Data staying in one country is not a transfer: allowed, no rule consulted.
2. The exporting country's outbound rules and the importing country's inbound rules are matched.
3. A matching permit rule may set aside other permit rules of its file (an exemption setting aside a
   requirement); a rule set aside sets nothing aside itself.
4. Default deny: no exporting rule left standing (or no rules for the exporting country) -> legal review.
5. An explicit forbid wins over everything; a review wins over any permit.
6. Otherwise each standing permit rule with mechanisms is a requirement (any one of its mechanisms); the
   mechanisms already in place meet some; all met -> allowed, else mechanism required.
"""

from __future__ import annotations

from seabridge.governance.transfer.loader import load_policies
from seabridge.governance.transfer.model import (
    Decision,
    Effect,
    Requirement,
    TransferRequest,
    Verdict,
    country_name,
    join_alternatives,
)
from seabridge.governance.transfer.policy import Policy, PolicySet, Rule


def decide(request: TransferRequest, policies: PolicySet | None = None) -> Decision:
    """The decision on ``request`` under ``policies`` (default: ``load_policies()``)."""
    policies = policies if policies is not None else load_policies()
    origin, destination = policies.get(request.origin), policies.get(request.destination)
    # the files consulted: the exporting one, and the importing one for its inbound rules
    versions = {origin.jurisdiction: origin.version_info()} if origin is not None else {}
    route = _route(request)
    if request.origin == request.destination:
        text = (
            f"Allowed: the data stays in {_name(request.origin)}, so this is not a cross-border transfer and "
            "no transfer rule applies (that country's other data-protection duties still do)."
        )
        return Decision(Verdict.ALLOWED, request, explanation=text, policy_version=versions)
    if origin is None:
        text = (
            f"Legal review: seabridge has no transfer rules for data held in {_name(request.origin)}; "
            "a person must decide (default deny)."
        )
        return Decision(
            Verdict.LEGAL_REVIEW,
            request,
            explanation=" ".join([text, *_context(request)]),
            policy_version=versions,
        )
    matched = [rule for rule in origin.outbound() if rule.when.matches(request)]
    if destination is not None:
        matched += [rule for rule in destination.inbound() if rule.when.matches(request)]
        versions[destination.jurisdiction] = destination.version_info()
    standing, set_aside = _stand(matched)
    requirements = tuple(
        Requirement(
            rule.id, rule.mechanisms, next((m for m in rule.mechanisms if m in request.mechanisms), None)
        )
        for rule in standing
        if rule.effect is Effect.PERMIT and rule.mechanisms
    )
    verdict, head = _verdict(origin, standing, requirements, route)
    obligations = tuple(dict.fromkeys(text for rule in standing for text in rule.obligations))
    lines = [head, *(f"{rule.id}: {rule.explain}" for rule in standing)]
    lines += [f"{rule} is set aside by {by}." for rule, by in set_aside]
    lines += [f"{r.met_by} (in place) meets {r.rule}." for r in requirements if r.met_by is not None]
    return Decision(
        verdict,
        request,
        requirements,
        obligations,
        tuple(standing),
        set_aside,
        " ".join([*lines, *_context(request)]),
        versions,
    )


def _stand(matched: list[Rule]) -> tuple[list[Rule], tuple[tuple[str, str], ...]]:
    """The matched rules left standing, and (rule, by) for those set aside. A rule stands unless a
    standing rule of its file overrides it; the loader refuses cycles, so this recursion ends."""
    memo: dict[str, str | None] = {}

    def setter(rule: Rule) -> str | None:
        """The id of the standing rule that sets ``rule`` aside, if any."""
        if rule.id not in memo:
            memo[rule.id] = next(
                (
                    other.id
                    for other in matched
                    if other.jurisdiction == rule.jurisdiction
                    and rule.id in other.overrides
                    and setter(other) is None
                ),
                None,
            )
        return memo[rule.id]

    standing = [rule for rule in matched if setter(rule) is None]
    set_aside = tuple((rule.id, by) for rule in matched if (by := setter(rule)) is not None)
    return standing, set_aside


def _verdict(
    origin: Policy, standing: list[Rule], requirements: tuple[Requirement, ...], route: str
) -> tuple[Verdict, str]:
    """The verdict and its sentence: forbid > default deny > review > unmet requirement > allowed."""
    forbids = [rule.id for rule in standing if rule.effect is Effect.FORBID]
    if forbids:
        return Verdict.DENIED, f"Denied: {route} is forbidden ({', '.join(forbids)})."
    if not any(rule.jurisdiction == origin.jurisdiction for rule in standing):
        head = (
            f"Legal review: no rule of {_name(origin.jurisdiction)} applies to {route}; a person must decide"
        )
        return Verdict.LEGAL_REVIEW, f"{head} (default deny)."
    reviews = [rule.id for rule in standing if rule.effect is Effect.REVIEW]
    if reviews:
        return Verdict.LEGAL_REVIEW, f"Legal review: {route} needs a person to decide ({', '.join(reviews)})."
    unmet = [r.any_of for r in requirements if r.met_by is None]
    if unmet:
        return Verdict.MECHANISM_REQUIRED, f"Not yet allowed: {route} needs {join_alternatives(unmet)} first."
    if requirements:
        return Verdict.ALLOWED, f"Allowed: {route} has the mechanisms it needs in place."
    return Verdict.ALLOWED, f"Allowed: {route} needs no transfer mechanism."


def _route(request: TransferRequest) -> str:
    return f"data held in {_name(request.origin)} going to {_name(request.destination)}"


def _name(code: str) -> str:
    return f"{country_name(code)} ({code})"


def _context(request: TransferRequest) -> list[str]:
    if not request.remote_access:
        return []
    return [
        f"Access from {_name(request.destination)} to data held in {_name(request.origin)} (remote access or "
        f"a compute job there) counts as a transfer from {request.origin} to {request.destination}."
    ]
