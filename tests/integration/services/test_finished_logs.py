"""A guided session saved when it ends and rated later, on SQLite and PostgreSQL: one log per
session key whatever the order and the retries, and a rating only for the session it rates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.support.history import PROFILE
from tests.support.training import today

from midback.content.loader import Content
from midback.domain.training import LogInput, LogItemInput, ProgramRequest
from midback.services import assessments, finished_logs, logs, programs
from midback.services.logs import IdempotencyConflict
from midback.services.plans import PlanCache, current_plan
from midback.services.progress import progress_of
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


def test_sessions_finished_and_never_rated_keep_the_streak_but_never_step_up(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    """Each planned session played to its end and left unrated: adherence and the streak count
    them (they used to reset it), while the plan holds its first step (no ratings, no step up)."""
    user_id = member(storage, security)
    uow = storage.unit_of_work
    assessments.save_assessment(uow(), builtin_content, user_id, PROFILE, recorded_by=user_id)
    day = today()
    start = ProgramRequest(start_date=day - timedelta(days=20))
    programs.create_program(uow(), builtin_content, user_id, start, today=day)
    plan = current_plan(uow(), builtin_content, PlanCache(), user_id)
    assert plan is not None
    due = [s for s in plan.sessions if s.date < day]
    for n, session in enumerate(due):
        done = [
            LogItemInput(exercise=i.exercise, side=i.side, sets_done=i.sets, reps_done=i.reps)
            for i in session.items
        ]
        body = LogInput(
            session_date=session.date, planned_session=session.date, completed=False, items=done
        )
        finished_logs.save_finished(uow(), builtin_content, user_id, body, key=f"{KEY}-{n}")
    report = progress_of(uow(), builtin_content, PlanCache(), user_id, day)
    assert len(due) >= 5 and report.streak == len(due) and report.adherence_percent == 100
    after = current_plan(uow(), builtin_content, PlanCache(), user_id)
    assert after is not None
    # without any log the plan assumes each session was tolerated and steps up week by week
    assert max(s.step for s in plan.sessions if s.date < day) > 1
    upcoming = next(s for s in after.sessions if s.date >= day)
    assert {s.step for s in after.sessions if s.date < day} == {1} and upcoming.step == 1
