"""Which constraint an IntegrityError broke, read from the driver's code rather than guessed.

A repository turns only the violation it expects into its own answer (a foreign key that
points at a row deleted meanwhile, a unique key used twice) and lets every other one through,
so a broken NOT NULL or CHECK surfaces as the bug it is instead of a misleading message.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

_SQLITE_FOREIGN_KEY = 787  # SQLITE_CONSTRAINT_FOREIGNKEY
_SQLITE_UNIQUE = {1555, 2067}  # SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
_PG_FOREIGN_KEY = "23503"  # foreign_key_violation
_PG_UNIQUE = "23505"  # unique_violation


def _codes(error: IntegrityError) -> tuple[int | None, str | None]:
    """(SQLite extended result code, PostgreSQL SQLSTATE): whichever the driver gave."""
    original = error.orig
    return getattr(original, "sqlite_errorcode", None), getattr(original, "sqlstate", None)


def is_foreign_key(error: IntegrityError) -> bool:
    """The row refers to a row that does not exist (any more)."""
    sqlite_code, sqlstate = _codes(error)
    return sqlite_code == _SQLITE_FOREIGN_KEY or sqlstate == _PG_FOREIGN_KEY


def is_unique(error: IntegrityError) -> bool:
    """The row repeats a unique key (or primary key) another row has."""
    sqlite_code, sqlstate = _codes(error)
    return sqlite_code in _SQLITE_UNIQUE or sqlstate == _PG_UNIQUE
