"""A session saved when it ends: unrated until the form rates it, and rated only by itself."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from midback.domain.finished import FinishedSession, is_unrated, rates, unrated_log
from midback.domain.training import LogInput, LogItemInput, SessionLog

DAY = date(2026, 3, 2)
ITEM = LogItemInput(exercise="open-book", side="left", sets_done=2, reps_done=8)


def stored(**changes: object) -> SessionLog:
    fields: dict[str, object] = {
        "id": 1,
        "user_id": 1,
        "session_date": DAY,
        "planned_session": DAY,
        "program_ref": 1,
        "routine_id": None,
        "completed": False,
        "pain_during": None,
        "pain_next_day": None,
        "difficulty": None,
        "note": "",
        "created_at": datetime(2026, 3, 2, tzinfo=UTC),
        "items": (ITEM,),
        "idempotency_key": "k" * 16,
        "request_hash": "0" * 64,
    }
    return SessionLog(**{**fields, **changes})  # type: ignore[arg-type]


def rating(**changes: object) -> LogInput:
    body = {"session_date": DAY, "planned_session": DAY, "completed": True, "pain_during": 1}
    return LogInput.model_validate({**body, "difficulty": 3, "items": [ITEM], **changes})


def test_the_saved_log_is_unrated_and_not_counted_as_completed() -> None:
    finished = FinishedSession(
        session_key="a" * 16, exercises=["open-book"], planned_session=DAY, results=[ITEM]
    )
    body = unrated_log(finished, DAY)
    assert not body.completed and body.pain_during is None and body.difficulty is None
    assert body.items == [ITEM] and body.planned_session == DAY


@pytest.mark.parametrize(
    ("log", "body", "expected"),
    [
        (stored(), rating(), True),
        (stored(completed=True, pain_during=1, difficulty=3), rating(), False),
        (stored(), rating(session_date=date(2026, 3, 1)), False),
        (stored(), rating(planned_session=None), False),
        (stored(), rating(completed=False, pain_during=None, difficulty=None), False),
    ],
)
def test_only_a_rating_of_the_same_session_rates_it(
    log: SessionLog, body: LogInput, expected: bool
) -> None:
    assert rates(log, body) is expected
    assert is_unrated(stored())
