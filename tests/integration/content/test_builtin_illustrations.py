"""Every built-in exercise is drawn: it has poses and a view, and its kit appears in them.

Poses stay optional in the model so people's own content may leave them out; the built-in
library must not.
"""

from __future__ import annotations

import pytest

from midback.content.loader import load_content
from midback.domain.exercise import Exercise

LIBRARY = load_content().exercises
EXERCISES = list(LIBRARY.values())


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_every_builtin_exercise_has_poses_and_a_view(exercise: Exercise) -> None:
    assert exercise.poses, f"{exercise.id} has no poses: add `view:` and `poses:` at its end"
    assert exercise.view is not None


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_the_equipment_is_drawn(exercise: Exercise) -> None:
    drawn = {p.prop for pose in (exercise.poses or {}).values() for p in pose.props}
    missing = {e.value for e in exercise.equipment} - drawn
    assert not missing, f"{exercise.id} lists {sorted(missing)} but its poses do not show it"


@pytest.mark.parametrize(
    "exercise", [e for e in EXERCISES if e.per_side], ids=[e.id for e in EXERCISES if e.per_side]
)
def test_one_sided_exercises_highlight_the_worked_side(exercise: Exercise) -> None:
    assert exercise.view is not None and exercise.view.highlight, exercise.id
