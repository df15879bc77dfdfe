"""Issue 11: preparations before the exercise they prepare; few position changes in a part."""

from __future__ import annotations

from hypothesis import given, settings

from midback.content.loader import load_content
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import Plan
from midback.domain.planner import make_plan
from midback.domain.planner.order import UPRIGHT
from midback.domain.profile import Profile

from ...support.planning import TODAY, exercise, library, plan_for, profile, profiles, safety

FEW = settings(max_examples=30, deadline=None)


def prepared_library() -> ExerciseLibrary:
    """The test library plus an extension exercise that names a stretch to do first."""
    base = library()
    opener = exercise("chest-opener", kind="mobility", targets=["extension"], position="standing")
    main = exercise(
        "big-extension",
        targets=["extension"],
        level=1,
        position="standing",
        prepare_with=["chest-opener"],
        dose={"sets": 2, "reps": 8, "reps_max": 12, "rest_s": 20, "seconds_per_rep": 4},
    )
    return ExerciseLibrary([*base.values(), opener, main])


def preparations_precede(plan: Plan, lib: ExerciseLibrary) -> tuple[int, int]:
    """(instances with a preparation in the session, those where it came first)."""
    both = first = 0
    for session in plan.sessions():
        order = [i.exercise for i in session.items]
        for index, exercise_id in enumerate(order):
            preps = set(lib[exercise_id].prepare_with) & set(order)
            if preps and exercise_id not in order[:index]:
                both += 1
                first += all(order.index(p) < index for p in preps)
    return both, first


def test_a_preparation_is_added_before_its_exercise() -> None:
    lib = prepared_library()
    plan = plan_for(profile(minutes_per_day=30), exercises=lib)
    sessions = [s for s in plan.sessions() if any(i.exercise == "big-extension" for i in s.items)]
    assert sessions
    for session in sessions:
        order = [i.exercise for i in session.items]
        assert "chest-opener" in order
        assert order.index("chest-opener") < order.index("big-extension")


@FEW
@given(person=profiles())
def test_preparations_always_precede_their_exercise(person: Profile) -> None:
    lib = prepared_library()
    both, first = preparations_precede(plan_for(person, exercises=lib), lib)
    assert both == first


def test_the_built_in_wall_angel_comes_after_its_preparation() -> None:
    content = load_content()
    person = profile(minutes_per_day=25, equipment=["chair", "stick"])
    plan = make_plan(
        person,
        [],
        program=content.programs["thoracic-8-week"],
        library=content.exercises,
        protocols=content.protocols,
        today=TODAY,
        safety=safety(),
    )
    both, first = preparations_precede(plan, content.exercises)
    assert both > 0 and both == first


def test_positions_are_grouped_within_a_part() -> None:
    plan = plan_for(profile(minutes_per_day=40))
    lib = library()
    for session in plan.sessions():
        for part in {i.part for i in session.items}:
            flags = [
                lib[i.exercise].position not in UPRIGHT for i in session.items if i.part == part
            ]
            changes = sum(a != b for a, b in zip(flags, flags[1:], strict=False))
            assert changes <= 1
