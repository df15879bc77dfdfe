"""Messages between a patient and a linked clinician.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-08 00:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | Sequence[str] | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create `messages` (ids never reused; gone with either account)."""
    op.create_table(
        "messages",
        sa.Column("id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("clinician_id", ID, nullable=False),
        sa.Column("sender_id", ID, nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "sender_id IN (patient_id, clinician_id)", name=op.f("ck_messages_sender_in_thread")
        ),
        sa.CheckConstraint("patient_id <> clinician_id", name=op.f("ck_messages_not_self")),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["users.id"],
            name=op.f("fk_messages_patient_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["users.id"],
            name=op.f("fk_messages_clinician_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_messages_thread", "messages", ["patient_id", "clinician_id", "id"])
    op.create_index("ix_messages_clinician", "messages", ["clinician_id", "patient_id"])


def downgrade() -> None:
    """Drop it again."""
    op.drop_index("ix_messages_clinician", table_name="messages")
    op.drop_index("ix_messages_thread", table_name="messages")
    op.drop_table("messages")
