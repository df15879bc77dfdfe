"""The exercise model: field rules, dose arithmetic and its plain reading."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.exercise import SETUP_SECONDS_PER_SET, Dose, Exercise, describe_dose
from midback.domain.vocabulary import Precaution

from ...conftest import exercise_data


def test_valid_data_makes_an_exercise() -> None:
    exercise = Exercise.model_validate(exercise_data())
    assert exercise.id == "test-reach"
    assert exercise.sides() == 1


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"id": "Wall_Angel"}, "pattern"),
        ({"targets": []}, "at least 1"),
        ({"targets": ["extension", "extension"]}, "same value twice"),
        ({"targets": ["twisting"]}, "extension"),
        ({"position": "hanging"}, "standing"),
        ({"equipment": ["kettlebell"]}, "foam_roller"),
        ({"level": 4}, "less than or equal to 3"),
        ({"steps": ["Only one step."]}, "at least 2"),
        ({"regressions": ["test-reach"]}, "its own regression"),
        ({"regressions": ["a-b"], "progressions": ["a-b"]}, "both regression and progression"),
        ({"colour": "red"}, "Extra inputs"),
        ({"dose": {"sets": 0, "reps": 5}}, "greater than or equal to 1"),
        ({"dose": {"sets": 1, "reps": 10, "reps_max": 5}}, "below reps"),
        ({"dose": {"sets": 1, "reps": 5, "hold_s": 900}}, "less than or equal to 300"),
    ],
)
def test_invalid_fields_are_rejected(overrides: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Exercise.model_validate(exercise_data(**overrides))


def test_precautions_name_each_condition_once() -> None:
    rule = {"condition": "osteoporosis", "action": "avoid", "note": "No loaded work."}
    with pytest.raises(ValidationError, match="same condition twice"):
        Exercise.model_validate(exercise_data(precautions=[rule, rule]))
    exercise = Exercise.model_validate(exercise_data(precautions=[rule]))
    found = exercise.precaution_for(Precaution.OSTEOPOROSIS)
    assert found is not None and found.action == "avoid"
    assert exercise.precaution_for(Precaution.PREGNANCY) is None


def test_dose_time_counts_work_setup_and_rests_between_sets() -> None:
    dose = Dose(sets=2, reps=10, rest_s=30, seconds_per_rep=4)
    set_seconds = 10 * 4 + SETUP_SECONDS_PER_SET
    assert dose.seconds() == 2 * set_seconds + 30
    assert dose.seconds(sides=2) == 4 * set_seconds + 3 * 30


def test_a_held_rep_lasts_its_hold_plus_moving_in_and_out() -> None:
    dose = Dose(sets=1, reps=3, hold_s=5, seconds_per_rep=2)
    assert dose.rep_seconds() == 7
    assert dose.seconds() == 3 * 7 + SETUP_SECONDS_PER_SET


def test_per_side_exercise_doubles_its_time() -> None:
    one = Exercise.model_validate(exercise_data())
    both = Exercise.model_validate(exercise_data(per_side=True))
    assert both.estimated_seconds() > 2 * one.estimated_seconds() - 1


@pytest.mark.parametrize(
    ("dose", "per_side", "expected"),
    [
        (Dose(sets=2, reps=10, reps_max=15, rest_s=30), False, "2 sets × 10–15 reps · 30 s rest"),
        (Dose(sets=1, reps=3, hold_s=5), True, "1 set × 3 × 5 s hold · each side"),
    ],
)
def test_dose_reads_plainly(dose: Dose, per_side: bool, expected: str) -> None:
    assert describe_dose(dose, per_side) == expected


def test_search_text_includes_aliases_and_targets() -> None:
    exercise = Exercise.model_validate(
        exercise_data(aliases=["snow angel"], targets=["side_bending"])
    )
    text = exercise.searchable_text()
    assert "snow angel" in text and "side bending" in text
