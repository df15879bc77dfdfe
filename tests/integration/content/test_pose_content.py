"""Pose mistakes in content files come back as file, field, line and a plain reason."""

from __future__ import annotations

from midback.content.loader import check_content

from ...conftest import WriteExercise, exercise_data


def test_joint_angle_out_of_range_points_at_its_line(write_exercise: WriteExercise) -> None:
    poses = {"start": {"angles": {"left_elbow_flexion": 175}, "contact": ["feet"]}}
    path = write_exercise(exercise_data("bent-too-far", poses=poses))
    problems = check_content([path.parent.parent], include_builtin=False)[1]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == path and problem.field == "poses.start.angles"
    assert "left_elbow_flexion is 175°, outside the human range 0° to 150°" in problem.message
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and "left_elbow_flexion: 175" in lines[problem.line - 1]


def test_body_through_the_floor_is_reported_on_poses(write_exercise: WriteExercise) -> None:
    poses = {"start": {"contact": ["hands"]}}
    path = write_exercise(exercise_data("upside-down", poses=poses))
    problem = check_content([path.parent.parent], include_builtin=False)[1][0]
    assert problem.field == "poses" and "start: left_foot goes" in problem.message
