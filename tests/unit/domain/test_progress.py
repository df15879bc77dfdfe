"""Adherence, streak, missed sessions and pain trend: pure functions over dates and logs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from midback.domain.progress import adherence, done_sessions, missed_in_a_row, pain_trend
from midback.domain.training import LogItemInput, SessionLog

START = date(2026, 3, 2)  # a Monday
PLANNED = [START + timedelta(days=d) for d in (0, 2, 4, 7, 9, 11)]


def log(
    day: date,
    *,
    completed: bool = True,
    pain: int | None = 2,
    planned: date | None = None,
    items: tuple[LogItemInput, ...] = (),
) -> SessionLog:
    """A session log on `day`."""
    return SessionLog(
        id=day.toordinal(),
        user_id=1,
        session_date=day,
        planned_session=planned,
        program_ref=None,
        routine_id=None,
        completed=completed,
        pain_during=pain,
        pain_next_day=None,
        difficulty=3 if completed else None,
        note="",
        created_at=datetime(2026, 3, 1, tzinfo=UTC),
        items=items,
        idempotency_key=str(day),
        request_hash="",
    )


def test_a_late_session_counts_once_for_the_planned_one_before_it() -> None:
    logs = [log(START + timedelta(days=1)), log(START + timedelta(days=1))]
    assert done_sessions(PLANNED, logs) == {START}
    assert done_sessions(PLANNED, [log(START + timedelta(days=3), planned=PLANNED[1])]) == {
        PLANNED[1]
    }
    assert done_sessions(PLANNED, [log(START, completed=False)]) == set()


def test_adherence_per_week_overall_and_streak() -> None:
    logs = [log(PLANNED[0]), log(PLANNED[2]), log(PLANNED[3]), log(PLANNED[4])]
    weeks, overall, streak = adherence(START, PLANNED, logs, today=PLANNED[5])
    assert [(w.week, w.planned, w.done, w.percent) for w in weeks] == [
        (1, 3, 2, 67),
        (2, 2, 2, 100),
    ]
    assert overall == 80 and streak == 3  # today's session is not due yet: it breaks nothing
    assert adherence(START, PLANNED, [], today=START) == ([], None, 0)


DONE = (LogItemInput(exercise="open-book", sets_done=2, reps_done=8),)
ENDED_AT_ONCE = (LogItemInput(exercise="open-book", sets_done=0, reps_done=0, skipped=True),)


def unrated(day: date, items: tuple[LogItemInput, ...] = DONE) -> SessionLog:
    """A session finished in the player and never rated (saved when its last set ended)."""
    return log(day, completed=False, pain=None, items=items)


def test_a_finished_session_left_unrated_keeps_the_streak() -> None:
    logs = [log(PLANNED[0]), unrated(PLANNED[1]), log(PLANNED[2]), unrated(PLANNED[3])]
    weeks, overall, streak = adherence(START, PLANNED, logs, today=PLANNED[4])
    assert overall == 100 and streak == 4
    assert [w.done for w in weeks] == [3, 1]
    assert missed_in_a_row(PLANNED, logs, today=PLANNED[4]) == 0


def test_a_session_ended_before_any_set_and_not_rated_is_not_done() -> None:
    logs = [log(PLANNED[0]), unrated(PLANNED[1], ENDED_AT_ONCE)]
    assert done_sessions(PLANNED, logs) == {PLANNED[0]}
    assert adherence(START, PLANNED, logs, today=PLANNED[2])[2] == 0


def test_missed_in_a_row_counts_back_from_the_latest_due_session() -> None:
    logs = [log(PLANNED[0]), log(PLANNED[1])]
    assert missed_in_a_row(PLANNED, logs, today=PLANNED[4]) == 2
    assert missed_in_a_row(PLANNED, logs, today=PLANNED[2]) == 0


def test_pain_trend_needs_four_ratings_and_a_one_point_change() -> None:
    days = [START + timedelta(days=d) for d in range(6)]
    assert pain_trend([log(d) for d in days[:3]]).trend == "not enough data"
    falling = pain_trend([log(d, pain=p) for d, p in zip(days, [6, 6, 5, 4, 3, 3], strict=True)])
    assert (falling.trend, falling.earlier_average, falling.recent_average) == (
        "improving",
        5.7,
        3.3,
    )
    flat = pain_trend([log(d, pain=p) for d, p in zip(days, [3, 4, 3, 4, 3, 3], strict=True)])
    assert flat.trend == "steady" and flat.last == 3
    rising = pain_trend([log(d, pain=p) for d, p in zip(days[:4], [1, 1, 1, 4], strict=True)])
    assert rising.trend == "worsening"
