"""Engines built from settings: SQLite tuned for a small server, or PostgreSQL via psycopg 3.

SQLite connections get WAL (readers never block the writer), a busy timeout (writers queue
instead of failing) and enforced foreign keys (so ON DELETE CASCADE erases). Transactions that
may write start with BEGIN IMMEDIATE, taking the write lock up front: a deferred transaction that
reads and then writes can fail at once with "database is locked" when another writer got in
first, whatever the busy timeout.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import ConnectionPoolEntry, NullPool

BUSY_TIMEOUT_MS = 5000
POOL_MAX = 40
"""PostgreSQL connections per process at most (set max_connections ≥ workers × this + spare)."""
POOL_RECYCLE_S = 600
"""Seconds a PostgreSQL connection is reused before it is replaced (idle ones die at proxies)."""
READ_ONLY = "midback_read_only"


def normalize_url(url: str) -> str:
    """Use psycopg 3 for plain `postgres://` and `postgresql://` URLs, as hosts hand them out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(url: str) -> bool:
    """True for SQLite URLs (the embedded database)."""
    return make_url(normalize_url(url)).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL, or None for in-memory or other databases."""
    parsed = make_url(normalize_url(url))
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def make_engine(url: str, *, migrating: bool = False, echo: bool = False) -> Engine:
    """An engine for `url`; `migrating` turns SQLite foreign keys off while tables are rebuilt."""
    url = normalize_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if migrating:
        kwargs["poolclass"] = NullPool
    if not is_sqlite(url):
        # No pre-ping: a `SELECT 1` before every checkout is a round trip on every request.
        # Connections are recycled before servers or proxies drop idle ones, and a connection
        # found dead anyway invalidates the whole pool, so only the request that met it fails.
        kwargs.update(pool_recycle=POOL_RECYCLE_S)
        if not migrating:
            # A request holds one connection from its first query to its end (storage.scope),
            # so a process needs as many as requests run at once: its thread pool's 40.
            kwargs.update(pool_use_lifo=True, pool_size=10, max_overflow=POOL_MAX - 10)
        return create_engine(url, **kwargs)
    if not migrating:
        # SQLite connections are file handles in this process: never make a request wait for
        # one (some reads run on the event loop, where a wait would stall every request).
        kwargs.update(pool_size=10, max_overflow=-1)
    engine = create_engine(url, **kwargs)
    _tune_sqlite(engine, foreign_keys=not migrating)
    return engine


def _tune_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _: ConnectionPoolEntry) -> None:
        # Take transaction control from the sqlite3 module; `_on_begin` emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable across app crashes in WAL mode
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
