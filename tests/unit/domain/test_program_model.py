"""Program templates are validated like exercises: weeks, steps, parts and shares must fit."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.planner.dosing import HOLD_CAP_S, OLDER_HOLD_CAP_S, step_dose
from midback.domain.planner.schedule import session_dates, week_offsets
from midback.domain.program import ProgressionStep

from ...support.planning import START, exercise, program


def weeks(*steps: int, lighter: int | None = None) -> list[dict[str, Any]]:
    return [
        {
            "name": "All",
            "focus": "Everything at once.",
            "weeks": [
                {"week": i, "step": s, "lighter": i == lighter} for i, s in enumerate(steps, 1)
            ],
        }
    ]


def problem(**overrides: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        program(**overrides)
    return str(caught.value)


def test_the_test_program_is_valid() -> None:
    template = program()
    assert len(template.weeks()) == 8
    assert template.main_part() is not None and template.main_part().id == "mobility"  # type: ignore[union-attr]
    assert template.step(99) == template.steps[-1]


def test_weeks_are_numbered_in_order() -> None:
    phases = weeks(1, 2)
    phases[0]["weeks"][1]["week"] = 3
    assert "numbered 1, 2, 3" in problem(phases=phases)


def test_a_week_cannot_use_a_step_that_does_not_exist() -> None:
    assert "uses step 9; there are 8" in problem(phases=weeks(1, 9))


def test_going_back_a_step_needs_a_lighter_week() -> None:
    assert "without being marked lighter" in problem(phases=weeks(1, 3, 2, 4))
    program(phases=weeks(1, 3, 2, 4, lighter=3))
    assert "must use a lower step" in problem(phases=weeks(1, 3, 3, 4, lighter=3))


def test_the_last_week_must_be_harder_than_the_first() -> None:
    assert "harder step than the first" in problem(phases=weeks(2, 2))


def test_steps_must_climb() -> None:
    steps = [{"level": 2, "reps": 0.5}, {"level": 2, "reps": 0.5}]
    assert "step 2 is not harder than step 1" in problem(steps=steps, phases=weeks(1, 2))


def test_part_shares_add_up_to_one() -> None:
    parts = program().model_dump()["parts"]
    parts[0]["share"] = 0.5
    assert "add up to 1.35" in problem(parts=parts)


def test_primary_targets_must_be_trained_by_the_main_part() -> None:
    assert "primary_targets ['flexion']" in problem(primary_targets=["flexion"])


def test_unknown_targets_and_kinds_are_errors() -> None:
    parts = program().model_dump()["parts"]
    parts[1]["targets"] = ["extension", "twisting"]
    parts[2]["kinds"] = ["yoga"]
    text = problem(parts=parts)
    assert "parts.1.targets.1" in text and "parts.2.kinds.0" in text


def test_step_dose_moves_within_the_reps_range_and_caps_holds() -> None:
    held = exercise("held", dose={"sets": 1, "reps": 2, "reps_max": 4, "hold_s": 25})
    top = ProgressionStep(level=3, reps=1.0, hold=2.0, extra_sets=1)
    dose = step_dose(held, top, age=40)
    assert (dose.sets, dose.reps, dose.hold_s) == (2, 4, HOLD_CAP_S)
    assert step_dose(held, top, age=70).hold_s == min(50, OLDER_HOLD_CAP_S)
    assert step_dose(held, ProgressionStep(level=1, reps=0.0), age=None).reps == 2


def test_sessions_are_spread_evenly_through_each_week() -> None:
    assert week_offsets(1) == [0]
    assert week_offsets(3) == [0, 2, 4]
    assert week_offsets(7) == list(range(7))
    dates = session_dates(START, 2, 2)
    assert [(d - START).days for week in dates for d in week] == [0, 3, 7, 10]
