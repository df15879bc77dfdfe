"""An orthographic camera: look at the body from the front, a side, above, or any angle."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from midback.domain.body.vectors import Vec3, cross

NAMED_VIEWS: dict[str, tuple[float, float]] = {
    "front": (0.0, 0.0),
    "back": (180.0, 0.0),
    "side": (-90.0, 0.0),
    "right": (-90.0, 0.0),
    "left": (90.0, 0.0),
    "top": (180.0, 90.0),
}
"""Named views as (azimuth, elevation). 'side' looks at the body's right side, so a standing
figure faces right on the page."""


@dataclass(frozen=True, slots=True)
class Camera:
    """A camera at `azimuth` degrees around the body (0 in front, 90 at its left) and `elevation`
    degrees above the horizon, looking at it with parallel rays."""

    azimuth: float = -90.0
    elevation: float = 0.0
    toward: Vec3 = field(init=False)
    """Unit vector from the body towards the camera."""
    right: Vec3 = field(init=False)
    """Unit vector pointing to the right of the picture."""
    up: Vec3 = field(init=False)
    """Unit vector pointing to the top of the picture."""

    def __post_init__(self) -> None:
        az, el = math.radians(self.azimuth), math.radians(self.elevation)
        toward = (math.cos(az) * math.cos(el), math.sin(az) * math.cos(el), math.sin(el))
        right = (-math.sin(az), math.cos(az), 0.0)
        object.__setattr__(self, "toward", toward)
        object.__setattr__(self, "right", right)
        object.__setattr__(self, "up", cross(toward, right))

    @classmethod
    def named(cls, name: str) -> Camera:
        """A camera for one of NAMED_VIEWS."""
        azimuth, elevation = NAMED_VIEWS[name]
        return cls(azimuth, elevation)

    def project(self, p: Vec3) -> tuple[float, float, float]:
        """Picture coordinates (x right, y up) and depth (larger is nearer the camera)."""
        r, u, t = self.right, self.up, self.toward
        return (
            p[0] * r[0] + p[1] * r[1] + p[2] * r[2],
            p[0] * u[0] + p[1] * u[1] + p[2] * u[2],
            p[0] * t[0] + p[1] * t[1] + p[2] * t[2],
        )
