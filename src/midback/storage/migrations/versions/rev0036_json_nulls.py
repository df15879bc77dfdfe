"""Empty optional JSON lists become SQL NULL, as their columns always meant.

`OptionalJSONList` and `OptionalStringList` turned an empty list into None, and SQLAlchemy's JSON
type stored None as the JSON text `null`, which SQL does not see as NULL. So "items the camera
coach counted" (`camera IS NOT NULL`) read every item of every log: a year of logs made Progress
read some 2,500 items after each write. The types now store SQL NULL (`none_as_null`); this turns
the rows already stored into SQL NULL too. Nothing is lost: both read back as an empty list.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-08 01:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0036"
down_revision: str | Sequence[str] | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPTIONAL_LISTS = (
    ("session_log_items", "camera"),
    ("session_logs", "new_symptoms"),
    ("outcomes", "activities"),
)
"""(table, column) of every optional JSON list."""


def upgrade() -> None:
    """Store the JSON `null`s as SQL NULL."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, column in OPTIONAL_LISTS:
        stored = f"CAST({column} AS TEXT)" if postgres else column
        op.execute(f"UPDATE {table} SET {column} = NULL WHERE {stored} = 'null'")


def downgrade() -> None:
    """Nothing to undo: SQL NULL reads back as the same empty list."""
