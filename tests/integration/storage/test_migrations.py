"""Migrations: up, down and up again on both databases, and in step with the table declarations."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

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
    "data_imports",
    "outcomes",
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
    assert migrate.head_revision() == "0036"


def test_ids_are_never_reused_after_the_upgrade(empty_database_url: str) -> None:
    """0012 rebuilds SQLite tables with AUTOINCREMENT and keeps every row and id."""
    url = empty_database_url
    migrate.upgrade(url, "0003")
    engine = make_engine(url)
    insert = text(
        "INSERT INTO users (email, role, password_hash, created_at, password_changed_at) "
        "VALUES (:email, 'member', 'x', '2026-01-01', '2026-01-01')"
    )
    try:
        with engine.begin() as connection:
            for n in range(3):
                connection.execute(insert, {"email": f"p{n}@example.org"})
        migrate.upgrade(url)
        with engine.begin() as connection:
            ids = connection.execute(text("SELECT id FROM users ORDER BY id")).scalars().all()
            connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": max(ids)})
            connection.execute(insert, {"email": "new@example.org"})
            new = connection.execute(
                text("SELECT id FROM users WHERE email = 'new@example.org'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert len(ids) == 3 and new > max(ids)
    migrate.downgrade(url, "0003")
    migrate.upgrade(url)


def test_plan_snapshots_are_compressed_with_lz4_where_postgres_has_it(
    empty_database_url: str,
) -> None:
    """0035: lz4 (about three times less CPU than pglz to store a plan snapshot); SQLite has
    nothing of the kind and migrates through it unchanged."""
    url = empty_database_url
    migrate.upgrade(url)
    if url.startswith("sqlite"):
        migrate.downgrade(url, "0033")
        migrate.upgrade(url)
        return
    query = text(
        "SELECT attname, attcompression FROM pg_attribute WHERE attrelid = "
        "CAST(:table AS regclass) AND attname = :column"
    )
    engine = make_engine(url)
    try:

        def compression() -> set[str]:
            with engine.connect() as connection:
                lz4 = connection.execute(
                    text(
                        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                        "WHERE name = 'default_toast_compression'"
                    )
                ).scalar()
                if lz4 is not True:
                    pytest.skip("this PostgreSQL has no lz4")
                found = set()
                for table, column in (("programs", "snapshot"), ("export_files", "body")):
                    row = connection.execute(query, {"table": table, "column": column}).one()
                    found.add(str(row[1]))
                return found

        assert compression() == {"l"}
        engine.dispose()
        migrate.downgrade(url, "0033")
        assert compression() <= {"", "\x00"}  # the server's default
    finally:
        engine.dispose()
