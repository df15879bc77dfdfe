"""Session logs carry new symptoms (a re-screen) and whether a clinician was seen.

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `new_symptoms` (NULL when none, as older logs have) and `seen_clinician` (false)."""
    with op.batch_alter_table("session_logs") as batch:
        batch.add_column(sa.Column("new_symptoms", sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column("seen_clinician", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("session_logs") as batch:
        batch.drop_column("seen_clinician")
        batch.drop_column("new_symptoms")
