"""Rows straight into tables, many per call: for generating large data sets (the scale
benchmark), where building ORM objects one by one would take longer than the database does.

The caller gives every row its id (the next free ones come from `next_ids`), so rows that refer
to each other can be written without reading anything back; `finish` then moves PostgreSQL's id
sequences past what was written and refreshes the planner's statistics on both databases.

On PostgreSQL rows go in through `COPY ... FROM STDIN` (psycopg's copy protocol), several times
faster than pipelined INSERTs for millions of rows; each value first passes its column type's
bind processing, so what lands is what an INSERT of the same row would have stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from psycopg.types.json import Json
from sqlalchemy import JSON, Connection, Dialect, Table, func, select, text
from sqlalchemy.types import TypeDecorator, TypeEngine

from midback.storage.engine import sqlite_path
from midback.storage.tables import Base
from midback.storage.uow import Storage

ROWS_PER_CALL = 10_000
"""Rows handed to the driver's executemany at once (compiled once: sqlite3 loops in C,
psycopg pipelines them)."""


class BulkWriter:
    """Writes rows of any table through one compiled INSERT each, one transaction a call."""

    def __init__(self, storage: Storage) -> None:
        self._engine = storage.engine

    def next_ids(self, table: str) -> int:
        """The first id after every row the table holds."""
        column = Base.metadata.tables[table].c.id
        with self._engine.connect() as connection:
            return (
                int(connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1
            )

    def insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Write `rows` (each with every column it sets) in one transaction."""
        if not rows:
            return
        target = Base.metadata.tables[table]
        names = rows[0].keys()
        for number, row in enumerate(rows):
            if row.keys() != names:
                raise ValueError(
                    f"{table}: row {number} sets {sorted(row)}, the first row {sorted(names)}"
                )
        with self._engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                _copy(connection, target, rows)
                return
            statement = target.insert()
            for start in range(0, len(rows), ROWS_PER_CALL):
                connection.execute(statement, list(rows[start : start + ROWS_PER_CALL]))

    def finish(self) -> None:
        """Move id sequences past the written ids (PostgreSQL) and refresh statistics."""
        with self._engine.begin() as connection:
            if self._engine.dialect.name == "postgresql":
                for table in Base.metadata.sorted_tables:
                    if "id" in table.c and table.c.id.primary_key:
                        connection.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
                            )
                        )
            connection.execute(text("ANALYZE"))

    def database_bytes(self) -> int:
        """The size of the database on disk (SQLite: the file and its WAL)."""
        path = sqlite_path(self._engine.url.render_as_string(hide_password=False))
        if path is not None:
            wal = path.with_name(path.name + "-wal")
            return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        with self._engine.connect() as connection:
            size = connection.execute(text("SELECT pg_database_size(current_database())"))
            return int(size.scalar_one())


def _copy(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`rows` into `table` through PostgreSQL's COPY, on the connection's open transaction."""
    names = list(rows[0])
    dialect = connection.dialect
    processors = [
        (index, process)
        for index, name in enumerate(names)
        if (process := _copy_processor(table.c[name].type, dialect)) is not None
    ]
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        statement = f"COPY {dialect.identifier_preparer.format_table(table)} ({quoted}) FROM STDIN"
        with cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] for name in names]
                for index, process in processors:
                    values[index] = process(values[index])
                copy.write_row(values)


def _copy_processor(column_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's bind processing, then JSON values wrapped for psycopg's COPY (an INSERT
    casts them in SQL; COPY would otherwise send a list as a PostgreSQL array)."""
    process = column_type.bind_processor(dialect)
    impl = column_type.impl_instance if isinstance(column_type, TypeDecorator) else column_type
    if not isinstance(impl, JSON):
        return process

    def as_json(value: Any) -> Any:
        value = value if process is None else process(value)
        return None if value is None else Json(value)

    return as_json
