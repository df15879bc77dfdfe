"""Schema migrations, run from code: the script folder is found inside the package, not the cwd."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from midback.storage.engine import is_sqlite, make_engine, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class MigrationError(RuntimeError):
    """A migration left the database inconsistent (it has been rolled back)."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Module-like names (rev0002_add_logs.py), so type checkers and linters accept them.
    config.set_main_option("file_template", "rev%%(rev)s_%%(slug)s")
    return config


@contextmanager
def _connected(url: str) -> Iterator[tuple[Config, Connection]]:
    engine = make_engine(url, migrating=True)
    try:
        with engine.connect() as connection:
            config = _config()
            config.attributes["connection"] = connection
            yield config, connection
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest revision shipped with this version of midback."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(url: str) -> str | None:
    """The revision the database is at (None if never migrated, or no SQLite file yet)."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None
    with _connected(url) as (_, connection):
        revision = MigrationContext.configure(connection).get_current_revision()
        connection.rollback()
        return revision


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at `url` up to `revision`, creating an SQLite file if needed."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    with _connected(url) as (config, connection):
        command.upgrade(config, revision)
        if is_sqlite(url):
            _check_foreign_keys(connection)


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at `url` down to `revision` ("base" empties it)."""
    with _connected(url) as (config, connection):
        command.downgrade(config, revision)


def new_revision(url: str, message: str) -> None:
    """Write a migration for what the tables declare beyond the database (for developers)."""
    with _connected(url) as (config, _):
        count = sum(1 for _ in ScriptDirectory.from_config(config).walk_revisions())
        command.revision(config, message, autogenerate=True, rev_id=f"{count + 1:04d}")


def is_up_to_date(url: str) -> bool:
    """True when the database is at the shipped head revision."""
    return current_revision(url) == head_revision()


def _check_foreign_keys(connection: Connection) -> None:
    # Foreign keys are off while SQLite tables are rebuilt; make sure nothing dangles after.
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    connection.rollback()
    if problems:
        raise MigrationError(f"foreign key violations after migrating: {problems[:5]}")


def ensure_schema(url: str) -> None:
    """Before serving: migrate an embedded SQLite database; insist a server database is current.

    A shared PostgreSQL database is migrated on purpose (`midback db upgrade`), never as a side
    effect of starting a web worker.
    """
    if is_sqlite(url):
        upgrade(url)
        return
    current, head = current_revision(url), head_revision()
    if current != head:
        raise MigrationError(
            f"the database is at revision {current}, this midback needs {head}: "
            "run `midback db upgrade`"
        )
