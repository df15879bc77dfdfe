"""Reminders: preferences, Web Push subscriptions, and one claimed row per send.

Revision ID: 0027
Revises: 0020
Create Date: 2026-12-07 21:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | Sequence[str] | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
    )


def upgrade() -> None:
    """Create the three tables."""
    hhmm = sa.String(length=5)
    op.create_table(
        "reminder_settings",
        sa.Column("user_id", ID, nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("push", sa.Boolean(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("sessions", sa.Boolean(), nullable=False),
        sa.Column("session_time", hhmm, nullable=False),
        sa.Column("check_in", sa.Boolean(), nullable=False),
        sa.Column("check_in_time", hhmm, nullable=False),
        sa.Column("breaks", sa.Boolean(), nullable=False),
        sa.Column("work_start", hhmm, nullable=False),
        sa.Column("work_end", hhmm, nullable=False),
        sa.Column("break_minutes", sa.Integer(), nullable=False),
        sa.Column("quiet_start", hhmm, nullable=True),
        sa.Column("quiet_end", hhmm, nullable=True),
        sa.Column("alerts", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _user_fk("reminder_settings"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_reminder_settings")),
    )
    op.create_table(
        "push_subscriptions",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("p256dh", sa.String(length=200), nullable=False),
        sa.Column("auth", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _user_fk("push_subscriptions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscriptions")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscriptions_endpoint")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_push_subscriptions_user_id"), "push_subscriptions", ["user_id"], unique=False
    )
    op.create_table(
        "reminder_sends",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        _user_fk("reminder_sends"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_sends")),
        sa.UniqueConstraint("user_id", "kind", "due_at", name="uq_reminder_sends_once"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("reminder_sends")
    op.drop_index(op.f("ix_push_subscriptions_user_id"), table_name="push_subscriptions")
    op.drop_table("push_subscriptions")
    op.drop_table("reminder_settings")
