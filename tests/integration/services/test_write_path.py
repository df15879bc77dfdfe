"""The log write path on SQLite and PostgreSQL: few statements, the database reporting a reused
key, replays and clashes answered as before, and a vanished reference a conflict, not a crash."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from tests.integration.services.test_training import count_logs, member, started
from tests.support.training import log_body, today

from midback.content.loader import Content
from midback.domain.training import LogInput, Routine
from midback.services import logs
from midback.services.errors import Conflict, InvalidInput
from midback.services.security import Security, utcnow
from midback.storage.uow import Storage


@contextmanager
def statements(storage: Storage) -> Iterator[list[str]]:
    """Every SQL statement the engine sends meanwhile (BEGIN and COMMIT included on SQLite)."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(str(args[2]).split()[0].upper())

    event.listen(storage.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(storage.engine, "before_cursor_execute", note)


def test_a_log_write_is_three_statements_and_a_commit(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    body = LogInput.model_validate(log_body(items=[log_body()["items"][0]] * 3))
    with statements(storage) as seen:
        logged = logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="k1")
    data = [s for s in seen if s not in {"BEGIN", "COMMIT"}]
    # The log (finding the program itself), its three items in one INSERT, the counter: on
    # PostgreSQL all in one statement (data-modifying CTEs), on SQLite as three.
    expected = ["WITH"] if storage.engine.dialect.name == "postgresql" else ["INSERT"] * 3
    assert data == expected
    assert not logged.replayed and logged.log.program_ref is not None
    assert len(logged.log.items) == 3


def test_a_replay_reads_the_stored_log_and_writes_nothing(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    body = LogInput.model_validate(log_body())
    first = logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="k")
    again = logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="k")
    assert again.replayed and again.log == first.log
    other = LogInput.model_validate(log_body(pain_during=7))
    with pytest.raises(logs.IdempotencyConflict):
        logs.log_session(storage.unit_of_work(), builtin_content, user_id, other, key="k")
    assert count_logs(storage) == 1


def test_a_planned_session_without_a_program_is_refused_and_nothing_stays(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = member(storage, security)
    body = LogInput.model_validate(log_body(planned_session=str(today())))
    with pytest.raises(InvalidInput, match="no program"):
        logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="k")
    assert count_logs(storage) == 0
    with storage.unit_of_work(read_only=True) as uow:
        assert uow.plan_inputs.version(user_id) == 0


def test_a_routine_deleted_meanwhile_is_a_conflict_not_a_crash(
    storage: Storage,
    security: Security,
    builtin_content: Content,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The routine passes the check, then is gone when the log goes in: the foreign key says so."""
    user_id = started(storage, security, builtin_content)
    now = utcnow()
    ghost = Routine(987_654, user_id, "gone", (), None, now, now)
    monkeypatch.setattr(
        "midback.storage.repositories.routines.RoutineRepository.get", lambda self, _id: ghost
    )
    body = LogInput.model_validate(log_body(routine_id=987_654))
    with pytest.raises(Conflict, match="deleted meanwhile"):
        logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="k")
    assert count_logs(storage) == 0
