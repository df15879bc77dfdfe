"""Session moves: a person's own skips and moves of single planned sessions.

Revision ID: 0033
Revises: 0030
Create Date: 2026-12-08 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | Sequence[str] | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create `session_moves`."""
    op.create_table(
        "session_moves",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("program_id", ID, nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("moved_to", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_session_moves_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_session_moves_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_moves")),
        sa.UniqueConstraint("program_id", "planned_on", name="uq_session_moves_program_day"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_session_moves_user_id"), "session_moves", ["user_id"], unique=False)


def downgrade() -> None:
    """Drop `session_moves`."""
    op.drop_index(op.f("ix_session_moves_user_id"), table_name="session_moves")
    op.drop_table("session_moves")
