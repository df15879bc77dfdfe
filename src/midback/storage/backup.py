"""An online backup of the SQLite database: a consistent copy while the server keeps running.

sqlite3's backup API copies page by page and restarts when a writer changes the database in the
middle, so the copy is always one consistent state, including what WAL mode still holds in its
log file. The copy is written next to the target and renamed into place, so a half-written file
never carries the target's name.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from midback.storage.engine import sqlite_path

PAGES_PER_STEP = 1024
"""Pages copied between pauses: small steps let the server's writers in between."""


class BackupError(ValueError):
    """The backup cannot be made (not SQLite, no database yet, target exists)."""


def backup_sqlite(database_url: str, target: Path, *, overwrite: bool = False) -> int:
    """Copy the SQLite database at `database_url` to `target`; the copy's size in bytes."""
    if not database_url.startswith("sqlite"):
        raise BackupError("this database is not SQLite: back PostgreSQL up with pg_dump")
    source = sqlite_path(database_url)
    if source is None or not source.exists():
        raise BackupError(f"there is no database at {source} yet")
    target = target.expanduser().resolve()
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists already (use --force to replace it)")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    from_db, to_db = sqlite3.connect(source), sqlite3.connect(partial)
    try:
        from_db.backup(to_db, pages=PAGES_PER_STEP)
        to_db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        to_db.close()
        from_db.close()
    os.replace(partial, target)
    return target.stat().st_size
