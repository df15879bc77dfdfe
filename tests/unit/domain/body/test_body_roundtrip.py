"""Forward kinematics and the clinical angles read back from keypoints invert each other."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.body.clinical import CLINICAL_MEASURES, clinical_angles
from midback.domain.body.joints import (
    AXIAL_ANGLES,
    LIMITS,
    SIDED_ANGLES,
    SIDES,
    JointAngles,
    base_name,
    neutral,
)
from midback.domain.body.kinematics import body_orientation, forward, shoulder_swing

TOLERANCE = 0.5
MODEL_ANGLES = [*AXIAL_ANGLES, *(f"{s}_{n}" for s in SIDES for n in SIDED_ANGLES)]


def _domain(name: str) -> tuple[float, float]:
    """Where an angle is defined from keypoints: inside its limits, away from the physical
    blind spots (plane of elevation of a vertical arm; arm rotation with a straight elbow)."""
    base = base_name(name)
    if base == "shoulder_elevation":
        return 5.0, 175.0
    if base == "elbow_flexion":
        return 10.0, 150.0
    if base == "shoulder_plane":
        return -45.0, 135.0
    limit = LIMITS[base]
    return limit.low, limit.high


@st.composite
def poses(draw: st.DrawFn) -> tuple[JointAngles, tuple[float, float, float]]:
    """Any body pose in the measurable domain, turned any way in the room."""
    angles = neutral()
    for name in angles:
        low, high = _domain(name)
        angles[name] = draw(st.floats(low, high, allow_nan=False))
    turn = st.floats(-180, 180, allow_nan=False)
    return angles, (draw(turn), draw(turn), draw(turn))


def _difference(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


@pytest.mark.parametrize("name", MODEL_ANGLES)
@settings(max_examples=25, deadline=None)
@given(pose=poses(), data=st.data())
def test_every_model_angle_is_read_back_from_keypoints(
    name: str, pose: tuple[JointAngles, tuple[float, float, float]], data: st.DataObject
) -> None:
    angles, orientation = pose
    angles[name] = data.draw(st.floats(*_domain(name), allow_nan=False), label=name)
    skeleton = forward(angles, body_orientation(*orientation))
    assert _difference(clinical_angles(skeleton.points)[name], angles[name]) <= TOLERANCE


@pytest.mark.parametrize(
    ("measure", "plane"), [("shoulder_flexion", 0.0), ("shoulder_abduction", 90.0)]
)
@pytest.mark.parametrize("side", SIDES)
@settings(max_examples=40, deadline=None)
@given(pose=poses(), value=st.floats(0, 180, allow_nan=False))
def test_shoulder_flexion_and_abduction_read_the_arm_in_their_plane(
    measure: str,
    plane: float,
    side: str,
    pose: tuple[JointAngles, tuple[float, float, float]],
    value: float,
) -> None:
    angles, orientation = pose
    angles[f"{side}_shoulder_plane"], angles[f"{side}_shoulder_elevation"] = plane, value
    skeleton = forward(angles, body_orientation(*orientation))
    assert _difference(CLINICAL_MEASURES[measure](skeleton.points, side), value) <= TOLERANCE


def test_shoulder_extension_reads_negative_flexion() -> None:
    angles = neutral()
    angles["left_shoulder_plane"], angles["left_shoulder_elevation"] = 180.0, 50.0
    points = forward(angles).points
    assert CLINICAL_MEASURES["shoulder_flexion"](points, "left") == pytest.approx(-50.0)


def test_neutral_pose_stands_upright_with_human_proportions() -> None:
    points = forward(neutral()).points
    height = points["head"][2] + 0.064 * 1.7 - (points["left_heel"][2] - 0.014 * 1.7)
    assert height == pytest.approx(1.70, abs=0.03)
    assert points["left_hip"][1] > 0 > points["right_hip"][1]  # y points to the body's left
    assert points["nose"][0] > points["head"][0]  # x points forward


def test_positive_rotation_and_side_bend_go_to_the_left() -> None:
    angles = neutral()
    angles["thoracic_rotation"] = 30.0
    turned = forward(angles).points
    assert turned["sternum"][1] > 0  # the chest turns towards the left
    angles["thoracic_rotation"], angles["thoracic_side_bend"] = 0.0, 20.0
    assert forward(angles).points["c7"][1] > 0


def test_swing_lifts_the_arm_in_its_plane() -> None:
    forward_ = shoulder_swing(0.0, 90.0)
    sideways = shoulder_swing(90.0, 90.0)
    down = (0.0, 0.0, -1.0)
    assert [round(sum(r[i] * down[i] for i in range(3)), 6) for r in forward_] == [1.0, 0.0, 0.0]
    assert [round(sum(r[i] * down[i] for i in range(3)), 6) for r in sideways] == [0.0, 1.0, 0.0]
    assert math.isclose(sum(forward_[i][i] for i in range(3)), 1.0, abs_tol=1e-9)
