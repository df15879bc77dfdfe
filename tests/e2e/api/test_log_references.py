"""A log whose routine is deleted while it goes in answers 409, never a 500."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from tests.e2e.api.conftest import Api, assert_error
from tests.support.training import ROUTINE, log_body

from midback.storage.uow import Storage

LOG_INSERT = re.compile(r"INSERT INTO session_logs\b", re.IGNORECASE)


@contextmanager
def routine_deleted_before_the_log_goes_in(storage: Storage, routine_id: int) -> Iterator[None]:
    """Delete the routine on the log's own connection just before its INSERT: the race of a
    delete between the route's check and the insert, made certain."""

    def delete_first(
        connection: Any, cursor: Any, statement: str, *args: Any, **kwargs: Any
    ) -> None:
        if LOG_INSERT.search(statement):  # alone (SQLite) or in a WITH (PostgreSQL)
            cursor.execute(f"DELETE FROM routines WHERE id = {int(routine_id)}")

    event.listen(storage.engine, "before_cursor_execute", delete_first)
    try:
        yield
    finally:
        event.remove(storage.engine, "before_cursor_execute", delete_first)


def test_a_routine_deleted_meanwhile_answers_409(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    created = tapi.client.post("/api/v1/routines", json=ROUTINE, headers=ada.auth)
    assert created.status_code == 201, created.text
    routine_id = created.json()["id"]
    storage: Storage = tapi.client.app.state.storage  # type: ignore[attr-defined]
    body = log_body(routine_id=routine_id)
    headers = {**ada.auth, "Idempotency-Key": "race"}
    with routine_deleted_before_the_log_goes_in(storage, routine_id):
        answer = tapi.client.post("/api/v1/logs", json=body, headers=headers)
    error = assert_error(answer, 409, "conflict")
    assert "deleted meanwhile" in error["message"]
    assert tapi.client.get("/api/v1/logs", headers=ada.auth).json() == []
