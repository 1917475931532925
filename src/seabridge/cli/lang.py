"""``seabridge lang ...``: identification, normalisation, segmentation and a survey of sample text.

The line contract (other pillars and outside evaluators rely on it): read PATH, or standard input when
PATH is ``-`` or absent; one text per line; exactly one output line per input line, in order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from seabridge.cli.lineio import batches, open_input, read_lines, write_json_line, write_line
from seabridge.lang import identify_batch, normalize, segment_batch
from seabridge.lang.labels import CORE_LANGUAGES, LabelError, parse_label
from seabridge.lang.profiles import get_profile
from seabridge.lang.segmentation import engines
from seabridge.lang.survey import SurveyResult, survey

app = typer.Typer(
    help="Language layer: identify, normalise and segment text in the region's languages.",
    no_args_is_help=True,
)
err = Console(stderr=True, soft_wrap=True)  # error messages name paths: never wrap them

PathArg = Annotated[str | None, typer.Argument(help="Input file, one text per line; '-' or absent: stdin.")]


@app.command()
def identify(path: PathArg = None) -> None:
    """One JSON object per line: {"label": "tha_Thai", "score": 0.99, "encoding": "unicode"}."""
    with open_input(path) as stream:
        for batch in batches(read_lines(stream)):
            for result in identify_batch(batch):
                write_json_line(result.to_dict())


@app.command("normalize")
def normalize_cmd(path: PathArg = None) -> None:
    """The normalised text, one line per line (mojibake and bad bytes repaired, NFC, Zawgyi converted)."""
    with open_input(path) as stream:
        for line in read_lines(stream):
            write_line(normalize(line))


@app.command()
def segment(
    path: PathArg = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Label such as tha_Thai, or 'auto' to identify each line.")
    ] = "auto",
    engine: Annotated[
        str, typer.Option(help="'fast' (default), 'accurate', or a concrete engine name.")
    ] = "fast",
) -> None:
    """{"words": [...]} per line: words without whitespace, concatenating to the line without whitespace."""
    if lang != "auto":
        _check_label(lang)
        _check_engine(lang, engine)
    with open_input(path) as stream:
        for batch in batches(read_lines(stream)):
            if lang == "auto":
                labels = [r.label for r in identify_batch(batch)]
                groups: dict[str, list[int]] = {}
                for i, label in enumerate(labels):
                    groups.setdefault(label, []).append(i)
                words: list[list[str]] = [[] for _ in batch]
                for label, rows in groups.items():
                    for i, w in zip(
                        rows, segment_batch([batch[i] for i in rows], label, engine), strict=True
                    ):
                        words[i] = w
            else:
                words = segment_batch(batch, lang, engine)
            for w in words:
                write_json_line({"words": w})


@app.command()
def labels(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False) -> None:
    """The labels seabridge supports fully, with their profiles' key facts."""
    rows = []
    for info in CORE_LANGUAGES:
        profile = get_profile(info.label)
        rows.append(
            {
                "label": info.label,
                "name": info.name,
                "autonym": info.autonym,
                "countries": list(info.countries),
                "unspaced": profile.unspaced,
                "shingle": f"{profile.shingle_size} {profile.shingle_unit}s",
                "engines": engines(info.label),
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Core language labels")
    for column in ("label", "name", "autonym", "countries", "unspaced", "shingle", "engines"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["label"],
            row["name"],
            row["autonym"],
            " ".join(row["countries"]),
            "yes" if row["unspaced"] else "",
            row["shingle"],
            ", ".join(row["engines"]),
        )
    Console().print(table)


@app.command("survey")
def survey_cmd(
    paths: Annotated[
        list[Path], typer.Argument(help="Text files or folders of .txt files, one text per line.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per file instead of a table.")
    ] = False,
) -> None:
    """Normalise, identify and segment every line of sample files and summarise what was found.

    A file named after a label (``tha_Thai.txt``, ``mya_Mymr.zawgyi.txt``) declares what its lines should be
    identified as, and the table shows how many were.
    """
    files = _expand(paths)
    if not files:
        raise typer.BadParameter("no .txt files found", param_hint="PATHS")
    results: list[SurveyResult] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=as_json) as progress:
        task = progress.add_task("surveying", total=len(files))
        for file in files:
            progress.update(task, description=file.name)
            with file.open("rb") as stream:
                lines = [line for line in read_lines(stream) if line.strip()]
            results.append(survey(file.name, lines, expected=_declared_label(file)))
            progress.advance(task)
    if as_json:
        for result in results:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    _print_survey(results)


def _print_survey(results: list[SurveyResult]) -> None:
    table = Table(title="Language survey", show_footer=True)
    table.add_column("file", footer="total", no_wrap=True)
    table.add_column("lines", justify="right", footer=str(sum(r.lines for r in results)))
    table.add_column("identified as", no_wrap=True)
    table.add_column("right", justify="right")
    table.add_column("Zawgyi", justify="right", footer=str(sum(r.encodings["zawgyi"] for r in results)))
    table.add_column("fixed", justify="right", footer=str(sum(r.repaired_lines for r in results)))
    table.add_column("words", justify="right", footer=f"{sum(r.words for r in results):,}")
    for r in results:
        others = r.lines - r.labels[r.top_label]
        top = r.top_label + (f" +{others}" if others else "")
        right = "" if r.accuracy is None else f"{r.accuracy:.0%}"
        zawgyi = str(r.encodings["zawgyi"] or "")
        table.add_row(r.name, str(r.lines), top, right, zawgyi, str(r.repaired_lines or ""), f"{r.words:,}")
    console = Console()
    console.print(table)
    for r in results:
        if r.repairs:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(r.repairs.items()))
            console.print(f"  repairs in {r.name}: {kinds}")
    chars = f"{sum(r.chars for r in results):,}"
    seconds = sum(r.seconds for r in results)
    console.print(f"{chars} characters normalised, identified and segmented in {seconds:.2f} s")
    console.print("[dim]'right': share of lines identified as the label the file is named after.[/dim]")


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.txt")))
        elif path.is_file():
            files.append(path)
        else:
            raise typer.BadParameter(f"{path}: no such file or folder", param_hint="PATHS")
    return files


def _declared_label(file: Path) -> str | None:
    stem = file.name.split(".", 1)[0]
    try:
        parse_label(stem)
    except LabelError:
        return None
    return stem


def _check_label(label: str) -> None:
    try:
        parse_label(label)
    except LabelError as error:
        raise typer.BadParameter(str(error), param_hint="--lang") from error


def _check_engine(label: str, engine: str) -> None:
    available = engines(label)
    if engine not in available:
        raise typer.BadParameter(
            f"no engine {engine!r} for {label}; available: {', '.join(available)}", param_hint="--engine"
        )
