"""A guided session saved when it ends and rated later, on SQLite and PostgreSQL: one log per
session key whatever the order and the retries, and a rating only for the session it rates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.support.training import today

from midback.content.loader import Content
from midback.domain.training import LogInput, LogItemInput
from midback.services import finished_logs, logs
from midback.services.logs import IdempotencyConflict
from midback.services.security import Security
from midback.storage.uow import Storage

from .test_training import member

KEY = "session-key-0123456789"
ITEMS = [
    LogItemInput(exercise="open-book", side="left", sets_done=2, reps_done=8),
    LogItemInput(exercise="cat-cow", side="both", sets_done=1, reps_done=6),
]


def unrated() -> LogInput:
    return LogInput(session_date=today(), completed=False, items=ITEMS)


def rated(**changes: object) -> LogInput:
    items = [ITEMS[0].model_copy(update={"painful": True}), ITEMS[1]]
    body = {"session_date": today(), "completed": True, "pain_during": 2, "difficulty": 4}
    return LogInput.model_validate({**body, "note": "Looser.", "items": items, **changes})


def test_the_rating_completes_the_log_saved_at_the_end(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = member(storage, security)
    saved = finished_logs.save_finished(
        storage.unit_of_work(), builtin_content, user_id, unrated(), key=KEY
    )
    assert not saved.log.completed and not saved.replayed
    again = finished_logs.save_finished(
        storage.unit_of_work(), builtin_content, user_id, unrated(), key=KEY
    )
    assert again.replayed and again.log.id == saved.log.id
    done = finished_logs.rate_session(
        storage.unit_of_work(), builtin_content, user_id, rated(), key=KEY
    )
    assert done.log.id == saved.log.id and done.log.completed
    assert (done.log.pain_during, done.log.difficulty, done.log.note) == (2, 4, "Looser.")
    assert [i.painful for i in done.log.items] == [True, False]
    replay = finished_logs.rate_session(
        storage.unit_of_work(), builtin_content, user_id, rated(), key=KEY
    )
    assert replay.replayed
    late = finished_logs.save_finished(  # the end-of-session save arriving after the rating
        storage.unit_of_work(), builtin_content, user_id, unrated(), key=KEY
    )
    assert late.log.completed
    with pytest.raises(IdempotencyConflict):
        finished_logs.rate_session(
            storage.unit_of_work(), builtin_content, user_id, rated(pain_during=6), key=KEY
        )
    (log,) = logs.logs_of(storage.unit_of_work(), user_id)
    assert log.pain_during == 2


def test_a_rating_arriving_first_is_the_log(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = member(storage, security)
    finished_logs.rate_session(storage.unit_of_work(), builtin_content, user_id, rated(), key=KEY)
    finished_logs.save_finished(
        storage.unit_of_work(), builtin_content, user_id, unrated(), key=KEY
    )
    (log,) = logs.logs_of(storage.unit_of_work(), user_id)
    assert log.completed and log.pain_during == 2


def test_a_rating_of_another_session_is_refused(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = member(storage, security)
    finished_logs.save_finished(
        storage.unit_of_work(), builtin_content, user_id, unrated(), key=KEY
    )
    other_day = rated(session_date=today() - timedelta(days=1))
    with pytest.raises(IdempotencyConflict):
        finished_logs.rate_session(
            storage.unit_of_work(), builtin_content, user_id, other_day, key=KEY
        )
