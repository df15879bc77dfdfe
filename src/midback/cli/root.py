"""The root of the `midback` command line: its commands, each imported only when it runs
(see cli/lazy.py), so `midback --help` no longer waits for the database, PDF and content
libraries."""

from __future__ import annotations

import typer

from midback import __version__
from midback.cli.lazy import LazyCommand, LazyGroup


class _Commands(LazyGroup):
    """midback's commands, in the order its help lists them."""

    lazy = {
        "serve": LazyCommand(
            "midback.cli.serve:serve",
            "Run the midback web app (embedded SQLite in your data directory unless configured).",
        ),
        "worker": LazyCommand(
            "midback.cli.jobs:worker",
            "Run background jobs (reminders, emails) from the PostgreSQL queue until stopped.",
        ),
        "plan": LazyCommand(
            "midback.cli.plan:plan",
            "Build your program from your profile, adapted to the sessions you have logged.",
        ),
        "assess": LazyCommand(
            "midback.cli.plan:assess",
            "Compare your measurements with the reference for each test, with sources, in "
            "plain words.",
        ),
        "exercises": LazyCommand(
            "midback.cli.exercises:exercises_app",
            "Browse the exercise library.",
            also_import=("midback.cli.draw",),  # registers `exercises draw`
        ),
        "content": LazyCommand(
            "midback.cli.content:content_app", "Check exercise content files (ours or your own)."
        ),
        "db": LazyCommand(
            "midback.cli.db:db_app",
            "Create, migrate or back up the database (SQLite by default, PostgreSQL via "
            "DATABASE_URL).",
        ),
        "admin": LazyCommand(
            "midback.cli.admin:admin_app",
            "Create accounts, set roles and issue password reset tokens (no mail server needed).",
        ),
        "export": LazyCommand(
            "midback.cli.export:export_app",
            "Export your program and data: calendar (.ics), PDF handout, CSV/JSON, FHIR, schemas.",
        ),
        "push": LazyCommand(
            "midback.cli.jobs:push_app", "Web Push: make the keys that sign notifications."
        ),
    }


app = typer.Typer(
    name="midback",
    cls=_Commands,
    help=(
        "midback, a mid-back (thoracic spine) mobility coach.\n\n"
        "Browse the exercise library, check content files, and run the web app. "
        "midback informs and educates; it is not medical advice."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help here: Rich's help renderer alone took ~0.4 s to import
    pretty_exceptions_enable=False,
)


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
