"""Measurements taken with a phone: how (typed or phone), the trials, and the device class.

Revision ID: 0016
Revises: 0019
Create Date: 2026-12-07 18:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("method", sa.String(length=16), server_default="typed", nullable=False)
        )
        batch_op.add_column(sa.Column("trials", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("device", sa.String(length=32), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_column("device")
        batch_op.drop_column("trials")
        batch_op.drop_column("method")
