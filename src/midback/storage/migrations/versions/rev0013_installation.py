"""Installation id: a random UUID per installation, so exported identifiers (FHIR) never collide.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-07 18:30:00.000000
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    table = op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    op.bulk_insert(table, [{"id": 1, "uuid": str(uuid.uuid4()), "created_at": datetime.now(UTC)}])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("installation")
