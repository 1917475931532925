"""``seabridge govern transfer check|rules``: may this data cross this border, and how?

A thin layer over :func:`seabridge.governance.transfer.decide`: the rules live in the YAML files it loads
(built-in, or ``SEABRIDGE_POLICY_DIR``), never here.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from seabridge.cli.audited import cli_actor, record
from seabridge.governance.transfer import (
    PURPOSES,
    REQUESTERS,
    Decision,
    PolicyError,
    PolicySet,
    TransferRequest,
    Verdict,
    decide,
    load_policies,
)
from seabridge.governance.transfer.model import IN_PLACE_MECHANISMS
from seabridge.governance.transfer.record import audit_event

err = Console(stderr=True, soft_wrap=True)  # error messages name paths: never wrap them

# The exit-code contract of `check` (also in its --help): scripts may test `check ... && transfer`.
EXIT_CODES = {Verdict.ALLOWED: 0, Verdict.MECHANISM_REQUIRED: 1, Verdict.LEGAL_REVIEW: 3, Verdict.DENIED: 4}
_STYLE = {
    Verdict.ALLOWED: "green",
    Verdict.MECHANISM_REQUIRED: "yellow",
    Verdict.LEGAL_REVIEW: "magenta",
    Verdict.DENIED: "red",
}
_CHECK_HELP = "\n\n".join(
    [
        "Decide whether data held in one country may go to another, and what it needs first.",
        "Counts are individuals whose data the exporter has sent abroad since 1 January of this year, this "
        "transfer included (China's rule). Remote access from the destination, or a compute job there "
        "reading the data, counts as a transfer (--remote-access).",
        "\b\nExit codes:\n"
        "  0  allowed as it is (obligations may still apply)\n"
        "  1  allowed only once a mechanism is in place (see --mechanism)\n"
        "  2  bad input, or unusable rules files\n"
        "  3  legal review: no rule decides it, or the rules ask a person\n"
        "  4  denied: a rule forbids it",
        f"Purposes: {', '.join(PURPOSES)}.",
        f"Requesters: {', '.join(REQUESTERS)}.",
        f"Mechanisms: {', '.join(sorted(IN_PLACE_MECHANISMS))}.",
    ]
)


def register(app: typer.Typer) -> None:
    """Add ``transfer`` (``check``, ``rules``) to the ``govern`` app."""
    transfer = typer.Typer(
        help="Cross-border transfer policy: check a transfer, list the rules.", no_args_is_help=True
    )
    transfer.command("check", help=_CHECK_HELP)(check)
    transfer.command("rules")(rules)
    app.add_typer(transfer, name="transfer")


def check(
    origin: Annotated[
        str, typer.Option("--from", help="Country holding the data (ISO 3166 alpha-2, e.g. CN).")
    ],
    destination: Annotated[str, typer.Option("--to", help="Country receiving or accessing it (e.g. TH).")],
    personal: Annotated[int, typer.Option(min=0, help="Individuals whose ordinary personal data goes.")] = 0,
    sensitive: Annotated[
        int, typer.Option(min=0, help="Individuals whose sensitive personal data goes.")
    ] = 0,
    important: Annotated[bool, typer.Option("--important", help="Important data (as notified).")] = False,
    ciio: Annotated[bool, typer.Option("--ciio", help="Sent by a critical-infrastructure operator.")] = False,
    requester: Annotated[str | None, typer.Option(help="Who sends it (see below).")] = None,
    purpose: Annotated[str | None, typer.Option(help="Why (see below); may ground an exemption.")] = None,
    categories: Annotated[
        list[str] | None, typer.Option("--categories", help="Data categories, comma-separated or repeated.")
    ] = None,
    mechanism: Annotated[
        list[str] | None, typer.Option("--mechanism", help="A mechanism already in place (repeatable).")
    ] = None,
    remote_access: Annotated[
        bool, typer.Option("--remote-access", help="Access or a compute job from the destination.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the decision as JSON.")] = False,
    audit: Annotated[
        bool,
        typer.Option("--audit/--no-audit", help="Record the decision in the audit log (SEABRIDGE_HOME)."),
    ] = True,
) -> None:
    if ciio and requester not in (None, "ciio"):
        raise typer.BadParameter(f"--ciio contradicts --requester {requester}", param_hint="--ciio")
    try:
        request = TransferRequest(
            origin,
            destination,
            personal=personal,
            sensitive=sensitive,
            important=important,
            requester="ciio" if ciio else (requester or "organisation"),
            purpose=purpose,
            categories=tuple(c for item in categories or () for c in item.split(",") if c.strip()),
            mechanisms=frozenset(mechanism or ()),
            remote_access=remote_access,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    decision = decide(request, _policies())
    if as_json:
        typer.echo(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
    else:
        Console().print(_panel(decision))  # made per call: the width follows COLUMNS when it runs
    if audit:
        _record(decision)
    raise typer.Exit(EXIT_CODES[decision.verdict])


def _record(decision: Decision) -> None:
    """Append the decision to the audit log; a decision that cannot be recorded is an error (exit 2): it
    must not be acted on unrecorded."""
    record(audit_event(decision, actor=cli_actor()))


def rules(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """The jurisdictions whose rules are loaded, with each file's version, digest and rule ids."""
    policies = _policies()
    if as_json:
        listing = [
            {
                **p.version_info(),
                "jurisdiction": p.jurisdiction,
                "file": str(p.path),
                "rules": [r.id for r in p.rules],
            }
            for p in policies
        ]
        typer.echo(json.dumps({"folder": str(policies.folder), "policies": listing}, indent=2))
        return
    table = Table(title=f"Transfer rules in {policies.folder}")
    for column in ("code", "version", "sha256", "rules"):
        table.add_column(column, no_wrap=True)
    for policy in policies:
        table.add_row(
            policy.jurisdiction, policy.version, policy.sha256[:12], "\n".join(r.id for r in policy.rules)
        )
    Console().print(table)


def _policies() -> PolicySet:
    try:
        return load_policies()
    except PolicyError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from error


def _panel(decision: Decision) -> Panel:
    request = decision.request
    lines = [
        f"[bold]{decision.verdict.value}[/bold]  {request.origin} → {request.destination}",
        f"mechanism required: {escape(decision.mechanism)}",
    ]
    met = [f"{r.met_by} (meets {r.rule})" for r in decision.requirements if r.met_by]
    if met:
        lines.append(f"in place: {escape(', '.join(met))}")
    if decision.obligations:
        lines += ["", "[bold]obligations[/bold]", *(f"• {escape(text)}" for text in decision.obligations)]
    if decision.rules:
        lines += ["", "[bold]rules[/bold]"]
        for rule in decision.rules:
            lines.append(f"• {rule.id} ({rule.effect.value})")
            lines += [f"    {escape(str(cite))}" for cite in rule.cites]
    for rule, by in decision.set_aside:
        lines.append(f"• {rule}: set aside by {by}")
    lines += ["", escape(decision.explanation)]
    versions = ", ".join(
        f"{code} {v['version']} ({v['sha256'][:12]})" for code, v in decision.policy_version.items()
    )
    if versions:
        lines += ["", f"[dim]rules: {versions}[/dim]"]
    return Panel("\n".join(lines), title="transfer check", border_style=_STYLE[decision.verdict])
