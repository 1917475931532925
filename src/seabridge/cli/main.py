"""The ``seabridge`` command: ``seabridge <pillar> <verb>``."""

from __future__ import annotations

import typer

from seabridge import __version__
from seabridge.cli import corpus, govern, lang

app = typer.Typer(
    help="seabridge: open platform for China–ASEAN AI cooperation.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(lang.app, name="lang")
app.add_typer(corpus.app, name="corpus")
app.add_typer(govern.app, name="govern")


@app.command()
def version() -> None:
    """Print the seabridge version."""
    typer.echo(__version__)


if __name__ == "__main__":
    app()
