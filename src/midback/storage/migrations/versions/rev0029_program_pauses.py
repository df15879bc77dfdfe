"""Program pauses: days a person took off their program (a holiday, an illness).

Revision ID: 0029
Revises: 0020
Create Date: 2026-12-07 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | Sequence[str] | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create `program_pauses`."""
    op.create_table(
        "program_pauses",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("program_id", ID, nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_program_pauses_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_program_pauses_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_pauses")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_program_pauses_program", "program_pauses", ["program_id"], unique=False)
    op.create_index(op.f("ix_program_pauses_user_id"), "program_pauses", ["user_id"], unique=False)


def downgrade() -> None:
    """Drop it again."""
    op.drop_index(op.f("ix_program_pauses_user_id"), table_name="program_pauses")
    op.drop_index("ix_program_pauses_program", table_name="program_pauses")
    op.drop_table("program_pauses")
