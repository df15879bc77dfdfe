"""Column types shared by every table: ids that fit both databases and UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, DateTime, Dialect, Integer
from sqlalchemy.types import TypeDecorator

# BIGINT on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY is the rowid alias.
Id = BigInteger().with_variant(Integer(), "sqlite")

NEVER_REUSE_IDS = {"sqlite_autoincrement": True}
"""Table options of every table with an `id`: SQLite hands out max(id) + 1 after the newest row
is deleted unless AUTOINCREMENT is on, and an id that keys a cache or a URL must never come back
for someone else. PostgreSQL sequences never go back anyway."""


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in and out: TIMESTAMPTZ on PostgreSQL, naive-UTC text on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes (their zone is a guess) and store UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Hand back aware UTC datetimes whatever the database returned."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


JsonRows = list[dict[str, object]]


class OptionalJSONList(TypeDecorator[JsonRows]):
    """A JSON list that is SQL NULL when empty, so "has any" is an indexable IS NOT NULL.

    `none_as_null`: without it SQLAlchemy stores None as the JSON text `null`, which is NOT
    NULL to SQL, and "has any" matched every row (migration 0036 mends rows stored so)."""

    impl = JSON(none_as_null=True)
    cache_ok = True

    def process_bind_param(self, value: JsonRows | None, dialect: Dialect) -> JsonRows | None:
        """Store an empty list as NULL."""
        return value or None

    def process_result_value(self, value: JsonRows | None, dialect: Dialect) -> JsonRows:
        """Read NULL back as an empty list."""
        return value or []


class OptionalStringList(TypeDecorator[list[str]]):
    """A JSON list of strings that is SQL NULL when empty (most rows have none)."""

    impl = JSON(none_as_null=True)
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> list[str] | None:
        """Store an empty list as NULL."""
        return list(value) if value else None

    def process_result_value(self, value: list[str] | None, dialect: Dialect) -> list[str]:
        """Read NULL back as an empty list."""
        return value or []
