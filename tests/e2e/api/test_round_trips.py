"""The fixed cost of the hottest requests, counted at the database: one connection per request,
at most one transaction for a read, and a log write in four round trips on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from tests.e2e.api.conftest import Api
from tests.support.training import log_body, profile


@contextmanager
def counted(api: Api) -> Iterator[dict[str, int]]:
    """Checkouts, transactions begun and statements sent while the block runs."""
    engine = api.storage.engine
    counts = {"checkouts": 0, "begins": 0, "statements": 0, "commits": 0}

    def add(name: str) -> Any:
        def listener(*_: Any) -> None:
            counts[name] += 1

        return listener

    def statement(_: Any, __: Any, sql: str, *___: Any) -> None:
        if not sql.startswith("BEGIN"):  # SQLite's BEGIN is sent as SQL; counted as a begin
            counts["statements"] += 1

    listeners = [
        (engine.pool, "checkout", add("checkouts")),
        (engine, "begin", add("begins")),
        (engine, "before_cursor_execute", statement),
        (engine, "commit", add("commits")),
    ]
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        yield counts
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)


def _started(tapi: Api) -> dict[str, str]:
    ada = tapi.person("ada@example.org")
    assert tapi.client.post("/api/v1/assessments", json=profile(), headers=ada.auth).is_success
    assert tapi.client.post("/api/v1/programs", headers=ada.auth).is_success
    assert tapi.client.get("/api/v1/programs/today", headers=ada.auth).is_success  # warm
    return ada.auth


def test_today_uses_one_connection_and_one_transaction(tapi: Api) -> None:
    auth = _started(tapi)
    with counted(tapi) as counts:
        assert tapi.client.get("/api/v1/programs/today", headers=auth).status_code == 200
    # The token, its user and the plan-inputs version: one read, one transaction, one checkout.
    assert counts == {"checkouts": 1, "begins": 1, "statements": 1, "commits": 0}


def test_a_log_write_authenticates_and_writes_on_one_connection(tapi: Api) -> None:
    auth = _started(tapi)
    headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
    with counted(tapi) as counts:
        response = tapi.client.post("/api/v1/logs", json=log_body(), headers=headers)
    assert response.status_code == 201, response.text
    if tapi.storage.engine.dialect.name == "postgresql":
        # BEGIN, the token, the log with its items and counter in one statement, COMMIT.
        assert counts == {"checkouts": 1, "begins": 1, "statements": 2, "commits": 1}
    else:  # the read snapshot ends, then BEGIN IMMEDIATE and three in-process statements
        assert counts == {"checkouts": 1, "begins": 2, "statements": 4, "commits": 1}
