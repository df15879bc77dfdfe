"""What a protocol reads from the phone: tilt against gravity, or twist about the vertical.

- **Tilt** (accelerometer/gravity, like a digital inclinometer): the turn of the gravity vector,
  seen from the phone, about one of the phone's own axes. That axis must stay roughly horizontal:
  when it points near the vertical, gravity hardly moves however the phone turns, which is why a
  phone lying flat can never read a turn about the vertical this way (`TiltUnreadable`).
- **Twist** (gyroscope orientation): the turn about the Earth's vertical between two
  orientations, from the quaternion of the change (swing-twist split): 2·atan2(q.z, q.w). It
  stays right when the phone stands upright, where Euler angles fail.
- **Two-point** (e.g. thoracic extension at T1 and T12): the tilt at the upper point minus the
  tilt at the lower point, so the lower spine's share is taken out.
"""

from __future__ import annotations

import math
from enum import StrEnum

from midback.domain.inclinometer.quaternion import Quaternion, Vector

MIN_PLANE_SHARE = 0.5
"""Gravity must lie at least this much (sin 30°) across the reading axis: nearer the vertical,
the phone's tilt sensor sees almost no change and noise dominates."""


class Axis(StrEnum):
    """One of the phone's own axes: x across the screen, y along it, z out of the screen."""

    X = "x"
    Y = "y"
    Z = "z"

    def unit(self) -> Vector:
        """The axis as a unit vector in the phone's frame."""
        return {"x": (1.0, 0.0, 0.0), "y": (0.0, 1.0, 0.0), "z": (0.0, 0.0, 1.0)}[self.value]


class TiltUnreadable(ValueError):
    """The phone is held so that its reading axis is near the vertical: the tilt means nothing."""


def wrap(degrees: float) -> float:
    """An angle brought into (-180°, 180°]."""
    wrapped = math.fmod(degrees, 360.0)
    if wrapped <= -180.0:
        wrapped += 360.0
    elif wrapped > 180.0:
        wrapped -= 360.0
    return wrapped


def unwrap(previous: float, degrees: float) -> float:
    """`degrees` plus the whole turns that bring it nearest `previous` (a reading passing 180°
    keeps counting instead of jumping to -180°)."""
    return previous + wrap(degrees - previous)


def _dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vector, b: Vector) -> Vector:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _across(gravity: Vector, axis: Vector) -> Vector:
    """Gravity with its part along `axis` removed, checked to be long enough to read."""
    length = math.sqrt(_dot(gravity, gravity))
    if length == 0:
        raise TiltUnreadable("no gravity reading")
    along = _dot(gravity, axis)
    flat = (
        gravity[0] - along * axis[0],
        gravity[1] - along * axis[1],
        gravity[2] - along * axis[2],
    )
    if math.sqrt(_dot(flat, flat)) < MIN_PLANE_SHARE * length:
        raise TiltUnreadable("the phone's reading axis points too close to the vertical")
    return flat


def tilt_about(start: Vector, now: Vector, axis: Axis) -> float:
    """The signed turn (degrees) of the phone about its own `axis` from `start` to `now`, given
    the gravity (or resting accelerometer) vector each time, in the phone's frame."""
    a = axis.unit()
    p0, p1 = _across(start, a), _across(now, a)
    # Gravity turns the opposite way to the phone, seen from the phone: hence the minus.
    return -math.degrees(math.atan2(_dot(_cross(p0, p1), a), _dot(p0, p1)))


def twist_about_vertical(start: Quaternion, now: Quaternion) -> float:
    """The signed turn (degrees, counter-clockwise seen from above) about the Earth's vertical
    between two orientations, whatever way up the phone is held."""
    change = now.relative_to(start)
    return wrap(math.degrees(2 * math.atan2(change.z, change.w)))


def two_point(upper: tuple[Vector, Vector], lower: tuple[Vector, Vector], axis: Axis) -> float:
    """The range between two spine points: the upper point's tilt minus the lower point's,
    counted in the direction the upper point moved (each point as its start and end gravity)."""
    top = tilt_about(upper[0], upper[1], axis)
    bottom = tilt_about(lower[0], lower[1], axis)
    direction = 1.0 if top >= 0 else -1.0
    return direction * (top - bottom)
