"""Accounts get an optional display name, shown on the clinician's desk and on handouts.

Revision ID: 0028
Revises: 0020
Create Date: 2026-12-07 21:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | Sequence[str] | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `display_name` (empty for every existing account: they are shown by email)."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("display_name", sa.String(80), nullable=False, server_default="")
        )


def downgrade() -> None:
    """Drop it again."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("display_name")
