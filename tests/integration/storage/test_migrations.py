"""Migrations: up, down and up again on both databases, and in step with the table declarations."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from midback.storage import migrate
from midback.storage.engine import make_engine
from midback.storage.tables import Base

TABLES = {
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
    "plan_inputs",
    "programs",
    "routines",
    "routine_items",
    "session_logs",
    "session_log_items",
    "favourites",
    "calendar_feeds",
}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(empty_database_url: str) -> None:
    url = empty_database_url
    assert migrate.current_revision(url) is None
    migrate.upgrade(url)
    assert migrate.current_revision(url) == migrate.head_revision()
    assert TABLES <= _tables(url)
    migrate.upgrade(url)  # idempotent
    migrate.downgrade(url, "base")
    assert migrate.current_revision(url) is None
    assert _tables(url) <= {"alembic_version"}
    migrate.upgrade(url)
    assert migrate.is_up_to_date(url)


def test_migrations_match_the_table_declarations(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_ensure_schema_migrates_sqlite_but_only_checks_postgres(empty_database_url: str) -> None:
    if empty_database_url.startswith("sqlite"):
        migrate.ensure_schema(empty_database_url)
        assert migrate.is_up_to_date(empty_database_url)
    else:
        with pytest.raises(migrate.MigrationError, match="midback db upgrade"):
            migrate.ensure_schema(empty_database_url)
        assert migrate.current_revision(empty_database_url) is None


def test_the_script_folder_is_found_from_any_directory(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert migrate.head_revision() == "0017"
