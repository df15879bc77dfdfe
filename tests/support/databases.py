"""Database fixtures: every storage, service and API test runs on SQLite and on PostgreSQL.

PostgreSQL comes from `tests.support.postgres`. If none can be reached or started the tests that
need it fail loudly, unless MIDBACK_SKIP_POSTGRES=1 says to skip them. One throwaway database is
migrated per test session and dropped at the end; each test gets it emptied. Each SQLite test
gets a copy of a database migrated once per session.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.support import postgres

from midback.config import Settings
from midback.services.security import Security
from midback.storage import migrate
from midback.storage.engine import make_engine
from midback.storage.tables import Base
from midback.storage.uow import Storage

BACKENDS = ["sqlite", "postgresql"]
TEST_SECRET = "tests-only-secret-key-0123456789abcdef"
FAST_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_kib": 8, "argon2_parallelism": 1}


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings for tests: the given database, cheap password hashing, no config file."""
    values: dict[str, object] = {
        "database_url": database_url,
        "data_dir": data_dir,
        "secret_key": TEST_SECRET,
        **FAST_ARGON2,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.Server]:
    """A PostgreSQL server for the whole session (found, or started and stopped here)."""
    if os.environ.get("MIDBACK_SKIP_POSTGRES") == "1":
        pytest.skip("MIDBACK_SKIP_POSTGRES=1")
    problem = ""
    try:
        server = postgres.find_or_start()
    except postgres.PostgresUnavailable as error:
        problem = str(error)
    if problem:
        pytest.fail(
            f"PostgreSQL is needed for these tests and could not be reached or started: {problem}\n"
            "Set MIDBACK_SKIP_POSTGRES=1 to skip the PostgreSQL tests.",
            pytrace=False,
        )
    yield server
    server.stop()


@pytest.fixture
def new_postgres_database(postgres_server: postgres.Server) -> Iterator[str]:
    """An empty PostgreSQL database for this test only (for migration tests)."""
    name = f"midback_test_{secrets.token_hex(6)}"
    url = postgres.create_database(postgres_server.admin_url, name)
    yield url
    postgres.drop_database(postgres_server.admin_url, name)


@pytest.fixture(scope="session")
def postgres_database(postgres_server: postgres.Server) -> Iterator[str]:
    """A migrated PostgreSQL database shared by the session, dropped at its end."""
    name = f"midback_test_{os.getpid()}_{secrets.token_hex(4)}"
    url = postgres.create_database(postgres_server.admin_url, name)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        postgres.drop_database(postgres_server.admin_url, name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database migrated once, copied for each test."""
    path = tmp_path_factory.mktemp("sqlite-template") / "midback.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


KEPT_TABLES = {"installation"}
"""Made by the migrations, as `alembic_version` is: part of the schema, not of anyone's data."""


def _empty_tables(url: str) -> None:
    engine = make_engine(url, migrating=True)
    try:
        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name not in KEPT_TABLES:
                    connection.execute(text(f"DELETE FROM {table.name}"))
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a migrated, empty database: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "db" / "midback.db"
        path.parent.mkdir()
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_database")
    _empty_tables(url)
    yield url
    _empty_tables(url)


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a database with no tables at all: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    url: str = request.getfixturevalue("new_postgres_database")
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Test settings on the test's database."""
    return make_settings(database_url, tmp_path / "data")


@pytest.fixture
def storage(database_url: str) -> Iterator[Storage]:
    """Units of work on the test's database."""
    storage = Storage.from_url(database_url)
    yield storage
    storage.dispose()


@pytest.fixture
def security(settings: Settings) -> Security:
    """The security policy of the test settings (fast hashing)."""
    return Security.from_settings(settings)
