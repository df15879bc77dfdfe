"""Indexes that serve the hot reads in index order, and the state of data imports.

A person's logs, measurements and assessments are read newest (or oldest) first with the id as
tie-break, and a log's items by position: each index now ends in the sort key, so neither
PostgreSQL nor SQLite sorts. `data_imports` records how far a batched import got, so sending the
same document again resumes it.

Revision ID: 0019
Revises: 0013
Create Date: 2026-12-07 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, old index, its columns, new index, its columns)
REPLACED = [
    (
        "session_logs",
        "ix_session_logs_user_date",
        ["user_id", "session_date"],
        "ix_session_logs_user_date_id",
        ["user_id", "session_date", "id"],
    ),
    (
        "session_log_items",
        "ix_session_log_items_log_id",
        ["log_id"],
        "ix_session_log_items_log_position",
        ["log_id", "position"],
    ),
    (
        "measurements",
        "ix_measurements_user_taken",
        ["user_id", "taken_at"],
        "ix_measurements_user_taken_id",
        ["user_id", "taken_at", "id"],
    ),
    (
        "assessments",
        "ix_assessments_user_taken",
        ["user_id", "taken_at"],
        "ix_assessments_user_taken_id",
        ["user_id", "taken_at", "id"],
    ),
]


def upgrade() -> None:
    """Upgrade schema."""
    for table, old, _, new, columns in REPLACED:
        op.create_index(new, table, columns, unique=False)
        op.drop_index(old, table_name=table)
    op.create_table(
        "data_imports",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("sessions_total", sa.Integer(), nullable=False),
        sa.Column("sessions_done", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_data_imports_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_data_imports")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("data_imports")
    for table, old, old_columns, new, _ in REPLACED:
        op.create_index(old, table, old_columns, unique=False)
        op.drop_index(new, table_name=table)
