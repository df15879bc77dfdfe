"""`midback db`: migrate the database and show where it stands."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy.engine import make_url

from midback.cli.common import EXIT_BAD_CONTENT, fail, out
from midback.config import Settings

db_app = typer.Typer(
    help=(
        "Create, migrate or back up the database (SQLite by default, PostgreSQL via DATABASE_URL)."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _where(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade(
    revision: str = typer.Argument("head", help="Revision to migrate to (default: the newest)."),
) -> None:
    """Apply every pending migration (safe to run repeatedly and from several hosts)."""
    from midback.storage import migrate

    url = Settings().resolved_database_url()
    try:
        migrate.upgrade(url, revision)
        if url.startswith("postgresql"):  # the background job queue's tables (procrastinate)
            from midback.jobs.queue import ensure_queue_schema

            ensure_queue_schema(url)
    except Exception as error:  # the message (bad URL, server down) is what the person needs
        raise fail(f"migration failed: {error}", EXIT_BAD_CONTENT) from None
    out.print(f"[green]✓[/] {_where(url)} is at revision {migrate.current_revision(url)}")


@db_app.command("current")
def current() -> None:
    """Print the database's revision and whether it is up to date; exit 1 if it is not."""
    from midback.storage import migrate

    url = Settings().resolved_database_url()
    try:
        revision = migrate.current_revision(url)
    except Exception as error:
        raise fail(f"cannot read the database: {error}", EXIT_BAD_CONTENT) from None
    head = migrate.head_revision()
    out.print(f"database: {_where(url)}")
    out.print(f"revision: {revision or 'none (empty database)'}; newest: {head}")
    if revision != head:
        out.print("[yellow]not up to date:[/] run [bold]midback db upgrade[/]")
        raise typer.Exit(1)
    out.print("[green]✓[/] up to date")


@db_app.command("revision", hidden=True)
def revision(
    message: str = typer.Option(..., "-m", "--message", help="What the change does."),
) -> None:
    """For developers: write a migration for the tables' changes (database must be current)."""
    from midback.storage import migrate

    migrate.new_revision(Settings().resolved_database_url(), message)


@db_app.command("backup")
def backup(
    path: Path = typer.Argument(..., help="Where to write the copy (a new .db file)."),
    force: bool = typer.Option(False, "--force", help="Replace the file if it exists."),
) -> None:
    """Copy the SQLite database while midback keeps running (PostgreSQL: use pg_dump)."""
    from midback.storage.backup import BackupError, backup_sqlite

    url = Settings().resolved_database_url()
    try:
        size = backup_sqlite(url, path, overwrite=force)
    except BackupError as error:
        raise fail(str(error)) from None
    out.print(f"[green]✓[/] backed up {_where(url)} to {path} ({size:,} bytes)")
