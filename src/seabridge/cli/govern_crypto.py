"""``seabridge govern encrypt|decrypt|keygen``: envelope encryption of dataset files under the master key.

Exit codes: 0 done; 1 a file did not decrypt (altered, cut, wrong key: the reason is printed, and no output
file is left); 2 bad input (missing file, unknown algorithm, no usable master key, output already there).
Every file is checked before any is written; key material is never printed, only the key id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from seabridge.cli import audited
from seabridge.governance.audit import DATA_ACCESS, AuditEvent
from seabridge.governance.crypto import (
    AES_256_GCM,
    SUFFIX,
    DecryptionError,
    Header,
    MasterKey,
    MasterKeyError,
    decrypt_file,
    encrypt_file,
    generate_master_key,
    load_master_key,
    save_master_key,
    suite_name,
)
from seabridge.platform.settings import get_settings

out_console = Console(soft_wrap=True)  # paths and reasons stay on one line, whatever the terminal width
err = Console(stderr=True, soft_wrap=True)

PathsArg = Annotated[list[Path], typer.Argument(help="Files to process.", show_default=False)]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Output file (one input) or folder (any number); default: beside the input."),
]
KeyFileOpt = Annotated[
    Path | None,
    typer.Option("--key-file", help="Master key file (default: SEABRIDGE_MASTER_KEY, else the key file)."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace output files that already exist.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per file on stdout.")]


def encrypt_cmd(
    paths: PathsArg,
    out: OutOpt = None,
    algorithm: Annotated[
        str, typer.Option("--algorithm", help="'aes-256-gcm' or 'sm4-gcm' (national algorithms).")
    ] = AES_256_GCM.lower(),
    key_file: KeyFileOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Encrypt files under the master key (a new data key each); FILE becomes FILE.sbenc."""
    try:
        algorithm = suite_name(algorithm)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    plan = _plan(paths, out, lambda name: name + SUFFIX, force)
    key = _key(key_file)
    for source, target in plan:
        try:
            header = encrypt_file(source, target, key, algorithm=algorithm)
        except OSError as exc:
            raise _fail(f"{source}: {exc.strerror or exc}") from exc
        _report("encrypted", source, target, header, as_json)


def decrypt_cmd(
    paths: PathsArg,
    out: OutOpt = None,
    key_file: KeyFileOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Decrypt .sbenc files; an output appears only once its every chunk has authenticated."""

    def plain_name(name: str) -> str:
        if not name.endswith(SUFFIX) or name == SUFFIX:
            raise _fail(f"{name} does not end in {SUFFIX}: name the output with --out FILE")
        return name[: -len(SUFFIX)]

    plan = _plan(paths, out, plain_name, force)
    key = _key(key_file)
    failed = 0
    for source, target in plan:
        # Decrypted beside the target and renamed only once the access is recorded: no plaintext appears
        # under the output name unrecorded.
        staged = target.with_name(f".{target.name}.unrecorded")
        try:
            header = decrypt_file(source, staged, key)
        except DecryptionError as exc:
            failed += 1
            audited.record(_access("refused", key.key_id, {"reason": str(exc.reason)}))
            err.print(f"[red]refused:[/red] {escape(str(exc))}")
            if as_json:
                record = {"input": str(source), "status": "refused", "reason": exc.reason, "error": str(exc)}
                typer.echo(json.dumps(record, ensure_ascii=False))
            continue
        except OSError as exc:
            raise _fail(f"{source}: {exc.strerror or exc}") from exc
        opened = {"envelope": header.envelope_id, "algorithm": header.algorithm}
        try:
            audited.record(_access("decrypted", key.key_id, opened))
        except typer.Exit:
            staged.unlink(missing_ok=True)
            raise
        staged.replace(target)
        _report("decrypted", source, target, header, as_json)
    if failed:
        raise typer.Exit(1)


def _access(outcome: str, key_id: str, details: dict[str, str]) -> AuditEvent:
    """A decryption (or a refused one) for the audit log: the envelope's id, never the file's path, which
    may hold a person's name."""
    return AuditEvent(
        DATA_ACCESS,
        actor=audited.cli_actor(),
        resource=f"master-key:{key_id}",
        outcome=outcome,
        details=details,
    )


def keygen_cmd(
    out: Annotated[
        Path | None, typer.Option("--out", help="Key file to write (default: the settings' master key file).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing key (data encrypted under it is then lost).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Make a new master key in an owner-only (0600) file; prints where and the key id, never the key."""
    settings = get_settings()
    path = out or settings.master_key_path()
    key = generate_master_key()
    try:
        save_master_key(key, path, force=force)
    except MasterKeyError as exc:
        raise _fail(f"{exc}; pass --force to replace it" if path.exists() else str(exc)) from exc
    except OSError as exc:
        raise _fail(f"{path}: {exc.strerror or exc}") from exc
    if as_json:
        typer.echo(json.dumps({"path": str(path), "key_id": key.key_id}))
    else:
        out_console.print(f"wrote master key {key.key_id} to {escape(str(path))} (readable by you only)")
        err.print("Keep a copy somewhere safe: files encrypted under this key cannot be read without it.")
    if settings.master_key is not None and out is None:
        err.print("[yellow]note:[/yellow] SEABRIDGE_MASTER_KEY is set and wins over this file.")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _key(key_file: Path | None) -> MasterKey:
    try:
        return load_master_key(key_file)
    except MasterKeyError as exc:
        raise _fail(str(exc)) from exc


def _plan(
    paths: list[Path], out: Path | None, rename: Callable[[str], str], force: bool
) -> list[tuple[Path, Path]]:
    """(input, output) pairs, every one checked before anything is written."""
    into_folder = out is not None and (len(paths) > 1 or out.is_dir())
    if into_folder and out is not None and out.exists() and not out.is_dir():
        raise _fail(f"--out {out} is a file; several inputs need a folder")
    plan: list[tuple[Path, Path]] = []
    for source in paths:
        if not source.is_file():
            raise _fail(f"{source}: " + ("not a file" if source.exists() else "no such file"))
        if out is None:
            target = source.with_name(rename(source.name))
        elif into_folder:
            target = out / rename(source.name)
        else:
            target = out
        if target.resolve() == source.resolve():
            raise _fail(f"{source}: the output would replace the input")
        if target.exists() and not force:
            raise _fail(f"{target} already exists; pass --force to replace it")
        if any(target.resolve() == planned.resolve() for _, planned in plan):
            raise _fail(f"two inputs would both be written to {target}")
        plan.append((source, target))
    if into_folder and out is not None:
        out.mkdir(parents=True, exist_ok=True)
    return plan


def _report(verb: str, source: Path, target: Path, header: Header, as_json: bool) -> None:
    if as_json:
        record = {
            "input": str(source),
            "output": str(target),
            "status": verb,
            "algorithm": header.algorithm,
            "key_id": header.key_id,
        }
        typer.echo(json.dumps(record, ensure_ascii=False))
    else:
        out_console.print(
            f"{verb} {escape(str(source))} -> {escape(str(target))} ({header.algorithm}, key {header.key_id})"
        )


def register(app: typer.Typer) -> None:
    """Add ``encrypt``, ``decrypt`` and ``keygen`` to the ``govern`` app."""
    app.command("encrypt")(encrypt_cmd)
    app.command("decrypt")(decrypt_cmd)
    app.command("keygen")(keygen_cmd)
