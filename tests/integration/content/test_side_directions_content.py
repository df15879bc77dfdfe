"""Content validation refuses a per-side exercise that does not say which direction each side
trains, and words that do not name their side."""

from __future__ import annotations

from pathlib import Path

from midback.content.loader import check_content

from ...conftest import SIDE_DIRECTIONS, WriteExercise, exercise_data


def test_a_per_side_exercise_without_directions_fails_validation(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    data = exercise_data("one-sided", per_side=True)
    del data["directions"]
    write_exercise(data)
    _, problems = check_content([content_dir], include_builtin=False)
    assert len(problems) == 1
    assert "which direction each side trains" in problems[0].message
    assert problems[0].file.name == "one-sided.yaml"


def test_side_words_that_name_the_wrong_side_fail_validation(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    wrong = {**SIDE_DIRECTIONS, "left": "Turning to your right"}
    write_exercise(exercise_data("mixed-up", per_side=True, directions=wrong))
    _, problems = check_content([content_dir], include_builtin=False)
    assert len(problems) == 1
    assert "must say 'left'" in problems[0].message
    assert problems[0].field.startswith("directions")


def test_a_per_side_exercise_with_directions_loads(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("two-sided", per_side=True))
    _, problems = check_content([content_dir], include_builtin=False)
    assert problems == []
