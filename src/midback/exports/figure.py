"""Draw one posed body as SVG: rounded limbs, a smooth torso, a head with hair, painted far
to near so limbs pass correctly in front of or behind the trunk."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from midback.domain.body.camera import Camera
from midback.domain.body.kinematics import Skeleton
from midback.domain.body.vectors import Vec3, add, apply, column, dot, scale
from midback.domain.body.volumes import Capsule
from midback.exports.svg import Circle2, Point, hull_of_circles, lens, num, points

OUTLINE_PX = 1.6
Layer = tuple[float, str]
"""A drawing layer: its depth (larger is nearer the camera) and its SVG."""


@dataclass(frozen=True, slots=True)
class Projector:
    """Camera plus scale: 3D metres → picture pixels (y down) and depth."""

    camera: Camera
    scale: float
    dx: float = 0.0

    def __call__(self, p: Vec3) -> tuple[float, float, float]:
        """Pixel x, pixel y and depth of a point."""
        x, y, depth = self.camera.project(p)
        return x * self.scale + self.dx, -y * self.scale, depth

    def xy(self, p: Vec3) -> Point:
        """Pixel coordinates of a point."""
        x, y, _ = self(p)
        return x, y


def capsule_lines(caps: Sequence[Capsule], proj: Projector, tone: str) -> tuple[str, str]:
    """Outline and fill strokes of capsules (outline drawn first so joints look seamless)."""
    outline, fill = [], []
    for c in caps:
        (x1, y1), (x2, y2) = proj.xy(c.a), proj.xy(c.b)
        width = 2 * c.radius * proj.scale
        coords = f'x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"'
        outline.append(
            f'<line class="o{tone}" {coords} stroke-width="{num(width + 2 * OUTLINE_PX)}"/>'
        )
        fill.append(f'<line class="f{tone}" {coords} stroke-width="{num(width)}"/>')
    return "".join(outline), "".join(fill)


def _hull(caps: Sequence[Capsule], proj: Projector) -> list[Point]:
    circles = []
    for c in caps:
        for p in (c.a, c.b):
            x, y = proj.xy(p)
            circles.append(Circle2(x, y, c.radius * proj.scale))
    return hull_of_circles(circles)


def _trunk(body: Sequence[Capsule], proj: Projector, tone: str) -> str:
    lower = [c for c in body if c.region in ("pelvis", "abdomen")]
    upper = [c for c in body if c.region == "thorax"]
    neck = [c for c in body if c.region == "neck"]
    hulls = [points(_hull(group, proj)) for group in (lower, upper)]
    neck_outline, neck_fill = capsule_lines(neck, proj, tone)
    w = num(2 * OUTLINE_PX)
    outline = "".join(f'<polygon class="o{tone}" stroke-width="{w}" points="{h}"/>' for h in hulls)
    fill = "".join(f'<polygon class="f{tone}" stroke-width="0" points="{h}"/>' for h in hulls)
    return neck_outline + outline + neck_fill + fill


def _head(skeleton: Skeleton, proj: Projector, ghost: bool) -> str:
    seg, centre = skeleton.segments, skeleton.points["head"]
    r = seg.head_radius
    x, y = proj.xy(centre)
    tone = "headG" if ghost else "head"
    head = f'<circle class="{tone}" cx="{num(x)}" cy="{num(y)}" r="{num(r * proj.scale)}"'
    head += f' stroke-width="{num(OUTLINE_PX * 1.6)}"/>'
    if ghost:
        return head
    frame = skeleton.frames["head"]
    facing = dot(column(frame, 0), proj.camera.toward)
    up = min(0.75, 0.4 * (1 + facing)) * r
    hair_centre = add(centre, apply(frame, (-0.3 * r, 0.0, 0.0)))
    hair_centre = add(hair_centre, scale(column(frame, 2), up))
    hx, hy = proj.xy(hair_centre)
    cap = lens(Circle2(x, y, r * proj.scale * 0.97), Circle2(hx, hy, r * proj.scale * 0.98))
    return head + f'<polygon class="hair" points="{points(cap)}"/>'


def body_layers(
    skeleton: Skeleton,
    body: Sequence[Capsule],
    proj: Projector,
    *,
    ghost: bool = False,
    highlight: Collection[str] = (),
) -> list[Layer]:
    """The body as depth-tagged layers: trunk, head, and one per limb."""
    depth = {
        k: proj(skeleton.points[k])[2]
        for k in ("left_shoulder", "right_shoulder", "left_hip", "right_hip")
    }
    trunk = [c for c in body if c.limb is None and c.region != "head"]
    layers = [(_mean_depth(trunk, proj), _trunk(body, proj, "G" if ghost else "N"))]
    layers.append((proj(skeleton.points["head"])[2] + 0.01, _head(skeleton, proj, ghost)))
    for limb in ("left_arm", "right_arm", "left_leg", "right_leg"):
        caps = [c for c in body if c.limb == limb]
        root = "shoulder" if limb.endswith("arm") else "hip"
        side = limb.split("_")[0]
        other = "right" if side == "left" else "left"
        far = depth[f"{side}_{root}"] < depth[f"{other}_{root}"] - 0.02
        tone = (
            "G" if ghost else ("K" if far else "H") if limb in highlight else ("F" if far else "N")
        )
        outline, fill = capsule_lines(caps, proj, tone)
        layers.append((_mean_depth(caps, proj), f"<g>{outline}{fill}</g>"))
    return layers


def _mean_depth(caps: Sequence[Capsule], proj: Projector) -> float:
    values = [proj(p)[2] for c in caps for p in (c.a, c.b)]
    return sum(values) / len(values)
