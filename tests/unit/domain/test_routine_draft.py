"""The routine builder's draft: rows as typed, moves, and the routine it saves as."""

from __future__ import annotations

from typing import Any

from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary
from midback.domain.routine_draft import (
    RoutineDraft,
    Row,
    add,
    apply,
    estimate,
    from_form,
    moved_to,
    to_input,
)

from ...conftest import exercise_data


def make(exercise_id: str, **overrides: Any) -> Exercise:
    return Exercise.model_validate(exercise_data(exercise_id, **overrides))


TWIST = make("twist", per_side=True)
REACH = make("reach")
LIBRARY = ExerciseLibrary([TWIST, REACH])
DRAFT = add(RoutineDraft("Desk"), [TWIST, REACH])


def names(draft: RoutineDraft) -> list[str]:
    return [row.exercise for row in draft.rows]


def test_rows_start_at_the_exercise_dose_and_move_up_down_and_out() -> None:
    assert DRAFT.rows[1] == Row("reach", "both", "2", "8", "0", "30")
    assert names(apply(DRAFT, "down:0")) == ["reach", "twist"]
    assert names(apply(DRAFT, "up:1")) == ["reach", "twist"]
    assert names(apply(DRAFT, "up:0")) == ["twist", "reach"]  # already first
    assert names(apply(DRAFT, "remove:0")) == ["reach"]
    assert apply(DRAFT, "down:9") == DRAFT and apply(DRAFT, "nonsense") == DRAFT
    assert (
        moved_to("down:0", 2) == 1 and moved_to("up:0", 2) == 0 and moved_to("remove:1", 2) is None
    )


def test_a_posted_form_reads_back_row_by_row() -> None:
    form = {"name": [" Desk "], "exercise": ["twist", "reach"], "side": ["left"],
            "sets": ["3", "2"], "reps": ["5", "8"], "hold_s": ["0", "0"],
            "rest_s": ["10", "30"]}  # fmt: skip
    draft = from_form(form)
    assert draft.name == "Desk" and draft.rows[0] == Row("twist", "left", "3", "5", "0", "10")
    assert draft.rows[1].side == ""  # a missing value stays missing, and reads as both
    routine, errors = to_input(draft, LIBRARY)
    assert not errors and routine is not None
    assert [(i.exercise, i.side.value, i.sets) for i in routine.items] == [
        ("twist", "left", 3), ("reach", "both", 2)
    ]  # fmt: skip


def test_problems_are_tied_to_their_row_and_field() -> None:
    bad = RoutineDraft("", (Row("twist", sets="11"), Row("reach", reps="x"), Row("gone")))
    routine, errors = to_input(bad, LIBRARY)
    assert routine is None
    assert set(errors) == {"name", "items.0.sets", "items.1.reps", "items.2.exercise"}
    assert to_input(RoutineDraft("Empty"), LIBRARY)[1] == {"items": "Add at least one exercise."}


def test_the_estimate_counts_both_sides_and_only_valid_rows() -> None:
    both = estimate(DRAFT, LIBRARY)
    one_side = estimate(RoutineDraft("x", (Row("twist", side="left"), DRAFT.rows[1])), LIBRARY)
    assert both is not None and one_side is not None and both > one_side
    assert estimate(RoutineDraft("x", (Row("reach", sets="x"),)), LIBRARY) is None
