"""Assessments, measurements, programs, routines, session logs and favourites.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:13:20.226356
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "assessments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_assessments_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index("ix_assessments_user_taken", ["user_id", "taken_at"], unique=False)

    op.create_table(
        "favourites",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("exercise", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_favourites_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_favourites")),
        sa.UniqueConstraint("user_id", "exercise", name="uq_favourites_user_exercise"),
    )
    op.create_table(
        "plan_inputs",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_plan_inputs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_plan_inputs")),
    )
    op.create_table(
        "routines",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "shared_with", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_routines_owner_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shared_with"],
            ["users.id"],
            name=op.f("fk_routines_shared_with_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routines")),
    )
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routines_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_routines_shared_with"), ["shared_with"], unique=False)

    op.create_table(
        "measurements",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("protocol", sa.String(length=64), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("degrees", sa.Float(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "recorded_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "assessment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_measurements_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_measurements_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_measurements_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurements")),
    )
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measurements_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_measurements_recorded_by"), ["recorded_by"], unique=False
        )
        batch_op.create_index("ix_measurements_user_taken", ["user_id", "taken_at"], unique=False)

    op.create_table(
        "programs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("program", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column(
            "assessment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edits", sa.Text(), nullable=True),
        sa.Column("edited_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_programs_assessment_id_assessments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["edited_by"],
            ["users.id"],
            name=op.f("fk_programs_edited_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_programs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
        sa.UniqueConstraint("user_id", "version", name="uq_programs_user_version"),
    )
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programs_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_programs_edited_by"), ["edited_by"], unique=False)

    op.create_table(
        "routine_items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "routine_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=64), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("hold_s", sa.Integer(), nullable=False),
        sa.Column("rest_s", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["routine_id"],
            ["routines.id"],
            name=op.f("fk_routine_items_routine_id_routines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routine_items")),
    )
    with op.batch_alter_table("routine_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_routine_items_routine_id"), ["routine_id"], unique=False
        )

    op.create_table(
        "session_logs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("planned_session", sa.Date(), nullable=True),
        sa.Column(
            "program_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "routine_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("pain_next_day", sa.Integer(), nullable=True),
        sa.Column("difficulty", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_session_logs_program_id_programs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["routine_id"],
            ["routines.id"],
            name=op.f("fk_session_logs_routine_id_routines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_session_logs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_logs")),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_session_logs_user_key"),
    )
    with op.batch_alter_table("session_logs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_logs_program_id"), ["program_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_logs_routine_id"), ["routine_id"], unique=False
        )
        batch_op.create_index(
            "ix_session_logs_user_date", ["user_id", "session_date"], unique=False
        )

    op.create_table(
        "session_log_items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("log_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=64), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("sets_done", sa.Integer(), nullable=False),
        sa.Column("reps_done", sa.Integer(), nullable=False),
        sa.Column("hold_s", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("painful", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["session_logs.id"],
            name=op.f("fk_session_log_items_log_id_session_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_log_items")),
    )
    with op.batch_alter_table("session_log_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_log_items_log_id"), ["log_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("session_log_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_log_items_log_id"))

    op.drop_table("session_log_items")
    with op.batch_alter_table("session_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_session_logs_user_date")
        batch_op.drop_index(batch_op.f("ix_session_logs_routine_id"))
        batch_op.drop_index(batch_op.f("ix_session_logs_program_id"))

    op.drop_table("session_logs")
    with op.batch_alter_table("routine_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routine_items_routine_id"))

    op.drop_table("routine_items")
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programs_edited_by"))
        batch_op.drop_index(batch_op.f("ix_programs_assessment_id"))

    op.drop_table("programs")
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_index("ix_measurements_user_taken")
        batch_op.drop_index(batch_op.f("ix_measurements_recorded_by"))
        batch_op.drop_index(batch_op.f("ix_measurements_assessment_id"))

    op.drop_table("measurements")
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routines_shared_with"))
        batch_op.drop_index(batch_op.f("ix_routines_owner_id"))

    op.drop_table("routines")
    op.drop_table("plan_inputs")
    op.drop_table("favourites")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_user_taken")

    op.drop_table("assessments")
