"""Unit quaternions for a phone's orientation, as the browser's orientation sensors give them.

A reading `q` (x, y, z, w) turns the phone's own axes into the Earth's (x east, y north, z up).
Quaternions have no gimbal lock: Euler angles (alpha, beta, gamma) break down when the phone
stands upright (beta near 90°), which is exactly how it is held against the chest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Vector = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Quaternion:
    """A rotation as x, y, z (the axis times sin(angle/2)) and w (cos(angle/2))."""

    x: float
    y: float
    z: float
    w: float

    @classmethod
    def identity(cls) -> Quaternion:
        """No rotation."""
        return cls(0.0, 0.0, 0.0, 1.0)

    @classmethod
    def about_axis(cls, axis: Vector, degrees: float) -> Quaternion:
        """A turn of `degrees` about `axis` (any length but zero), right-handed."""
        ax, ay, az = axis
        length = math.sqrt(ax * ax + ay * ay + az * az)
        if length == 0:
            raise ValueError("the axis has no direction")
        half = math.radians(degrees) / 2
        s = math.sin(half) / length
        return cls(ax * s, ay * s, az * s, math.cos(half))

    @classmethod
    def from_device_orientation(cls, alpha: float, beta: float, gamma: float) -> Quaternion:
        """The rotation of a `deviceorientation` event (intrinsic Z-X'-Y'' angles, degrees).

        Going this way is safe even when the phone stands upright; only the reverse (reading
        angles back out of a rotation) loses an axis there.
        """
        z = cls.about_axis((0.0, 0.0, 1.0), alpha)
        x = cls.about_axis((1.0, 0.0, 0.0), beta)
        y = cls.about_axis((0.0, 1.0, 0.0), gamma)
        return z * x * y

    def __mul__(self, other: Quaternion) -> Quaternion:
        """The rotation `other` followed by this one (Hamilton product)."""
        a, b = self, other
        return Quaternion(
            a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
            a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
            a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
            a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
        )

    def norm(self) -> float:
        """The length (1 for a rotation)."""
        return math.sqrt(self.x**2 + self.y**2 + self.z**2 + self.w**2)

    def normalized(self) -> Quaternion:
        """The same rotation with length 1 (sensor values drift slightly off it)."""
        n = self.norm()
        if n == 0:
            raise ValueError("a zero quaternion is no rotation")
        return Quaternion(self.x / n, self.y / n, self.z / n, self.w / n)

    def inverse(self) -> Quaternion:
        """The opposite rotation (conjugate of the normalised quaternion)."""
        q = self.normalized()
        return Quaternion(-q.x, -q.y, -q.z, q.w)

    def rotate(self, v: Vector) -> Vector:
        """The vector `v` turned by this rotation."""
        q = self.normalized()
        turned = q * Quaternion(v[0], v[1], v[2], 0.0) * q.inverse()
        return (turned.x, turned.y, turned.z)

    def angle_to(self, other: Quaternion) -> float:
        """The smallest angle (degrees) that turns this orientation into `other`."""
        a, b = self.normalized(), other.normalized()
        dot = abs(a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w)
        return math.degrees(2 * math.acos(min(1.0, dot)))

    def relative_to(self, start: Quaternion) -> Quaternion:
        """The turn, in Earth's frame, from `start` to this orientation: self · start⁻¹."""
        return self.normalized() * start.inverse()
