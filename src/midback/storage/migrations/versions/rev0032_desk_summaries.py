"""The clinician desk's stored line per patient, at the plan-inputs version it was made at.

Revision ID: 0032
Revises: 0030
Create Date: 2026-12-08 00:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | Sequence[str] | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create `desk_summaries` (keyed by the person; rows are made on the desk's first look)."""
    op.create_table(
        "desk_summaries",
        sa.Column("user_id", ID, nullable=False),
        sa.Column("version", ID, nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_desk_summaries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_desk_summaries")),
    )


def downgrade() -> None:
    """Drop it again."""
    op.drop_table("desk_summaries")
