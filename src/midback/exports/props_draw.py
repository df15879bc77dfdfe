"""Draw props and the floor: walls and slabs as boxes, everything round as capsules."""

from __future__ import annotations

from collections.abc import Sequence

from midback.domain.body.props import Box, PropShape
from midback.domain.body.vectors import Vec3, add, cross, dot, scale
from midback.exports.figure import OUTLINE_PX, Layer, Projector
from midback.exports.svg import Circle2, Point, hull_of_circles, num, points

WALL_THICKNESS = 0.06
WALL_MARGIN = 0.35


def box_polygon(box: Box, proj: Projector) -> list[Point]:
    """The outline of a projected box."""
    return hull_of_circles([Circle2(*proj.xy(c), 0.0) for c in box.corners()], 24)


def _box_svg(box: Box, proj: Projector, kind: str) -> str:
    pts = points(box_polygon(box, proj))
    return f'<polygon class="p-{kind}" stroke-width="{num(OUTLINE_PX)}" points="{pts}"/>'


def wall_box(shape: PropShape, footprint: Sequence[Vec3], top: float) -> Box:
    """A wall drawn as a slab behind its face, as wide as the scene plus a margin."""
    assert shape.normal is not None
    n = shape.normal
    t = cross((0.0, 0.0, 1.0), n)
    spans = [dot(p, t) for p in footprint]
    low, high = min(spans) - WALL_MARGIN, max(spans) + WALL_MARGIN
    centre_t = (low + high) / 2
    face = shape.offset + WALL_THICKNESS / 2
    centre = (n[0] * face + t[0] * centre_t, n[1] * face + t[1] * centre_t, top / 2)
    return Box(centre, (n, t, (0.0, 0.0, 1.0)), (WALL_THICKNESS / 2, (high - low) / 2, top / 2))


def floor_box(footprint: Sequence[Vec3]) -> Box:
    """A thin slab of floor under everything drawn."""
    xs, ys = [p[0] for p in footprint], [p[1] for p in footprint]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, -0.02)
    half = ((max(xs) - min(xs)) / 2 + 0.3, (max(ys) - min(ys)) / 2 + 0.3, 0.02)
    return Box(centre, ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)), half)


def prop_layers(shape: PropShape, proj: Projector, tone: str | None = None) -> list[Layer]:
    """A prop as depth-tagged layers (one per solid)."""
    kind = shape.kind
    layers: list[Layer] = []
    for box in shape.boxes:
        layers.append((proj(box.centre)[2], _box_svg(box, proj, kind)))
    for c in shape.capsules:
        (x1, y1), (x2, y2) = proj.xy(c.a), proj.xy(c.b)
        width = 2 * c.radius * proj.scale
        coords = f'x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"'
        outer, inner = (f"o{tone}", f"f{tone}") if tone else (f"p-{kind}", f"q-{kind}")
        svg = f'<line class="{outer}" {coords} stroke-width="{num(width + 2 * OUTLINE_PX)}"/>'
        svg += f'<line class="{inner}" {coords} stroke-width="{num(width)}"/>'
        layers.append((proj(scale(add(c.a, c.b), 0.5))[2], svg))
    return layers
