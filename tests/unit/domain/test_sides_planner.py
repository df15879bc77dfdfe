"""The extra set of an asymmetry goes to the limited DIRECTION: only per-side exercises whose
sides are that direction of movement get it (planner rule 5, clinical-facts §2)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.library import ExerciseLibrary
from midback.domain.plan import PlanItem
from midback.domain.sides import SideMovement, Sides

from ...support.planning import items, library, plan_for, profile

ARM = Sides(
    movement=SideMovement.ARM,
    drawn="left",
    left="Lifting your left arm",
    right="Lifting your right arm",
)


def rotation(left: float, right: float) -> list[dict[str, object]]:
    return [
        {"protocol": "rot", "side": "left", "degrees": left},
        {"protocol": "rot", "side": "right", "degrees": right},
    ]


def arm_only_library() -> ExerciseLibrary:
    """The test library with every per-side exercise's sides named by the arm, not a turn."""
    exercises = [
        e.model_copy(update={"directions": ARM}) if e.per_side else e for e in library().values()
    ]
    return ExerciseLibrary(exercises)


def side_sets(plan_items: list[PlanItem]) -> dict[str, int]:
    sets = {"left": 0, "right": 0}
    for item in plan_items:
        if item.target == "rotation" and item.side != "both":
            sets[item.side] += item.sets
    return sets


@settings(max_examples=15, deadline=None)
@given(
    left=st.integers(min_value=10, max_value=60),
    right=st.integers(min_value=10, max_value=60),
)
def test_sides_that_are_not_a_turn_never_get_a_rotation_asymmetry_s_extra_set(
    left: int, right: int
) -> None:
    plan = plan_for(profile(measurements=rotation(left, right)), exercises=arm_only_library())
    sets = side_sets(items(plan, "mobility"))
    assert sets["left"] == sets["right"]


def test_the_limited_direction_gets_the_extra_set_and_says_so() -> None:
    plan = plan_for(profile(measurements=rotation(40, 20)))  # turning right is limited
    sided = [i for i in items(plan, "mobility") if i.target == "rotation" and i.side != "both"]
    assert sided
    sets = side_sets(sided)
    assert sets["right"] > sets["left"]
    assert {i.side_words for i in sided} == {"Turning to your left", "Turning to your right"}
