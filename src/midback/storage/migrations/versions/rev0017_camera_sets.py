"""Session log items remember the sets the camera coach counted and the range reached.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the nullable `camera` column (older logs have none)."""
    with op.batch_alter_table("session_log_items") as batch:
        batch.add_column(sa.Column("camera", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop it again."""
    with op.batch_alter_table("session_log_items") as batch:
        batch.drop_column("camera")
