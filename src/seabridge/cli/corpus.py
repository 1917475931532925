"""``seabridge corpus ...``: build the ASEAN Languages Corpus, and look into a built one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from seabridge.corpus import BuildConfig, BuildError, ConfigError, build, load_config
from seabridge.corpus.export import export_hf, export_jsonl, sample
from seabridge.corpus.plan import InputError
from seabridge.corpus.store import CorpusDir

app = typer.Typer(help="ASEAN Languages Corpus: build, inspect, sample, export.", no_args_is_help=True)
out_console = Console()
err = Console(stderr=True, soft_wrap=True)  # error messages name paths: never wrap them
_PHASES = {"stage": "reading, identifying, filtering", "final": "writing kept and removed"}


@app.command("build")
def build_cmd(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or folders: .txt .jsonl(.gz/.zst) .csv .parquet .warc(.gz)")
    ],
    out: Annotated[Path, typer.Option("--out", help="Corpus folder to write (re-running resumes it).")],
    workers: Annotated[int | None, typer.Option(help="Parallel workers (default: all cores).")] = None,
    executor: Annotated[str, typer.Option(help="'local' (processes) or 'ray'.")] = "local",
    ray_address: Annotated[str | None, typer.Option("--ray-address", help="Ray cluster to join.")] = None,
    config_file: Annotated[Path | None, typer.Option("--config", help="TOML file of build settings.")] = None,
    text_field: Annotated[
        str | None, typer.Option(help="JSONL key / CSV or Parquet column of the text.")
    ] = None,
    text_unit: Annotated[
        str | None, typer.Option(help=".txt documents: 'file', 'line' or 'paragraph'.")
    ] = None,
    pii: Annotated[
        str | None, typer.Option(help="'placeholder' (default), 'mask', 'hash' (keyed tokens) or 'off'.")
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(help="Declared data category (repeatable): public, health, financial, important…"),
    ] = None,
) -> None:
    """Build a clean, deduplicated, language-tagged, PII-safe corpus from raw text."""
    try:
        config = load_config(config_file) if config_file else BuildConfig()
        config = config.with_overrides(
            text_field=text_field,
            text_unit=text_unit,
            pii=pii,
            categories=tuple(category) if category else None,
        )
        with _progress() as bar:
            tasks: dict[str, Any] = {}

            def progress(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    tasks[phase] = bar.add_task(_PHASES.get(phase, phase), total=total)
                bar.update(tasks[phase], completed=done)

            result = build(inputs, out, config, workers, executor, ray_address, progress)
    except (BuildError, ConfigError, InputError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if result.resumed:
        err.print(f"{out} is already built with these inputs and settings; nothing to do.")
    _print_summary(result.stats, result.manifest)
    out_console.print(f"\nreport: {result.report}")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_summary(stats: dict[str, Any], manifest: dict[str, Any]) -> None:
    totals = stats["totals"]
    out_console.print(
        f"read {totals['read']:,} records from {len(manifest['inputs'])} file(s): kept {totals['kept']:,}, "
        f"removed {totals['removed']:,}, quarantined {totals['quarantined']:,} "
        f"in {manifest['duration_s']:.1f} s"
    )
    table = Table(title="Kept documents by language")
    for column in ("label", "documents", "characters", "words", "removed"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, entry in stats["labels"].items():
        removed = sum(entry["removed"].values())
        table.add_row(
            label, f"{entry['kept']:,}", f"{entry['chars']:,}", f"{entry['words']:,}", f"{removed:,}"
        )
    out_console.print(table)
    if stats["drop_reasons"]:
        reasons = ", ".join(f"{reason} {count:,}" for reason, count in stats["drop_reasons"].items())
        out_console.print(f"removed because: {reasons}")
    classification = manifest.get("classification")
    if classification:
        out_console.print(
            f"classification: [bold]{classification['level']}[/bold] ({classification['reasons'][0]})"
        )
    bad = {name: f for name, f in stats["files"].items() if f["quarantined"]}
    if bad:
        out_console.print(f"[yellow]quarantined records in {len(bad)} file(s)[/yellow] (see quarantine/):")
        for name, counts in list(bad.items())[:20]:
            out_console.print(f"  {name}: {counts['quarantined']:,} of {counts['read']:,}")
        reasons = ", ".join(f"{reason} {count:,}" for reason, count in stats["quarantine_reasons"].items())
        out_console.print(f"  reasons: {reasons}")


@app.command("stats")
def stats_cmd(
    corpus: Annotated[Path, typer.Argument(help="A corpus folder written by `corpus build`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print stats.json as it is.")] = False,
) -> None:
    """Documents, characters, words and drop reasons per language; per-file accounting."""
    store = CorpusDir(corpus)
    try:
        manifest, stats = store.read_manifest(), store.read_stats()
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    _print_summary(stats, manifest)


@app.command("sample")
def sample_cmd(
    corpus: Annotated[Path, typer.Argument(help="A corpus folder written by `corpus build`.")],
    label: Annotated[str | None, typer.Option(help="Only this label, e.g. tha_Thai.")] = None,
    n: Annotated[int, typer.Option("-n", help="How many documents.")] = 5,
    seed: Annotated[int, typer.Option(help="Random seed (the same seed gives the same sample).")] = 0,
    removed: Annotated[bool, typer.Option("--removed", help="Sample removed documents instead.")] = False,
    chars: Annotated[int, typer.Option(help="Show at most this many characters of each text.")] = 600,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document.")] = False,
) -> None:
    """Random documents of a built corpus, to read what it holds."""
    try:
        docs = sample(corpus, label, n, seed, removed)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for doc in docs:
        if as_json:
            typer.echo(json.dumps(doc, ensure_ascii=False))
            continue
        reason = f"  removed: {doc['drop_reason']}" if doc.get("drop_reason") else ""
        out_console.rule(f"{doc['id']}  {doc['label']} ({doc['label_score']:.2f})  {doc['source']}{reason}")
        text = doc["text"]
        out_console.print(text[:chars] + (" …" if len(text) > chars else ""), markup=False, highlight=False)
    if not docs:
        err.print("no documents" + (f" with label {label}" if label else ""))


@app.command("export")
def export_cmd(
    corpus: Annotated[Path, typer.Argument(help="A corpus folder written by `corpus build`.")],
    out: Annotated[Path, typer.Option("--out", help="JSONL file (.gz/.zst compress) or HF dataset folder.")],
    fmt: Annotated[
        str, typer.Option("--format", help="'jsonl' or 'hf' (a datasets-loadable folder).")
    ] = "jsonl",
    label: Annotated[str | None, typer.Option(help="jsonl: only this label.")] = None,
) -> None:
    """Export the kept documents for training."""
    try:
        if fmt == "jsonl":
            count = export_jsonl(corpus, out, label)
            out_console.print(f"wrote {count:,} documents to {out}")
        elif fmt == "hf":
            counts = export_hf(corpus, out)
            out_console.print(
                f"wrote {sum(counts.values()):,} documents in {len(counts)} language(s) to {out}"
            )
        else:
            err.print(f"[red]error:[/red] --format must be 'jsonl' or 'hf', not {fmt!r}")
            raise typer.Exit(2)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
