"""Outcome measures: a pain rating, the person's own activities and a rating of change, each
with its date and timepoint.

Revision ID: 0025
Revises: 0020
Create Date: 2026-12-07 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create `outcomes` (ids never reused; rows go with the account)."""
    op.create_table(
        "outcomes",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("instrument", sa.String(length=32), nullable=False),
        sa.Column("timepoint", sa.String(length=16), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=True),
        sa.Column("recorded_by", ID, nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_outcomes_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_outcomes_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_outcomes_user_taken_id", "outcomes", ["user_id", "taken_on", "id"], unique=False
    )
    op.create_index(op.f("ix_outcomes_recorded_by"), "outcomes", ["recorded_by"], unique=False)


def downgrade() -> None:
    """Drop the table again."""
    op.drop_index(op.f("ix_outcomes_recorded_by"), table_name="outcomes")
    op.drop_index("ix_outcomes_user_taken_id", table_name="outcomes")
    op.drop_table("outcomes")
