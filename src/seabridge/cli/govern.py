"""``seabridge govern ...``: personal data, transfer policy, audit log and encryption at rest."""

from __future__ import annotations

import typer

from seabridge.cli import govern_audit, govern_crypto, govern_transfer

app = typer.Typer(
    help="Cross-border data governance: find and redact personal data, check transfers, audit, encrypt.",
    no_args_is_help=True,
)
for module in (govern_transfer, govern_audit, govern_crypto):
    module.register(app)
