"""Progress keeps what the camera saw as its own series, per exercise and side."""

from __future__ import annotations

from datetime import date

from midback.domain.profile import Side
from midback.domain.progress import camera_series
from midback.domain.training import CameraSet, LogItemInput


def _item(side: Side, *reached: float | None) -> LogItemInput:
    sets = [
        CameraSet(set=i, measure="shoulder_turn", reps=6, reached_deg=r)
        for i, r in enumerate(reached, start=1)
    ]
    return LogItemInput(exercise="open-book", side=side, sets_done=2, reps_done=6, camera=sets)


def test_each_session_gives_the_median_of_its_counted_sets() -> None:
    items = [
        (date(2026, 1, 2), _item(Side.LEFT, 35.0)),
        (date(2026, 1, 2), _item(Side.RIGHT, 30.0)),
        (date(2026, 1, 9), _item(Side.LEFT, 40.0, 44.0, None)),
    ]
    series = camera_series(items)
    assert [(s.exercise, s.side) for s in series] == [
        ("open-book", Side.LEFT),
        ("open-book", Side.RIGHT),
    ]
    left = series[0]
    assert left.measure == "shoulder_turn"
    assert [(p.day.day, p.reached, p.sets) for p in left.points] == [(2, 35.0, 1), (9, 42.0, 2)]


def test_items_without_camera_readings_make_no_series() -> None:
    plain = LogItemInput(exercise="open-book", sets_done=2, reps_done=6)
    assert (
        camera_series([(date(2026, 1, 3), plain), (date(2026, 1, 3), _item(Side.BOTH, None))]) == []
    )
