"""A side is the direction of movement: per-side exercises must say which direction each side
trains, the words must name their side, and the drawn side must match the poses."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.exercise import Exercise
from midback.domain.profile import Side
from midback.domain.sides import SideMovement, Sides, drawn_direction
from midback.domain.vocabulary import Target

from ...conftest import SIDE_DIRECTIONS, exercise_data

POSES: dict[str, Any] = {
    "start": {"angles": {}, "contact": ["feet"]},
    "end": {"angles": {"thoracic_rotation": -40}, "contact": ["feet"]},
}


def test_a_per_side_exercise_without_directions_is_refused() -> None:
    data = exercise_data(per_side=True)
    del data["directions"]
    with pytest.raises(ValidationError, match="which direction each side trains"):
        Exercise.model_validate(data)


def test_directions_on_an_exercise_without_sides_are_refused() -> None:
    with pytest.raises(ValidationError, match="only for per-side exercises"):
        Exercise.model_validate(exercise_data(directions=SIDE_DIRECTIONS))


@pytest.mark.parametrize(
    ("left", "right", "problem"),
    [
        ("Turning to your right", "Turning to your right", "left side must say 'left'"),
        ("Turning left", "Turning to your left", "right side must say 'right'"),
        ("Left or right turn", "Turning to your right", "side name 'right'"),
    ],
)
def test_the_words_for_a_side_name_that_side_only(left: str, right: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        Sides(movement=SideMovement.ROTATION, drawn="left", left=left, right=right)


def test_a_set_up_in_brackets_may_name_the_other_side() -> None:
    sides = Sides(
        movement=SideMovement.ROTATION,
        drawn="left",
        left="Turning to your left (lying on your right side)",
        right="Turning to your right (lying on your left side)",
    )
    assert sides.words(Side.LEFT).startswith("Turning to your left")
    assert sides.words(Side.BOTH) == ""


def test_the_drawn_side_must_match_the_last_pose() -> None:
    wrong = {**SIDE_DIRECTIONS, "drawn": "left"}  # the last pose turns right (negative)
    with pytest.raises(ValidationError, match="turns or bends to the right"):
        Exercise.model_validate(exercise_data(per_side=True, directions=wrong, poses=POSES))
    right = {**SIDE_DIRECTIONS, "drawn": "right"}
    exercise = Exercise.model_validate(exercise_data(per_side=True, directions=right, poses=POSES))
    assert exercise.directions is not None
    assert exercise.directions.mirrored(Side.LEFT)
    assert not exercise.directions.mirrored(Side.RIGHT)
    assert not exercise.directions.mirrored(Side.BOTH)


def test_spine_angles_are_positive_to_the_left() -> None:
    assert drawn_direction(SideMovement.ROTATION, {"thoracic_rotation": 30}) == "left"
    assert drawn_direction(SideMovement.SIDE_BEND, {"thoracic_side_bend": -20}) == "right"
    assert drawn_direction(SideMovement.SIDE_BEND, {"thoracic_rotation": 30}) is None
    assert drawn_direction(SideMovement.ARM, {"thoracic_rotation": 30}) is None


def test_only_trunk_movements_train_a_direction() -> None:
    turn = Sides(movement=SideMovement.ROTATION, drawn="left", left="Left turn", right="Right turn")
    bend = Sides(
        movement=SideMovement.SIDE_BEND, drawn="left", left="Left lean", right="Right lean"
    )
    arm = Sides(movement=SideMovement.ARM, drawn="left", left="Left arm", right="Right arm")
    assert turn.trains(Target.ROTATION) and not turn.trains(Target.SIDE_BENDING)
    assert bend.trains(Target.SIDE_BENDING) and not bend.trains(Target.ROTATION)
    assert not arm.trains(Target.ROTATION) and not arm.trains(Target.SHOULDER_FLEXION)
