"""The 33-landmark pose layout (MediaPipe's order), one frame of it, and the in-frame check.

Coordinates are normalised to the picture: x to the right, y downwards, both 0–1, as the pose
model reports them for the unmirrored camera image. "left" and "right" are the person's own sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

LANDMARKS: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)
INDEX = {name: i for i, name in enumerate(LANDMARKS)}
LandmarkName = Literal[
    "nose",
    "left_ear",
    "right_ear",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
]
"""The landmarks a camera spec may require (the rest are too small to rely on)."""

MIN_VISIBILITY = 0.5
"""Below this the model itself doubts the landmark."""
EDGE_MARGIN = 0.02
"""A landmark within 2 % of the picture's edge may be cut off: the model then guesses (it invents
hips and legs on a half-body photo with visibility ~0.67), so it counts as out of frame."""


@dataclass(frozen=True, slots=True)
class Landmark:
    """One point: picture coordinates (0–1, y down) and the model's visibility (0–1)."""

    x: float
    y: float
    visibility: float = 1.0


@dataclass(frozen=True, slots=True)
class Frame:
    """The landmarks seen at `t` seconds, or none when the model found no person."""

    t: float
    points: tuple[Landmark, ...] | None
    width: int = 640
    height: int = 480

    def point(self, name: str) -> Landmark:
        """The named landmark (the frame must have points)."""
        assert self.points is not None
        return self.points[INDEX[name]]

    def pixels(self, name: str) -> tuple[float, float]:
        """The named landmark in pixels with y upwards, so angles come out as people see them."""
        p = self.point(name)
        return p.x * self.width, (1.0 - p.y) * self.height


def in_frame(frame: Frame, names: Iterable[str]) -> bool:
    """Whether every named landmark is seen, trusted and inside the picture."""
    if frame.points is None:
        return False
    for name in names:
        p = frame.point(name)
        inside = EDGE_MARGIN <= p.x <= 1 - EDGE_MARGIN and EDGE_MARGIN <= p.y <= 1 - EDGE_MARGIN
        if not inside or p.visibility < MIN_VISIBILITY:
            return False
    return True


def missing(frame: Frame, names: Sequence[str]) -> list[str]:
    """The named landmarks that are not in frame, for the framing step's message."""
    return [n for n in names if not in_frame(frame, (n,))]
