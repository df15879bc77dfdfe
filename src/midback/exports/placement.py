"""Where the phone goes: the body model in a test's start position, with the phone marked.

The figure is an exercise's first keyframe (the same start position as the test), seen from
the side that shows the placement; the phone is drawn on top at the skeleton point it is held
against, so the marker follows the body model rather than a hand-placed picture.
"""

from __future__ import annotations

import math

from midback.domain.body.camera import Camera
from midback.domain.body.scene import PlacedPose, build_scene
from midback.domain.body.vectors import Vec3
from midback.domain.exercise import Exercise
from midback.domain.protocol_method import BodyPoint
from midback.exports.figure import Projector, body_layers
from midback.exports.props_draw import prop_layers
from midback.exports.svg import ACCENT, INK, PAPER, STYLE, text

SCALE = 150.0
MARGIN = 18.0

VIEWS: dict[BodyPoint, tuple[float, float]] = {
    BodyPoint.UPPER_BACK: (150.0, 35.0),
    BodyPoint.T1: (-150.0, 10.0),
    BodyPoint.T12: (-150.0, 10.0),
    BodyPoint.BREASTBONE: (-25.0, 10.0),
    BodyPoint.SHOULDERS: (-25.0, 10.0),
    BodyPoint.UPPER_ARM: (-90.0, 0.0),
}
"""Camera azimuth and elevation that show each placement (behind for the spine, in front for
the chest, from the side for the arm)."""

WORDS = {
    BodyPoint.UPPER_BACK: "across the upper back, below the base of the neck",
    BodyPoint.T1: "on the spine at the base of the neck",
    BodyPoint.T12: "on the spine where the lowest ribs meet it, a hand's width above the waist",
    BodyPoint.BREASTBONE: "flat against the breastbone",
    BodyPoint.SHOULDERS: "on a stick across the front of the shoulders",
    BodyPoint.UPPER_ARM: "along the outside of the upper arm",
}


def _mid(a: Vec3, b: Vec3, share: float = 0.5) -> Vec3:
    return (
        a[0] + (b[0] - a[0]) * share,
        a[1] + (b[1] - a[1]) * share,
        a[2] + (b[2] - a[2]) * share,
    )


def phone_point(pose: PlacedPose, point: BodyPoint, camera: Camera) -> Vec3:
    """The place on the posed body where the phone is held."""
    p = pose.skeleton.points
    if point is BodyPoint.UPPER_BACK:
        return _mid(p["c7"], p["l1"], 0.15)
    if point is BodyPoint.T1:
        return p["c7"]
    if point is BodyPoint.T12:
        return _mid(p["c7"], p["l1"], 0.9)
    if point is BodyPoint.BREASTBONE:
        return p["sternum"]
    if point is BodyPoint.SHOULDERS:
        return _mid(p["left_sc"], p["right_sc"])
    near = max(("left_", "right_"), key=lambda s: camera.project(p[s + "shoulder"])[2])
    return _mid(p[near + "shoulder"], p[near + "elbow"], 0.45)


def render_placement(exercise: Exercise, points: list[BodyPoint]) -> str:
    """An SVG of the start position with the phone (or its two spots) marked."""
    if exercise.poses is None:
        raise ValueError(f"exercise '{exercise.id}' has no poses to draw")
    scene = build_scene(exercise.poses)
    pose = scene.poses[0]
    camera = Camera(*VIEWS[points[0]])
    proj = Projector(camera, SCALE)
    layers = body_layers(pose.skeleton, pose.body, proj, ghost=False, highlight=())
    for shape in [*scene.props, *pose.held]:
        if shape.kind != "wall":
            layers += prop_layers(shape, proj)
    drawn = "".join(svg for _, svg in sorted(layers, key=lambda layer: layer[0]))
    xs, ys = [], []
    for capsule in pose.body:
        for end in (capsule.a, capsule.b):
            x, y = proj.xy(end)
            xs.append(x)
            ys.append(y)
    marks = []
    for number, point in enumerate(points, start=1):
        x, y = proj.xy(phone_point(pose, point, camera))
        label = str(number) if len(points) > 1 else ""
        marks.append(
            f'<g class="phone-mark"><circle cx="{x:.1f}" cy="{y:.1f}" r="15" fill="none" '
            f'stroke="{ACCENT}" stroke-width="4"/>'
            f'<rect x="{x - 5:.1f}" y="{y - 9:.1f}" width="10" height="18" rx="2" '
            f'fill="{INK}"/>'
            + (
                f'<text x="{x + 19:.1f}" y="{y + 5:.1f}" font-size="15" font-weight="700" '
                f'fill="{ACCENT}">{label}</text>'
                if label
                else ""
            )
            + "</g>"
        )
    x0, y0 = math.floor(min(xs) - MARGIN - 20), math.floor(min(ys) - MARGIN - 20)
    width = math.ceil(max(xs) + MARGIN + 20) - x0
    height = math.ceil(max(ys) + MARGIN + 20) - y0
    where = " and then ".join(WORDS[p] for p in points)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {width} {height}" '
        f'role="img" aria-label="{text("Where the phone goes: " + where)}">'
        f"<style>{STYLE}</style>"
        f'<rect x="{x0}" y="{y0}" width="{width}" height="{height}" rx="14" fill="{PAPER}"/>'
        f"{drawn}{''.join(marks)}</svg>"
    )
