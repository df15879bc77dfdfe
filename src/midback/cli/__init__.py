"""The `midback` command line: browse the library, check content, serve the app."""

from __future__ import annotations

import typer

from midback import __version__
from midback.cli.admin import admin_app
from midback.cli.content import content_app
from midback.cli.db import db_app
from midback.cli.draw import draw as _draw  # noqa: F401  (registers `exercises draw`)
from midback.cli.exercises import exercises_app
from midback.cli.export import export_app
from midback.cli.jobs import push_app, worker
from midback.cli.plan import assess, plan
from midback.cli.serve import serve

app = typer.Typer(
    name="midback",
    help=(
        "midback, a mid-back (thoracic spine) mobility coach.\n\n"
        "Browse the exercise library, check content files, and run the web app. "
        "midback informs and educates; it is not medical advice."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.add_typer(exercises_app, name="exercises")
app.add_typer(content_app, name="content")
app.add_typer(db_app, name="db")
app.add_typer(admin_app, name="admin")
app.add_typer(export_app, name="export")
app.add_typer(push_app, name="push")
app.command()(serve)
app.command()(worker)
app.command()(plan)
app.command()(assess)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"midback {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """midback, a mid-back (thoracic spine) mobility coach."""


def main() -> None:
    """Entry point of the `midback` script."""
    app()
