"""Rows straight into tables, many per call: for generating large data sets (the scale
benchmark), where building ORM objects one by one would take longer than the database does.

The caller gives every row its id (the next free ones come from `next_ids`), so rows that refer
to each other can be written without reading anything back; `finish` then moves PostgreSQL's id
sequences past what was written and refreshes the planner's statistics on both databases.

Rows come as dicts (`insert`) or, cheaper for millions of them, as tuples in the order of a
list of columns (`write`). On PostgreSQL they go in through a binary `COPY ... FROM STDIN`
(psycopg's copy protocol, each value sent as the column's own type, so the server parses no
text); each value first passes its column type's bind processing, so what lands is what an
INSERT of the same row would have stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from psycopg.types.json import Json
from sqlalchemy import JSON, Connection, Dialect, Table, func, select, text
from sqlalchemy.types import TypeDecorator, TypeEngine

from midback.storage.engine import sqlite_path
from midback.storage.tables import Base
from midback.storage.uow import Storage

ROWS_PER_CALL = 10_000
"""Rows handed to the driver's executemany at once (compiled once: sqlite3 loops in C)."""


class BulkWriter:
    """Writes rows of any table, one transaction a call."""

    def __init__(self, storage: Storage) -> None:
        self._engine = storage.engine
        self._types: dict[str, dict[str, int]] = {}

    def next_ids(self, table: str) -> int:
        """The first id after every row the table holds."""
        column = Base.metadata.tables[table].c.id
        with self._engine.connect() as connection:
            return (
                int(connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1
            )

    def insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Write `rows` (each with every column it sets, the same columns in each)."""
        if not rows:
            return
        names = rows[0].keys()
        for number, row in enumerate(rows):
            if row.keys() != names:
                raise ValueError(
                    f"{table}: row {number} sets {sorted(row)}, the first row {sorted(names)}"
                )
        columns = list(names)
        self.write(table, columns, [tuple(row[name] for name in columns) for row in rows])

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Write `rows`, each a sequence of the values of `columns` in that order, in one
        transaction; a row of the wrong length is refused and nothing of the call is written."""
        target = Base.metadata.tables[table]
        unknown = [name for name in columns if name not in target.c]
        if unknown:
            raise ValueError(f"{table} has no column {', '.join(unknown)}")
        with self._engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                self._copy(connection, target, columns, rows)
                return
            statement = target.insert()
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(_as_dict(table, columns, row))
                if len(batch) == ROWS_PER_CALL:
                    connection.execute(statement, batch)
                    batch = []
            if batch:
                connection.execute(statement, batch)

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

    def _copy(
        self,
        connection: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> None:
        """`rows` into `table` through a binary COPY, on the connection's open transaction."""
        dialect = connection.dialect
        types = self._types.get(table.name)
        if types is None:  # the column types as the server has them (binary COPY casts nothing)
            found = connection.execute(
                text(
                    "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = "
                    "CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped"
                ),
                {"table": table.name},
            )
            types = self._types[table.name] = {str(row[0]): int(row[1]) for row in found}
        processors = [
            (index, process)
            for index, name in enumerate(columns)
            if (process := _copy_processor(table.c[name].type, dialect)) is not None
        ]
        quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
        statement = (
            f"COPY {dialect.identifier_preparer.format_table(table)} ({quoted}) "
            "FROM STDIN (FORMAT BINARY)"
        )
        width = len(columns)
        driver = connection.connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types([types[name] for name in columns])
            for row in rows:
                if len(row) != width:
                    _as_dict(table.name, columns, row)  # raises
                if processors:
                    values = list(row)
                    for index, process in processors:
                        values[index] = process(values[index])
                    copy.write_row(values)
                else:
                    copy.write_row(row)


def _as_dict(table: str, columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """`row` as a dict of its columns, refused when its length is not theirs."""
    if len(row) != len(columns):
        raise ValueError(f"{table}: a row of {len(row)} values for {len(columns)} columns")
    return dict(zip(columns, row, strict=True))


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
