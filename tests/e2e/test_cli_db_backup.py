"""`midback db backup PATH`: an online copy of the SQLite database, consistent and complete."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support.databases import make_settings

from midback.services import accounts
from midback.services.security import Security
from midback.storage import migrate
from midback.storage.uow import Storage


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "midback", "db", "backup", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "MIDBACK_DATA_DIR": str(tmp_path / "data")}
    env["MIDBACK_CONFIG_FILE"] = str(tmp_path / "none.toml")
    env.pop("MIDBACK_DATABASE_URL", None)
    env.pop("DATABASE_URL", None)
    return env | extra


def test_backup_copies_a_running_database_including_its_write_ahead_log(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    url = f"sqlite:///{tmp_path / 'data' / 'midback.db'}"
    migrate.upgrade(url)
    settings = make_settings(url, tmp_path / "data")
    storage = Storage.from_url(url)
    try:  # the storage stays open, as a running server's would, with its WAL unmerged
        accounts.create_user(
            storage.unit_of_work(),
            Security.from_settings(settings),
            email="ada@example.org",
            password="a long rare passphrase",
        )
        target = tmp_path / "backups" / "midback-copy.db"
        target.parent.mkdir()
        done = run(environment(tmp_path), str(target))
        assert done.returncode == 0, done.stderr
        assert "backed up" in done.stdout
    finally:
        storage.dispose()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT email FROM users").fetchall() == [("ada@example.org",)]
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    assert not list(target.parent.glob("*.partial"))

    again = run(environment(tmp_path), str(target))
    assert again.returncode == 2 and "exists already" in again.stderr
    assert run(environment(tmp_path), str(target), "--force").returncode == 0


def test_backup_sends_postgresql_to_pg_dump(tmp_path: Path) -> None:
    env = environment(tmp_path, MIDBACK_DATABASE_URL="postgresql+psycopg://x@127.0.0.1/none")
    done = run(env, str(tmp_path / "copy.db"))
    assert done.returncode == 2
    assert "pg_dump" in done.stderr
