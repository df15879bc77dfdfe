"""Progress keeps what the camera saw as its own series, per exercise and side."""

from __future__ import annotations

from datetime import UTC, date, datetime

from midback.domain.profile import Side
from midback.domain.progress import camera_series
from midback.domain.training import CameraSet, LogItemInput, SessionLog


def _log(day: date, *items: LogItemInput) -> SessionLog:
    return SessionLog(
        id=day.day,
        user_id=1,
        session_date=day,
        planned_session=None,
        program_ref=None,
        routine_id=None,
        completed=True,
        pain_during=1,
        pain_next_day=None,
        difficulty=3,
        note="",
        created_at=datetime(2026, 1, day.day, tzinfo=UTC),
        items=items,
        idempotency_key=str(day),
        request_hash="",
    )


def _item(side: Side, *reached: float | None) -> LogItemInput:
    sets = [
        CameraSet(set=i, measure="shoulder_turn", reps=6, reached_deg=r)
        for i, r in enumerate(reached, start=1)
    ]
    return LogItemInput(exercise="open-book", side=side, sets_done=2, reps_done=6, camera=sets)


def test_each_session_gives_the_median_of_its_counted_sets_oldest_first() -> None:
    later = _log(date(2026, 1, 9), _item(Side.LEFT, 40.0, 44.0, None))
    earlier = _log(date(2026, 1, 2), _item(Side.LEFT, 35.0), _item(Side.RIGHT, 30.0))
    series = camera_series([later, earlier])
    assert [(s.exercise, s.side) for s in series] == [
        ("open-book", Side.LEFT),
        ("open-book", Side.RIGHT),
    ]
    left = series[0]
    assert [(p.day.day, p.reached, p.sets) for p in left.points] == [(2, 35.0, 1), (9, 42.0, 2)]


def test_items_without_camera_readings_make_no_series() -> None:
    plain = LogItemInput(exercise="open-book", sets_done=2, reps_done=6)
    assert camera_series([_log(date(2026, 1, 3), plain, _item(Side.BOTH, None))]) == []
