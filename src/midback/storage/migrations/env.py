"""Alembic environment: migrate over the connection `midback.storage.migrate` hands in."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from midback.storage.tables import Base
from midback.storage.types import UTCDateTime

# Any constant will do: concurrent `db upgrade` runs on PostgreSQL queue on this lock.
PG_MIGRATION_LOCK = 7_204_118_301


def _render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write UTC columns as plain timestamptz, so migrations never import our types."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run(connection: Connection) -> None:
    """Run pending migrations in one transaction (SQLite DDL is transactional too)."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        transactional_ddl=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})"))
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if not isinstance(_connection, Connection):
    raise RuntimeError("run migrations with `midback db upgrade`, not the alembic command")
run(_connection)
