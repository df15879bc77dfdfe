"""The engine: SQLite pragmas, UTC timestamps, and transactions that commit or roll back whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from midback.domain.accounts import Role
from midback.storage.engine import is_sqlite, make_engine, normalize_url
from midback.storage.uow import Storage


def test_postgres_urls_use_psycopg3() -> None:
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}


def test_timestamps_come_back_aware_and_in_utc(storage: Storage) -> None:
    local = datetime(2026, 3, 1, 14, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    with storage.unit_of_work() as uow:
        user = uow.users.add(email="a@example.org", role=Role.MEMBER, password_hash="h", now=local)
        uow.commit()
    with storage.unit_of_work(read_only=True) as uow:
        found = uow.users.get(user.id)
    assert found is not None
    assert found.created_at == local
    assert found.created_at.tzinfo == UTC
    assert found.created_at.hour == 12


def test_naive_timestamps_are_refused(storage: Storage) -> None:
    with storage.unit_of_work() as uow, pytest.raises(Exception, match="naive"):
        uow.users.add(
            email="a@example.org", role=Role.MEMBER, password_hash="h", now=datetime(2026, 1, 1)
        )


def test_leaving_without_commit_rolls_back(storage: Storage) -> None:
    now = datetime.now(UTC)
    with storage.unit_of_work() as uow:
        uow.users.add(email="a@example.org", role=Role.MEMBER, password_hash="h", now=now)
    with pytest.raises(RuntimeError), storage.unit_of_work() as uow:
        uow.users.add(email="b@example.org", role=Role.MEMBER, password_hash="h", now=now)
        raise RuntimeError("boom")
    with storage.unit_of_work(read_only=True) as uow:
        assert uow.users.by_email("a@example.org") is None
        assert uow.users.by_email("b@example.org") is None


def test_read_only_units_of_work_see_committed_writes(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        uow.users.add(
            email="a@example.org", role=Role.MEMBER, password_hash="h", now=datetime.now(UTC)
        )
        uow.commit()
    with storage.unit_of_work(read_only=True) as uow:
        assert uow.users.by_email("A@Example.org") is not None


def test_database_answers(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
        assert is_sqlite(database_url) == (engine.dialect.name == "sqlite")
    finally:
        engine.dispose()
