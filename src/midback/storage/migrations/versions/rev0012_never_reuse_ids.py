"""Ids are never reused: SQLite tables with an `id` get AUTOINCREMENT.

Without it SQLite hands the id of a deleted newest row to the next insert, so a new account
could get a deleted account's id, and with it whatever a cache or a URL kept under that id.
PostgreSQL sequences never go back, so this changes nothing there. SQLite tables are rebuilt in
batch mode; the copy seeds `sqlite_sequence` with each table's highest id.

Revision ID: 0012
Revises: 0003
Create Date: 2026-12-07 18:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "users",
    "api_tokens",
    "web_sessions",
    "password_reset_tokens",
    "login_failures",
    "clinician_invites",
    "patient_links",
    "audit_log",
    "assessments",
    "measurements",
    "programs",
    "routines",
    "routine_items",
    "session_logs",
    "session_log_items",
    "favourites",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    """Rebuild the SQLite tables with AUTOINCREMENT ids."""
    _rebuild(True)


def downgrade() -> None:
    """Rebuild them without (ids may then be reused again)."""
    _rebuild(False)
