"""``seabridge govern audit ...``: check, read, sign and prove the tamper-evident audit log.

``verify`` exits 0 when the log is intact and 1 naming the first bad entry (index, line, reason); bad
input (no log, an unreadable key) exits 2 as elsewhere in the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from seabridge.governance.audit import (
    DEFAULT_KEY_NAME,
    AuditLog,
    AuditLogError,
    Checkpoint,
    KeyFileError,
    NoteError,
    VerifierKey,
    generate_signing_key,
    load_or_create_signing_key,
    load_signing_key,
    load_verifier_key,
    parse_checkpoint,
    save_signing_key,
)
from seabridge.governance.audit.store import FileStore
from seabridge.platform.settings import get_settings

audit_app = typer.Typer(
    help="The tamper-evident audit log: verify it, show entries, sign checkpoints, prove inclusion.",
    no_args_is_help=True,
)
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

LogOption = Annotated[
    Path | None,
    typer.Option("--log", help="Audit log folder (default: SEABRIDGE_AUDIT_DIR, else ~/.seabridge/audit)."),
]
KeyOption = Annotated[
    Path | None,
    typer.Option(
        "--key", help="Signing key file (default: SEABRIDGE_AUDIT_SIGNING_KEY_FILE, else in keys/)."
    ),
]
NameOption = Annotated[
    str, typer.Option("--name", help="The key's name, which is the log's origin in checkpoints.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the ``govern`` app."""
    app.add_typer(audit_app, name="audit")


def _fail(message: str) -> typer.Exit:
    err.print(Text.assemble(("error:", "red"), " ", message))
    return typer.Exit(2)


def _open_log(log: Path | None) -> AuditLog:
    """The log at ``log`` (or the settings' folder), which must exist: a mistyped path is not a new log."""
    folder = log or get_settings().audit_path()
    store = FileStore(folder)
    if not store.exists():
        raise _fail(f"no audit log at {folder}")
    return AuditLog(store=store)


def _key_path(key: Path | None) -> Path:
    return key or get_settings().audit_signing_key_path()


@audit_app.command("verify")
def verify_cmd(
    log: LogOption = None,
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key",
            help="The log's verifier key file (default: that of the local signing key, if any).",
        ),
    ] = None,
    checkpoints: Annotated[
        list[Path] | None,
        typer.Option(
            "--checkpoint", help="A checkpoint saved elsewhere to check the log against (repeatable)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check every entry and checkpoint; exit 1 naming the first entry altered, removed, reordered or
    inserted, or the first checkpoint that does not match or whose signature fails."""
    audit = _open_log(log)
    verifier = _verifier(public_key)
    trusted = [_read_checkpoint(path) for path in checkpoints or []]
    try:
        report = audit.verify(verifier, trusted)
    except OSError as exc:  # an unreadable log is bad input (2), not a log found altered (1)
        raise _fail(f"cannot read the audit log: {exc.strerror or exc}") from exc
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    elif report.problem is None:
        out.print(Text.assemble(("intact:", "green"), " ", report.summary()))
        if report.entries > report.signed:
            # only a signed checkpoint (kept elsewhere too) protects the tail against truncation or rewriting
            err.print(
                f"[yellow]warning:[/yellow] {report.entries - report.signed} entries after the last signed "
                "checkpoint could be cut off or rewritten unnoticed; sign one with `seabridge govern audit "
                "checkpoint` and keep a copy elsewhere"
            )
    else:
        problem = report.problem
        where = f"entry {problem.index}" if problem.index is not None else "a checkpoint"
        out.print(
            Text.assemble(
                ("not intact:", "red"), f" first bad {where}, line {problem.line}: {problem.reason}"
            )
        )
        out.print(str(problem), markup=False)
    if not report.ok:
        raise typer.Exit(1)


def _verifier(public_key: Path | None) -> VerifierKey | None:
    try:
        if public_key is not None:
            return load_verifier_key(public_key)
        local = get_settings().audit_signing_key_path()
        if local.exists():
            err.print(f"checking signatures with the public key of {local}", markup=False)
            return load_signing_key(local).verifier()
    except KeyFileError as error:
        raise _fail(str(error)) from error
    err.print("[yellow]no public key:[/yellow] checkpoint signatures are not checked (give --public-key)")
    return None


def _read_checkpoint(path: Path) -> Checkpoint:
    try:
        return parse_checkpoint(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, NoteError) as error:
        raise _fail(f"{path}: not a checkpoint ({error})") from error


@audit_app.command("show")
def show_cmd(
    log: LogOption = None,
    last: Annotated[int, typer.Option("--last", min=1, help="How many entries, from the end.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per entry, as stored.")] = False,
) -> None:
    """The last entries of the log."""
    try:
        entries = _open_log(log).last(last)
    except AuditLogError as error:
        raise _fail(str(error)) from error
    if as_json:
        for entry in entries:
            typer.echo(json.dumps(entry.to_json(), ensure_ascii=False, sort_keys=True))
        return
    table = Table(title=f"last {len(entries)} audit entries")
    for column in ("seq", "time (UTC)", "type", "tenant", "actor", "resource", "outcome", "details"):
        table.add_column(column, justify="right" if column == "seq" else "left")
    for entry in entries:
        fields = entry.fields
        details = json.dumps(fields["details"], ensure_ascii=False, sort_keys=True)
        if len(details) > _DETAILS_SHOWN:
            details = details[: _DETAILS_SHOWN - 1] + "…"
        row = [fields["type"], fields["tenant"] or "", fields["actor"], fields["resource"], fields["outcome"]]
        # Text, not markup: entries hold what callers wrote, and "[/bold]" in a name must neither break nor
        # restyle the view of the log
        table.add_row(*(Text(str(cell)) for cell in (entry.seq, entry.ts[:19], *row, details)))
    # Fitted to the terminal (or 160 columns in a pipe); --json gives every entry whole.
    Console(highlight=False, width=None if out.is_terminal else 160).print(table)


# Characters of an entry's details shown in the table; `show --json` prints them whole.
_DETAILS_SHOWN = 120


@audit_app.command("checkpoint")
def checkpoint_cmd(log: LogOption = None, key: KeyOption = None, name: NameOption = DEFAULT_KEY_NAME) -> None:
    """Sign the log's current head; the signing key is created on first use (``--name`` names it then)."""
    audit = _open_log(log)
    path = _key_path(key)
    try:
        signing, created = load_or_create_signing_key(path, name)
    except KeyFileError as error:
        raise _fail(str(error)) from error
    if created:
        err.print(f"created the audit signing key {path} (owner-only); its public key, for auditors:")
        err.print(signing.verifier().to_string(), markup=False)
    try:
        checkpoint = audit.checkpoint(signing)
    except AuditLogError as error:
        raise _fail(str(error)) from error
    out.print(checkpoint.note, end="", markup=False)


@audit_app.command("prove")
def prove_cmd(
    index: Annotated[int, typer.Option("--index", min=0, help="The entry's index (sequence number).")],
    size: Annotated[
        int | None,
        typer.Option("--size", min=1, help="Tree size (default: the latest checkpoint holding the entry)."),
    ] = None,
    log: LogOption = None,
) -> None:
    """Print the RFC 9162 inclusion proof of an entry as JSON (hashes in hex)."""
    try:
        proof = _open_log(log).inclusion_proof(index, size)
    except AuditLogError as error:
        raise _fail(str(error)) from error
    typer.echo(json.dumps(proof.to_json(), ensure_ascii=False, indent=2))


@audit_app.command("consistency")
def consistency_cmd(
    old: Annotated[int, typer.Option("--old", min=0, help="The older tree size.")],
    new: Annotated[
        int | None, typer.Option("--new", min=0, help="The newer tree size (default: now).")
    ] = None,
    log: LogOption = None,
) -> None:
    """Print the RFC 9162 consistency proof between two tree sizes as JSON (hashes in hex)."""
    try:
        proof = _open_log(log).consistency_proof(old, new)
    except AuditLogError as error:
        raise _fail(str(error)) from error
    typer.echo(json.dumps(proof.to_json(), indent=2))


@audit_app.command("keygen")
def keygen_cmd(
    key: KeyOption = None,
    name: NameOption = DEFAULT_KEY_NAME,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key.")] = False,
) -> None:
    """Create the Ed25519 key that signs checkpoints (owner-only file); print its public key."""
    path = _key_path(key)
    try:
        signing = generate_signing_key(name)
        save_signing_key(signing, path, force=force)
    except KeyFileError as error:
        raise _fail(str(error)) from error
    err.print(f"wrote {path} (owner-only); its public key, for auditors:", markup=False)
    out.print(signing.verifier().to_string(), markup=False)


@audit_app.command("public-key")
def public_key_cmd(key: KeyOption = None) -> None:
    """Print the verifier key of the signing key, for ``verify --public-key`` and for auditors."""
    try:
        out.print(load_signing_key(_key_path(key)).verifier().to_string(), markup=False)
    except KeyFileError as error:
        raise _fail(str(error)) from error
