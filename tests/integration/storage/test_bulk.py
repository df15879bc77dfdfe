"""The bulk writer stores what an ordinary insert of the same rows would (COPY on PostgreSQL)."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from midback.content.loader import load_content
from midback.storage.bulk import BulkWriter
from midback.storage.tables import Base
from midback.storage.uow import Storage

NOW = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def rows(first_user: int, first_log: int, first_item: int) -> dict[str, list[dict[str, object]]]:
    """Two people, one log with two items each: every kind of column the generator writes."""
    written: dict[str, list[dict[str, object]]] = {
        "users": [],
        "session_logs": [],
        "session_log_items": [],
    }
    for person in range(2):
        user_id, log_id = first_user + person, first_log + person
        written["users"].append(
            {"id": user_id, "email": f"bulk{person}@example.org", "role": "member",
             "password_hash": "$argon2id$x", "created_at": NOW, "password_changed_at": NOW}
        )  # fmt: skip
        written["session_logs"].append(
            {"id": log_id, "user_id": user_id, "session_date": date(2026, 3, 28),
             "planned_session": None, "program_id": None, "routine_id": None,
             "completed": person == 0, "pain_during": 3, "pain_next_day": None,
             "difficulty": 5, "note": "tab\there, new\nline, back\\slash, comma, 'quote'",
             "created_at": NOW, "idempotency_key": f"k{log_id}", "request_hash": "0" * 64,
             "new_symptoms": ["numbness"] if person else []}
        )  # fmt: skip
        for position in range(2):
            written["session_log_items"].append(
                {"id": first_item + 2 * person + position, "log_id": log_id,
                 "position": position, "exercise": "open-book", "side": "left",
                 "sets_done": 2, "reps_done": 8, "hold_s": 0, "skipped": False,
                 "painful": position == 1,
                 "camera": [{"set": 1, "reps": 8}] if position == 0 else []}
            )  # fmt: skip
    return written


def test_bulk_rows_read_back_as_written(storage: Storage) -> None:
    bulk = BulkWriter(storage)
    ids = {table: bulk.next_ids(table) for table in ("users", "session_logs", "session_log_items")}
    written = rows(ids["users"], ids["session_logs"], ids["session_log_items"])
    for table, table_rows in written.items():
        bulk.insert(table, table_rows)
    bulk.finish()
    with storage.engine.connect() as connection:
        for table, table_rows in written.items():
            columns = Base.metadata.tables[table].c
            stored = connection.execute(select(columns).order_by(columns.id)).mappings().all()
            assert len(stored) == len(table_rows)
            for read, wrote in zip(stored, table_rows, strict=True):
                assert {name: read[name] for name in wrote} == wrote, table
            if table == "session_logs":
                assert [row["seen_clinician"] for row in stored] == [False, False]
    assert bulk.next_ids("users") == ids["users"] + 2


def test_tuples_read_back_as_the_same_rows_as_dicts(storage: Storage) -> None:
    """`write` takes each row as its values in the order of a list of columns."""
    bulk = BulkWriter(storage)
    first = bulk.next_ids("users")
    written = rows(first, 1, 1)["users"]
    columns = list(written[0])
    bulk.write("users", columns, [tuple(row[name] for name in columns) for row in written])
    with storage.engine.connect() as connection:
        table = Base.metadata.tables["users"]
        stored = connection.execute(select(table.c).order_by(table.c.id)).mappings().all()
    assert [{name: row[name] for name in columns} for row in stored] == written


def test_a_row_of_the_wrong_length_writes_nothing_of_its_call(storage: Storage) -> None:
    bulk = BulkWriter(storage)
    written = rows(bulk.next_ids("users"), 1, 1)["users"]
    columns = list(written[0])
    values = [tuple(row[name] for name in columns) for row in written]
    with pytest.raises(ValueError, match="users: a row of 5 values for 6 columns"):
        bulk.write("users", columns, [values[0], values[1][:-1]])
    with pytest.raises(ValueError, match="users has no column nickname"):
        bulk.write("users", [*columns, "nickname"], [(*values[0], "x")])
    with storage.engine.connect() as connection:
        assert connection.execute(select(Base.metadata.tables["users"].c.id)).all() == []


def test_rows_with_different_columns_are_refused(storage: Storage) -> None:
    bulk = BulkWriter(storage)
    first = rows(bulk.next_ids("users"), 1, 1)["users"]
    del first[1]["password_changed_at"]
    with pytest.raises(ValueError, match="users: row 1 sets"):
        bulk.insert("users", first)
    with storage.engine.connect() as connection:
        assert connection.execute(select(Base.metadata.tables["users"].c.id)).all() == []


def _scale_data() -> Any:
    """The scale benchmark's generator module (benchmarks/ is not a package)."""
    benchmarks = Path(__file__).parents[3] / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    try:
        return importlib.import_module("scale_data")
    finally:
        sys.path.remove(str(benchmarks))


def _schema_differences(storage: Storage) -> list[Any]:
    """How the database's tables differ from their declarations (keys, indexes included)."""
    with storage.engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def test_the_scale_generator_writes_consistent_people(storage: Storage) -> None:
    """The opt-in scale benchmark's generator still runs (it once broke unnoticed), its rows
    hang together (every log belongs to one of its person's programs), and the
    foreign keys it loads without on PostgreSQL are all back, checked against every row."""
    scale_data = _scale_data()
    made = scale_data.generate(storage, load_content(), 3, patients_per_clinician=2, batch=2)
    assert made.people == 3 and made.clinicians == 1 and made.logs > 0
    logs, programs = (Base.metadata.tables[name] for name in ("session_logs", "programs"))
    with storage.engine.connect() as connection:
        orphans = connection.execute(
            select(logs.c.id)
            .join(programs, programs.c.id == logs.c.program_id)
            .where(programs.c.user_id != logs.c.user_id)
        ).all()
        assert orphans == []
        assert connection.execute(select(func.count()).select_from(logs)).scalar_one() == made.logs
        items = Base.metadata.tables["session_log_items"]
        count = connection.execute(select(func.count()).select_from(items)).scalar_one()
        assert count == made.items == 3 * made.logs
        if storage.engine.dialect.name == "postgresql":
            unchecked = "SELECT conname FROM pg_constraint WHERE NOT convalidated"
            assert connection.execute(text(unchecked)).all() == []
    assert _schema_differences(storage) == []


def test_foreign_keys_come_back_when_a_bulk_load_fails(storage: Storage) -> None:
    scale_data = _scale_data()
    with pytest.raises(RuntimeError, match="load failed"):
        with scale_data.deferred(storage, scale_data.LARGE_TABLES):
            if storage.engine.dialect.name == "postgresql":
                assert _schema_differences(storage) != []  # really loading without them
            raise RuntimeError("load failed")
    assert _schema_differences(storage) == []
