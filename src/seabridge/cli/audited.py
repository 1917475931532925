"""Recording a command's decision or data access in the audit log, the same way for every command.

Decisions and accesses must not happen unrecorded: a command that cannot append to the log says so and
exits with status 2. The actor is the operating-system user (``cli:<user>``) until the platform's
accounts exist.
"""

from __future__ import annotations

import getpass

import typer
from rich.console import Console
from rich.markup import escape

from seabridge.governance.audit import AuditEvent, AuditLogError, record_event
from seabridge.platform.settings import get_settings

err = Console(stderr=True, soft_wrap=True, highlight=False)


def cli_actor() -> str:
    return f"cli:{getpass.getuser()}"


def record(event: AuditEvent) -> int:
    """Append ``event`` to the settings' audit log; exit 2 if it cannot be recorded."""
    folder = get_settings().audit_path()
    try:
        index = record_event(event, folder)
    except (AuditLogError, OSError, ValueError) as error:
        err.print(f"[red]error:[/red] could not be recorded in the audit log {escape(f'{folder}: {error}')}")
        raise typer.Exit(2) from error
    err.print(f"recorded as audit entry {index} in {escape(str(folder))}")
    return index
