"""``seabridge govern ...``: personal data, classification, transfer policy, audit log and encryption.

``scan`` and ``redact`` follow the language commands' line contract: one text per input line, one output
line per input line, offsets in code points of the line as read.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from seabridge.cli import govern_audit, govern_crypto, govern_transfer
from seabridge.cli.audited import cli_actor, record
from seabridge.cli.lineio import batches, open_input, read_lines, write_json_line, write_line
from seabridge.governance.audit import DATA_ACCESS, AuditEvent
from seabridge.governance.classify import classify
from seabridge.governance.crypto import MasterKey, MasterKeyError, load_master_key
from seabridge.governance.pii import (
    KEYED_MODES,
    MIN_SCORE,
    MODES,
    Entity,
    TokenError,
    redact,
    scan_batch,
    unredact,
)
from seabridge.governance.pii.redact import ENCRYPTED_TOKEN
from seabridge.lang import identify_batch
from seabridge.lang.labels import LabelError, parse_label

app = typer.Typer(
    help="Cross-border data governance: find and redact personal data, check transfers, audit, encrypt.",
    no_args_is_help=True,
)
err = Console(stderr=True, soft_wrap=True)  # error messages name paths: never wrap them

PathArg = Annotated[str | None, typer.Argument(help="Input file, one text per line; '-' or absent: stdin.")]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang", help="Language label of every line (e.g. tha_Thai), or 'auto' to identify each line."
    ),
]
KeyFileOption = Annotated[
    Path | None,
    typer.Option("--key-file", help="Master key file (default: SEABRIDGE_MASTER_KEY, then ~/.seabridge)."),
]
MinScoreOption = Annotated[
    float, typer.Option("--min-score", min=0.0, max=1.0, help="Report entities scoring at least this.")
]


def _scanned(path: str | None, lang: str, min_score: float) -> Iterator[tuple[str, list[Entity]]]:
    """Each input line with the entities found in it, in input order."""
    if lang != "auto":
        try:
            parse_label(lang)
        except LabelError as error:
            raise typer.BadParameter(str(error), param_hint="--lang") from error
    with open_input(path) as stream:
        for batch in batches(read_lines(stream)):
            if lang == "auto":
                labels: list[str | None] = [result.label for result in identify_batch(batch)]
            else:
                labels = [lang] * len(batch)
            yield from zip(batch, scan_batch(batch, labels, min_score=min_score), strict=True)


@app.command()
def scan(path: PathArg = None, lang: LangOption = "auto", min_score: MinScoreOption = MIN_SCORE) -> None:
    """One JSON object per line: {"entities": [{"type": "TH_NATIONAL_ID", "start": 12, "end": 25,
    "score": 0.99}]}; offsets are code points of the line."""
    for _, entities in _scanned(path, lang, min_score):
        write_json_line({"entities": [entity.to_dict() for entity in entities]})


@app.command("redact")
def redact_cmd(
    path: PathArg = None,
    mode: Annotated[
        str, typer.Option(help=f"How to replace what is found: {', '.join(MODES)}.")
    ] = "placeholder",
    lang: LangOption = "auto",
    min_score: MinScoreOption = MIN_SCORE,
    key_file: KeyFileOption = None,
) -> None:
    """Each line with its personal data replaced: <TYPE> placeholders, * masks, <TYPE:token> keyed
    hashes or <TYPE:enc:token> encrypted values (the last two use the master key: `seabridge govern
    keygen`; `seabridge govern unredact` restores encrypted values)."""
    if mode not in MODES:
        raise typer.BadParameter(f"unknown mode {mode!r}; modes: {', '.join(MODES)}", param_hint="--mode")
    keys = _master_key(key_file) if mode in KEYED_MODES else None
    for line, entities in _scanned(path, lang, min_score):
        write_line(redact(line, entities, mode, keys=keys) if entities else line)


@app.command("unredact")
def unredact_cmd(path: PathArg = None, key_file: KeyFileOption = None) -> None:
    """Each line with its <TYPE:enc:…> tokens decrypted back to the original values.

    Needs the master key they were encrypted with; a token that does not decrypt stops with an error naming
    the line. The access is recorded in the audit log before any line is written."""
    keys = _master_key(key_file)
    restored = lines = 0
    # Restored lines wait in an owner-only spool (memory, then a temporary file) until the access is
    # recorded: no personal data reaches the output unrecorded.
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES, mode="w+b") as spool:
        try:
            with open_input(path) as stream:
                for line in read_lines(stream):
                    spool.write(unredact(line, keys).encode("utf-8", "surrogatepass") + b"\n")
                    restored += len(ENCRYPTED_TOKEN.findall(line))
                    lines += 1
        except TokenError as error:
            record(_unredacted("refused", keys, lines, restored))
            err.print(f"[red]error:[/red] line {lines + 1}: {escape(str(error))}")
            raise typer.Exit(1) from error
        record(_unredacted("unredacted", keys, lines, restored))
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout.buffer)


_SPOOL_BYTES = 16 * 1024 * 1024


def _unredacted(outcome: str, keys: MasterKey, lines: int, tokens: int) -> AuditEvent:
    """Restoring personal data is a data access: who, under which key, how many values."""
    details = {"lines": lines, "tokens": tokens}
    return AuditEvent(DATA_ACCESS, cli_actor(), f"master-key:{keys.key_id}", outcome, details=details)


def _master_key(key_file: Path | None) -> MasterKey:
    try:
        return load_master_key(key_file)
    except MasterKeyError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from error


@app.command("classify")
def classify_cmd(
    path: PathArg = None,
    category: Annotated[
        list[str] | None,
        typer.Option(help="Declared data category (repeatable): public, health, financial, important…"),
    ] = None,
    lang: LangOption = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """The classification level of a text file (one text per line) from the personal data in it and the
    categories its owner declares."""
    found: Counter[str] = Counter()
    lines = 0
    for _, entities in _scanned(path, lang, MIN_SCORE):
        lines += 1
        found.update(entity.type for entity in entities)
    try:
        result = classify(found, category or ())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--category") from error
    if as_json:
        write_json_line({**result.to_dict(), "lines": lines})
        return
    typer.echo(f"{result.level.label}  ({lines:,} lines)")
    for reason in result.reasons:
        typer.echo(f"  - {reason}")


for module in (govern_transfer, govern_audit, govern_crypto):
    module.register(app)
