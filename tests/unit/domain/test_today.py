"""Today's pieces: the program week, the week strip, the lesson and yesterday's pain."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from midback.domain.lesson import Lesson
from midback.domain.today import (
    DayState,
    awaiting_pain_next_day,
    lesson_of_week,
    program_week,
    week_summary,
)
from midback.domain.training import SessionLog

START = date(2025, 3, 3)  # a Monday


def log(
    day: date, *, completed: bool = True, log_id: int = 1, pain_next: int | None = None
) -> SessionLog:
    return SessionLog(
        id=log_id, user_id=1, session_date=day, planned_session=None, program_ref=1,
        routine_id=None, completed=completed, pain_during=2 if completed else None,
        pain_next_day=pain_next, difficulty=3 if completed else None, note="",
        created_at=datetime(2025, 1, 1, tzinfo=UTC), items=(), idempotency_key=str(log_id),
        request_hash="",
    )  # fmt: skip


def lesson(lesson_id: str, week: int) -> Lesson:
    return Lesson(id=lesson_id, title=f"Lesson {lesson_id}", summary="A summary for tests.",
                  week=week, sources=["tests"], body="Words " * 20)  # fmt: skip


def test_program_weeks_start_at_one() -> None:
    assert program_week(START, START - timedelta(days=3)) == 1
    assert program_week(START, START + timedelta(days=6)) == 1
    assert program_week(START, START + timedelta(days=7)) == 2


def test_the_week_strip_marks_done_missed_planned_extra_and_rest() -> None:
    planned = [START, START + timedelta(days=2), START + timedelta(days=4)]  # Mon, Wed, Fri
    today = START + timedelta(days=3)  # Thursday
    logs = [log(START + timedelta(days=1)), log(START + timedelta(days=3), log_id=2)]
    week = week_summary(START, planned, logs, today)
    states = [mark.state for mark in week.days]
    # Monday's session was done a day late (Tuesday), so Monday counts as done.
    assert states == [DayState.DONE, DayState.EXTRA, DayState.DONE, DayState.EXTRA,
                      DayState.PLANNED, DayState.REST, DayState.REST]  # fmt: skip
    assert (week.number, week.planned, week.done) == (1, 3, 2)
    assert [m.is_today for m in week.days].index(True) == 3
    later = week_summary(START, planned, [], START + timedelta(days=5))
    assert [m.state for m in later.days][:5:2] == [DayState.MISSED] * 3


def test_a_session_skipped_on_purpose_is_marked_skipped_never_missed() -> None:
    planned = [START, START + timedelta(days=4)]  # Wednesday's session was skipped
    week = week_summary(START, planned, [], START + timedelta(days=5), [START + timedelta(days=2)])
    states = [mark.state for mark in week.days]
    assert states[2] == DayState.SKIPPED and states.count(DayState.MISSED) == 2
    assert week.days[2].words == "skipped on purpose" and week.planned == 2


def test_the_lesson_is_this_weeks_or_the_latest_unlocked() -> None:
    lessons = [lesson("one", 1), lesson("two", 2), lesson("four", 4)]
    assert lesson_of_week(lessons, 2) == lessons[1]
    assert lesson_of_week(lessons, 3) == lessons[1]
    assert lesson_of_week(lessons, 9) == lessons[2]
    assert lesson_of_week([lesson("late", 3)], 1) is None


def test_yesterdays_completed_session_asks_for_its_pain_until_answered() -> None:
    today = START + timedelta(days=1)
    assert awaiting_pain_next_day([log(START), log(START, log_id=5)], today).id == 5  # type: ignore[union-attr]
    assert awaiting_pain_next_day([log(START, pain_next=1)], today) is None
    assert awaiting_pain_next_day([log(START, completed=False)], today) is None
    assert awaiting_pain_next_day([log(START)], today + timedelta(days=1)) is None
