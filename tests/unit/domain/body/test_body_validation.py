"""Pose validation: every joint-limit error names the joint, the value and the allowed range."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.body.joints import LIMITS, limit_for, resolve
from midback.domain.body.pose import Pose, Prop, View
from midback.domain.exercise import Exercise

from ....conftest import exercise_data


def _pose_error(**fields: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Pose.model_validate({"contact": ["feet"], **fields})
    return str(caught.value)


@pytest.mark.parametrize("joint", sorted(LIMITS))
@pytest.mark.parametrize("beyond", ["low", "high"])
def test_angle_outside_the_table_names_joint_value_and_range(joint: str, beyond: str) -> None:
    limit = LIMITS[joint]
    value = limit.low - 5 if beyond == "low" else limit.high + 5
    message = _pose_error(angles={joint: value})
    assert f"{joint} is {value:g}°" in message
    assert f"{limit.low:g}° to {limit.high:g}°" in message


def test_sided_angle_names_its_side() -> None:
    message = _pose_error(angles={"right_knee_flexion": 170})
    assert "right_knee_flexion is 170°" in message and "-5° to 160°" in message


def test_unknown_angle_suggests_the_closest_names() -> None:
    message = _pose_error(angles={"thoracic_rotaton": 20})
    assert "unknown angle 'thoracic_rotaton'" in message and "thoracic_rotation" in message


def test_shoulder_shorthands_cannot_be_mixed() -> None:
    message = _pose_error(angles={"shoulder_flexion": 90, "shoulder_abduction": 90})
    assert "give one of shoulder_flexion, shoulder_abduction" in message


def test_shoulder_elevation_behind_the_body_is_limited() -> None:
    message = _pose_error(angles={"left_shoulder_plane": 170, "left_shoulder_elevation": 150})
    assert "left shoulder: elevation 150° in plane 170°" in message


def test_every_problem_is_reported_at_once() -> None:
    problems = resolve({"elbow_flexion": 200, "hip_flexion": -90, "wrist_flex": 3})[1]
    assert len(problems) == 3


def test_per_side_values_win_over_both_sides() -> None:
    angles = resolve({"knee_flexion": 30, "left_knee_flexion": 90})[0]
    assert (angles["left_knee_flexion"], angles["right_knee_flexion"]) == (90, 30)


def test_shorthands_resolve_to_plane_and_elevation() -> None:
    angles = resolve({"shoulder_flexion": -40, "right_shoulder_abduction": 120})[0]
    assert (angles["left_shoulder_plane"], angles["left_shoulder_elevation"]) == (180, 40)
    assert (angles["right_shoulder_plane"], angles["right_shoulder_elevation"]) == (90, 120)


def test_every_limit_cites_a_source() -> None:
    assert all(len(limit.source) > 10 for limit in LIMITS.values())
    assert limit_for("left_hip_flexion") is LIMITS["hip_flexion"]


def test_contact_must_name_body_parts() -> None:
    assert "unknown body part(s) ['toes']" in _pose_error(contact=["toes"])
    assert "at least 1 item" in _pose_error(contact=[])


@pytest.mark.parametrize(
    ("prop", "fragment"),
    [
        ({"prop": "wall"}, "needs `side`"),
        ({"prop": "ball", "side": "left"}, "needs `side` and at least one part"),
        ({"prop": "foam_roller"}, "needs `under`"),
        ({"prop": "stick", "touching": ["feet"]}, "may list only hands"),
        ({"prop": "wall", "side": "behind", "touching": ["wing"]}, "unknown body part(s) ['wing']"),
        ({"prop": "trampoline"}, "'wall'"),
    ],
)
def test_props_must_fit_their_kind(prop: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Prop.model_validate(prop)
    assert fragment in str(caught.value)


def test_view_accepts_a_camera_name_or_angles() -> None:
    assert View.model_validate("front").angles() == (0.0, 0.0)
    assert View.model_validate({"azimuth": -45, "elevation": 20}).angles() == (-45.0, 20.0)
    with pytest.raises(ValidationError):
        View.model_validate("underneath")


def test_exercise_poses_are_optional_and_validated() -> None:
    assert Exercise.model_validate(exercise_data()).poses is None
    data = exercise_data(poses={"start": {"angles": {"elbow_flexion": 170}, "contact": ["feet"]}})
    with pytest.raises(ValidationError) as caught:
        Exercise.model_validate(data)
    error = caught.value.errors()[0]
    assert error["loc"] == ("poses", "start", "angles")
    assert "elbow_flexion is 170°" in error["msg"]


def test_keyframes_are_named_and_counted() -> None:
    pose = {"contact": ["feet"]}
    with pytest.raises(ValidationError):
        Exercise.model_validate(exercise_data(poses={}))
    with pytest.raises(ValidationError):
        Exercise.model_validate(exercise_data(poses={"Start Here": pose}))
    five = {f"k{i}": pose for i in range(5)}
    with pytest.raises(ValidationError):
        Exercise.model_validate(exercise_data(poses=five))
