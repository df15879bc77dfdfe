"""Measures read from one frame's landmarks, in the picture plane, as people would see them.

Angles are in degrees; `shoulder_raise` is a percentage. Three measures compare with the person's
own starting position (a `Reference` taken when counting starts): how far the shoulder or hip line
has turned away from the camera (its apparent width shrinks with the cosine of the turn) and how
much the neck has shortened (shrugging). Mirroring the preview changes nothing here: the model
sees the unmirrored picture and names the person's own left and right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from midback.domain.camera.landmarks import Frame

Point = tuple[float, float]

NEEDS: dict[str, tuple[str, ...]] = {
    "arm_elevation": ("shoulder", "elbow", "hip"),
    "shoulder_tilt": ("shoulder",),
    "shoulder_turn": ("shoulder",),
    "hip_turn": ("hip",),
    "side_bend": ("shoulder", "hip"),
    "shoulder_raise": ("shoulder", "ear"),
}
"""The joints (both sides) each measure reads: a spec must require them to be in frame."""


def needed(name: str) -> list[str]:
    """The landmarks measure `name` reads, both sides."""
    return [f"{side}_{joint}" for joint in NEEDS[name] for side in ("left", "right")]


@dataclass(frozen=True, slots=True)
class Reference:
    """The person's starting position: apparent shoulder and hip widths and neck height (px)."""

    shoulder_width: float
    hip_width: float
    neck: float


def _sub(a: Point, b: Point) -> Point:
    return a[0] - b[0], a[1] - b[1]


def _mid(a: Point, b: Point) -> Point:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _angle(a: Point, b: Point) -> float:
    """Unsigned angle between two vectors, degrees."""
    dot = a[0] * b[0] + a[1] * b[1]
    cross = a[0] * b[1] - a[1] * b[0]
    return abs(math.degrees(math.atan2(cross, dot)))


def _length(v: Point) -> float:
    # Written out, as in the browser twin, so both round the same way.
    return math.sqrt(v[0] * v[0] + v[1] * v[1])


def _width(frame: Frame, joint: str) -> float:
    return _length(_sub(frame.pixels(f"left_{joint}"), frame.pixels(f"right_{joint}")))


def _neck(frame: Frame) -> float:
    """Ear height above the shoulder, both sides averaged (px)."""
    heights = [frame.pixels(f"{s}_ear")[1] - frame.pixels(f"{s}_shoulder")[1] for s in SIDES]
    return sum(heights) / 2


SIDES = ("left", "right")


def reference_of(frame: Frame) -> Reference:
    """The widths and neck height in this frame, to compare later frames with."""
    return Reference(_width(frame, "shoulder"), _width(frame, "hip"), _neck(frame))


def arm_elevation(frame: Frame, side: str) -> float:
    """The upper arm against the trunk line: 0 hanging, 90 level, 180 overhead."""
    shoulder = frame.pixels(f"{side}_shoulder")
    arm = _sub(frame.pixels(f"{side}_elbow"), shoulder)
    return _angle(arm, _sub(frame.pixels(f"{side}_hip"), shoulder))


def shoulder_tilt(frame: Frame) -> float:
    """The shoulder line against the horizontal, 0–90 whichever shoulder is higher."""
    dx, dy = _sub(frame.pixels("left_shoulder"), frame.pixels("right_shoulder"))
    tilt = abs(math.degrees(math.atan2(dy, dx)))
    return 180 - tilt if tilt > 90 else tilt


def turn(width: float, reference: float) -> float:
    """How far a line has turned away from the camera, from its apparent width."""
    if reference <= 0:
        return 0.0
    return math.degrees(math.acos(min(1.0, width / reference)))


def side_bend(frame: Frame) -> float:
    """The trunk leaning sideways against the hip line's upright, positive towards the person's
    left, negative towards their right."""
    left_hip, right_hip = frame.pixels("left_hip"), frame.pixels("right_hip")
    across = _sub(left_hip, right_hip)
    length = _length(across) or 1.0
    lx, ly = across[0] / length, across[1] / length
    trunk = _sub(
        _mid(frame.pixels("left_shoulder"), frame.pixels("right_shoulder")),
        _mid(left_hip, right_hip),
    )
    ux, uy = -ly, lx  # the hip line turned a quarter: upright, if the shoulders are above
    if trunk[0] * ux + trunk[1] * uy < 0:
        ux, uy = -ux, -uy
    return math.degrees(math.atan2(trunk[0] * lx + trunk[1] * ly, trunk[0] * ux + trunk[1] * uy))


def shoulder_raise(frame: Frame, reference: Reference) -> float:
    """How much shorter the neck looks than at the start, percent (shrugging)."""
    if reference.neck <= 0:
        return 0.0
    return max(0.0, 100.0 * (1.0 - _neck(frame) / reference.neck))


def measure(
    name: str, frame: Frame, reference: Reference, *, side: str = "both", working: str = "both"
) -> float:
    """The named measure in this frame; `side` picks the arm, `working` is the set's side."""
    if name == "arm_elevation":
        arm_side = working if side == "working" and working in SIDES else "both"
        if arm_side == "both":
            return (arm_elevation(frame, "left") + arm_elevation(frame, "right")) / 2
        return arm_elevation(frame, arm_side)
    if name == "shoulder_tilt":
        return shoulder_tilt(frame)
    if name == "shoulder_turn":
        return turn(_width(frame, "shoulder"), reference.shoulder_width)
    if name == "hip_turn":
        return turn(_width(frame, "hip"), reference.hip_width)
    if name == "side_bend":
        return side_bend(frame)
    if name == "shoulder_raise":
        return shoulder_raise(frame, reference)
    raise ValueError(f"unknown measure {name!r}")
