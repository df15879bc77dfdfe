"""Large JSON documents compressed with lz4 on PostgreSQL (faster to write and read than pglz).

A program's plan snapshot is some 40–100 kB of JSON; PostgreSQL compresses it on the way into
TOAST, with pglz unless told otherwise, and pglz spends about three times the CPU of lz4 for a
slightly larger result (measured in docs/scale.md). Values already stored keep their compression
until rewritten. PostgreSQL 14 or later built with lz4 only; elsewhere, and on SQLite, nothing
changes.

Revision ID: 0035
Revises: 0030
Create Date: 2026-12-08 00:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | Sequence[str] | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMPRESSED = (("programs", "snapshot"), ("programs", "edits"), ("export_files", "body"))
"""(table, column) of the values large enough to be compressed."""


def _lz4_available() -> bool:
    """Whether the database is PostgreSQL with lz4 (`default_toast_compression` offers it)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    offered = bind.execute(
        sa.text(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
    ).scalar()
    return offered is True


def upgrade() -> None:
    """Compress the large columns with lz4 where the server has it."""
    if _lz4_available():
        for table, column in COMPRESSED:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")


def downgrade() -> None:
    """Back to the server's default compression."""
    if _lz4_available():
        for table, column in COMPRESSED:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION default")
