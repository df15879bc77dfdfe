"""Small 3D vector and rotation helpers in plain Python (fast enough for a 20-segment body)."""

from __future__ import annotations

import math

Vec3 = tuple[float, float, float]
Mat3 = tuple[Vec3, Vec3, Vec3]
"""A rotation matrix stored by rows; its columns are the frame's x, y and z axes."""

IDENTITY: Mat3 = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
X_AXIS: Vec3 = (1.0, 0.0, 0.0)
Y_AXIS: Vec3 = (0.0, 1.0, 0.0)
Z_AXIS: Vec3 = (0.0, 0.0, 1.0)


def add(a: Vec3, b: Vec3) -> Vec3:
    """a + b."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec3, b: Vec3) -> Vec3:
    """a − b."""
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec3, k: float) -> Vec3:
    """k · a."""
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec3, b: Vec3) -> float:
    """The dot product."""
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec3, b: Vec3) -> Vec3:
    """The cross product a × b."""
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec3) -> float:
    """Euclidean length."""
    return math.sqrt(dot(a, a))


def unit(a: Vec3) -> Vec3:
    """a scaled to length 1 (a zero vector stays zero rather than raising)."""
    length = norm(a)
    return scale(a, 1.0 / length) if length > 1e-12 else (0.0, 0.0, 0.0)


def lerp(a: Vec3, b: Vec3, t: float) -> Vec3:
    """The point a fraction t of the way from a to b."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def mirror_y(a: Vec3) -> Vec3:
    """Reflect through the sagittal plane (left ↔ right)."""
    return (a[0], -a[1], a[2])


def apply(m: Mat3, v: Vec3) -> Vec3:
    """m · v: a vector given in frame m, expressed in the parent frame."""
    return (dot(m[0], v), dot(m[1], v), dot(m[2], v))


def apply_t(m: Mat3, v: Vec3) -> Vec3:
    """mᵀ · v: a parent-frame vector expressed in frame m."""
    return (
        m[0][0] * v[0] + m[1][0] * v[1] + m[2][0] * v[2],
        m[0][1] * v[0] + m[1][1] * v[1] + m[2][1] * v[2],
        m[0][2] * v[0] + m[1][2] * v[1] + m[2][2] * v[2],
    )


def transpose(m: Mat3) -> Mat3:
    """The inverse of a rotation matrix."""
    return ((m[0][0], m[1][0], m[2][0]), (m[0][1], m[1][1], m[2][1]), (m[0][2], m[1][2], m[2][2]))


def matmul(a: Mat3, b: Mat3) -> Mat3:
    """a · b: frame b given in frame a, expressed in a's parent."""
    bt = transpose(b)
    return (
        (dot(a[0], bt[0]), dot(a[0], bt[1]), dot(a[0], bt[2])),
        (dot(a[1], bt[0]), dot(a[1], bt[1]), dot(a[1], bt[2])),
        (dot(a[2], bt[0]), dot(a[2], bt[1]), dot(a[2], bt[2])),
    )


def column(m: Mat3, index: int) -> Vec3:
    """One axis of the frame m (0: x, 1: y, 2: z)."""
    return (m[0][index], m[1][index], m[2][index])


def from_columns(x: Vec3, y: Vec3, z: Vec3) -> Mat3:
    """The frame whose axes are x, y and z."""
    return ((x[0], y[0], z[0]), (x[1], y[1], z[1]), (x[2], y[2], z[2]))


def rot_x(degrees: float) -> Mat3:
    """Rotation about x by `degrees` (right-hand rule)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(degrees: float) -> Mat3:
    """Rotation about y by `degrees` (right-hand rule)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(degrees: float) -> Mat3:
    """Rotation about z by `degrees` (right-hand rule)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def rot_axis(axis: Vec3, degrees: float) -> Mat3:
    """Rotation about a unit `axis` by `degrees` (Rodrigues' formula)."""
    x, y, z = axis
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    t = 1.0 - c
    return (
        (t * x * x + c, t * x * y - s * z, t * x * z + s * y),
        (t * x * y + s * z, t * y * y + c, t * y * z - s * x),
        (t * x * z - s * y, t * y * z + s * x, t * z * z + c),
    )


def frame_from_zy(z: Vec3, y: Vec3) -> Mat3:
    """The right-handed frame with long axis z and lateral axis y (y is made orthogonal to z)."""
    z = unit(z)
    x = unit(cross(y, z))
    return from_columns(x, cross(z, x), z)


def frame_from_zx(z: Vec3, x: Vec3) -> Mat3:
    """The right-handed frame with long axis z and forward axis x (x is made orthogonal to z)."""
    z = unit(z)
    y = unit(cross(z, x))
    return from_columns(cross(y, z), y, z)


def degrees_between(a: Vec3, b: Vec3) -> float:
    """The unsigned angle between two vectors, in degrees (robust near 0° and 180°)."""
    return math.degrees(math.atan2(norm(cross(a, b)), dot(a, b)))
