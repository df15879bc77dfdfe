"""Guided sessions: items per side at library or planned doses, their time, and feedback."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.exercise import SETUP_SECONDS_PER_SET, Exercise
from midback.domain.guided import (
    PainZone,
    SessionFeedback,
    items_for_exercises,
    items_for_plan,
    items_for_routine,
    log_input,
    pain_zone,
    planned_results,
    session_seconds,
)
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import PlanItem
from midback.domain.planner.dosing import TRANSITION_SECONDS
from midback.domain.profile import Side
from midback.domain.training import RoutineItem
from midback.domain.vocabulary import Target

from ...conftest import exercise_data


def make(exercise_id: str, **overrides: Any) -> Exercise:
    return Exercise.model_validate(exercise_data(exercise_id, **overrides))


TWIST = make(
    "twist",
    per_side=True,
    dose={"sets": 1, "reps": 2, "hold_s": 20, "rest_s": 15, "seconds_per_rep": 5},
    cues=["Turn from the ribs.", "Breathe out as you turn."],
)
REACH = make("reach")  # 2 sets × 8 reps at 4 s, 30 s rest


def test_a_per_side_exercise_plays_left_then_right_at_its_own_dose() -> None:
    items = items_for_exercises([TWIST, REACH])
    assert [(i.exercise_id, i.side) for i in items] == [
        ("twist", Side.LEFT),
        ("twist", Side.RIGHT),
        ("reach", Side.BOTH),
    ]
    left = items[0]
    assert (left.sets, left.reps, left.hold_s, left.rest_s) == (1, 2, 20, 15)
    assert left.cue == "Turn from the ribs." and left.steps == TWIST.steps
    assert left.avoid == TWIST.avoid


def test_session_time_counts_each_side_and_the_moves_between_items() -> None:
    items = items_for_exercises([TWIST, REACH])
    per_side = 2 * (20 + 5) + SETUP_SECONDS_PER_SET
    reach = 2 * (8 * 4 + SETUP_SECONDS_PER_SET) + 30
    assert session_seconds(items) == 2 * per_side + reach + 2 * TRANSITION_SECONDS
    assert session_seconds([]) == 0
    assert items[2].describe() == "2 sets × 8 reps · 30 s rest"


def test_planned_items_keep_the_planners_doses_sides_and_notes() -> None:
    planned = PlanItem(
        exercise="twist",
        part="main",
        target=Target.ROTATION,
        side=Side.RIGHT,
        sets=2,
        reps=3,
        hold_s=25,
        rest_s=20,
        notes=["Your right side gets an extra set."],
    )
    (item,) = items_for_plan([planned], ExerciseLibrary([TWIST]))
    assert (item.side, item.sets, item.reps, item.hold_s, item.rest_s) == (Side.RIGHT, 2, 3, 25, 20)
    assert item.seconds_per_rep == 5 and item.notes == ["Your right side gets an extra set."]


@pytest.mark.parametrize(
    ("pain", "zone"),
    [(0, PainZone.GO), (3, PainZone.GO), (4, PainZone.CAUTION), (5, PainZone.CAUTION),
     (6, PainZone.STOP), (10, PainZone.STOP)],
)  # fmt: skip
def test_pain_zones_follow_the_clinic_traffic_lights(pain: int, zone: PainZone) -> None:
    assert pain_zone(pain) == zone


def test_feedback_is_checked() -> None:
    good = {
        "session_key": "k" * 43,
        "exercises": ["twist"],
        "pain_during": 0,
        "difficulty": 1,
    }
    assert SessionFeedback.model_validate(good).note == ""
    for bad in (
        {"pain_during": 11},
        {"difficulty": 0},
        {"session_key": "short"},
        {"exercises": []},
        {"note": "x" * 1001},
        {"when": date(2025, 1, 1)},
    ):
        with pytest.raises(ValidationError):
            SessionFeedback.model_validate({**good, **bad})


def test_a_routine_plays_both_sides_or_the_side_it_names_at_its_own_dose() -> None:
    library = ExerciseLibrary([TWIST, REACH])
    items = items_for_routine(
        [RoutineItem(exercise="twist", sets=3, reps=4, hold_s=5, rest_s=10),
         RoutineItem(exercise="twist", side=Side.RIGHT, sets=1, reps=1),
         RoutineItem(exercise="gone", sets=1, reps=1),
         RoutineItem(exercise="reach", sets=1, reps=12)],
        library,
    )  # fmt: skip
    assert [(i.exercise_id, i.side) for i in items] == [
        ("twist", Side.LEFT), ("twist", Side.RIGHT), ("twist", Side.RIGHT), ("reach", Side.BOTH)
    ]  # fmt: skip
    assert (items[0].sets, items[0].reps, items[0].hold_s, items[0].rest_s) == (3, 4, 5, 10)


def test_a_finished_session_becomes_a_log_with_what_was_done() -> None:
    items = items_for_exercises([TWIST, REACH])
    results = planned_results(items)
    assert [(r.sets_done, r.reps_done, r.hold_s) for r in results][0] == (1, 2, 20)
    skipped = results[2].model_copy(update={"sets_done": 0, "skipped": True})
    feedback = SessionFeedback(
        session_key="k" * 20, exercises=["twist", "reach"], pain_during=2, difficulty=5,
        planned_session=date(2025, 3, 3), results=[*results[:2], skipped], painful=["twist"],
    )  # fmt: skip
    body = log_input(feedback, date(2025, 3, 4))
    assert body.completed and body.session_date == date(2025, 3, 4)
    assert body.planned_session == date(2025, 3, 3) and body.routine_id is None
    assert [i.painful for i in body.items] == [True, True, False] and body.items[2].skipped
    nothing = feedback.model_copy(update={"results": [skipped]})
    assert not log_input(nothing, date(2025, 3, 4)).completed


def test_a_session_ended_before_any_set_is_not_completed() -> None:
    from midback.domain.guided import session_completed
    from midback.domain.training import LogItemInput

    skipped = LogItemInput(
        exercise="open-book", side=Side.LEFT, sets_done=0, reps_done=0, skipped=True
    )
    done = LogItemInput(exercise="open-book", side=Side.RIGHT, sets_done=1, reps_done=8)
    assert session_completed([]) is True
    assert session_completed([skipped]) is False
    assert session_completed([skipped, done]) is True


def test_a_later_days_session_ended_before_any_set_keeps_no_planned_date() -> None:
    items = items_for_exercises([TWIST])
    skipped = [
        r.model_copy(update={"sets_done": 0, "skipped": True}) for r in planned_results(items)
    ]
    feedback = SessionFeedback(
        session_key="k" * 20, exercises=["twist"], pain_during=2, difficulty=5,
        planned_session=date(2025, 3, 6), results=skipped,
    )  # fmt: skip
    ended = log_input(feedback, date(2025, 3, 4))
    assert not ended.completed and ended.planned_session is None
    missed = log_input(feedback, date(2025, 3, 7))  # that day has passed: a missed session
    assert not missed.completed and missed.planned_session == date(2025, 3, 6)
    done = feedback.model_copy(update={"results": planned_results(items)})
    assert log_input(done, date(2025, 3, 4)).planned_session == date(2025, 3, 6)
