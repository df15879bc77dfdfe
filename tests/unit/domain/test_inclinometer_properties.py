"""Properties of the phone maths over random orientations (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from midback.domain.inclinometer import Axis, Quaternion, tilt_about, twist_about_vertical
from midback.domain.inclinometer.readings import wrap

UP = (0.0, 0.0, 9.80665)

unit = st.floats(-1, 1, allow_nan=False)
angles = st.floats(-179, 179, allow_nan=False)


@st.composite
def rotations(draw: st.DrawFn) -> Quaternion:
    """A random rotation (the axis drawn from a cube, the angle from -180° to 180°)."""
    axis = (draw(unit), draw(unit), draw(unit))
    if math.sqrt(sum(c * c for c in axis)) < 1e-3:
        axis = (0.0, 0.0, 1.0)
    return Quaternion.about_axis(axis, draw(st.floats(-180, 180, allow_nan=False)))


def _gravity(orientation: Quaternion) -> tuple[float, float, float]:
    return orientation.inverse().rotate(UP)


@given(rotations(), rotations())
def test_a_composed_rotation_is_recovered(start: Quaternion, turn: Quaternion) -> None:
    now = turn * start
    assert now.relative_to(start).angle_to(turn) < 0.1


@given(rotations(), angles)
def test_a_turn_about_the_vertical_is_recovered_from_any_start(
    start: Quaternion, degrees: float
) -> None:
    now = Quaternion.about_axis((0, 0, 1), degrees) * start
    assert abs(wrap(twist_about_vertical(start, now) - degrees)) < 0.1


@given(
    heading=st.floats(-180, 180, allow_nan=False),
    pitch=st.floats(80, 100, allow_nan=False),
    roll=st.floats(-10, 10, allow_nan=False),
    degrees=st.floats(-90, 90, allow_nan=False),
)
def test_an_upright_phone_reads_the_twist(
    heading: float, pitch: float, roll: float, degrees: float
) -> None:
    """Held upright against the chest (pitch near 90°, where Euler angles fail)."""
    start = Quaternion.from_device_orientation(heading, pitch, roll)
    now = Quaternion.about_axis((0, 0, 1), degrees) * start
    assert abs(wrap(twist_about_vertical(start, now) - degrees)) < 0.1


@given(rotations(), st.sampled_from(list(Axis)), angles)
def test_a_tilt_about_a_horizontal_phone_axis_is_recovered(
    start: Quaternion, axis: Axis, degrees: float
) -> None:
    axis_in_world = start.rotate(axis.unit())
    # Only a phone axis well away from the vertical can be read by tilt (see TiltUnreadable).
    assume(abs(axis_in_world[2]) <= 0.8)
    now = start * Quaternion.about_axis(axis.unit(), degrees)
    assert abs(wrap(tilt_about(_gravity(start), _gravity(now), axis) - degrees)) < 0.1


def test_quaternion_rejects_a_zero_axis() -> None:
    with pytest.raises(ValueError):
        Quaternion.about_axis((0, 0, 0), 10)
