"""Exercise illustrations as SVG: the start pose ghosted behind the end pose (or side by side),
props and floor, arrows along the path of the moving parts, the worked side highlighted; and an
animated version that moves between the keyframes unless the viewer prefers reduced motion."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from midback.domain.body.camera import Camera
from midback.domain.body.pose import Pose, View
from midback.domain.body.props import PropShape
from midback.domain.body.scene import PlacedPose, Scene, between, build_scene
from midback.domain.body.vectors import Vec3
from midback.domain.exercise import Exercise
from midback.domain.profile import Side
from midback.exports.animation import timeline_css
from midback.exports.figure import OUTLINE_PX, Layer, Projector, body_layers
from midback.exports.motion import arrow, choose_paths, keypoint_paths
from midback.exports.props_draw import box_polygon, floor_box, prop_layers, wall_box
from midback.exports.svg import PAPER, STYLE, Point, num, text

SCALE = 150.0
"""Pixels per metre: a standing figure is about 255 px tall."""
MARGIN = 14.0
STEPS_PER_MOVE = 14
BACK_KINDS = ("wall", "chair", "foam_roller")


@dataclass
class Bounds:
    """The box around everything drawn, in pixels."""

    x0: float = math.inf
    y0: float = math.inf
    x1: float = -math.inf
    y1: float = -math.inf

    def add(self, pts: Iterable[Point], pad: float = 0.0) -> None:
        """Grow to hold `pts`, each with `pad` pixels around it."""
        for x, y in pts:
            self.x0, self.x1 = min(self.x0, x - pad), max(self.x1, x + pad)
            self.y0, self.y1 = min(self.y0, y - pad), max(self.y1, y + pad)


@dataclass
class Canvas:
    """What one illustration is made of before it is written out."""

    proj: Projector
    bounds: Bounds = field(default_factory=Bounds)
    back: list[str] = field(default_factory=list)
    side: Side = Side.BOTH
    """The side a per-side exercise is drawn for (mirrored when its poses show the other)."""

    def track(self, shapes: Iterable[PropShape]) -> None:
        """Include solids in the bounds."""
        for shape in shapes:
            for c in shape.capsules:
                self.bounds.add(
                    [self.proj.xy(c.a), self.proj.xy(c.b)], c.radius * self.proj.scale + OUTLINE_PX
                )
            for box in shape.boxes:
                self.bounds.add(box_polygon(box, self.proj), OUTLINE_PX)


def _sorted(layers: Sequence[Layer]) -> str:
    return "".join(svg for _, svg in sorted(layers, key=lambda layer: layer[0]))


def _figure(
    canvas: Canvas,
    pose: PlacedPose,
    *,
    ghost: bool,
    highlight: Sequence[str],
    extra: Sequence[PropShape] = (),
) -> str:
    proj = canvas.proj
    layers = body_layers(pose.skeleton, pose.body, proj, ghost=ghost, highlight=highlight)
    for shape in [*pose.held, *extra]:
        layers += prop_layers(shape, proj, "G" if ghost else None)
    canvas.track([PropShape("body", tuple(pose.body)), *pose.held, *extra])
    return _sorted(layers)


def _background(canvas: Canvas, scene: Scene, bodies: Sequence[PlacedPose]) -> list[PropShape]:
    """Draw floor, walls, chair and roller behind everything; return the props drawn later."""
    footprint: list[Vec3] = [p for pose in bodies for c in pose.body for p in (c.a, c.b)]
    footprint += [p for s in scene.props for c in s.capsules for p in (c.a, c.b)]
    top = max(1.9, max(p[2] for p in footprint) + 0.15)
    floor = floor_box(footprint)
    canvas.track([PropShape("floor", boxes=(floor,))])
    layers: list[Layer] = [
        (-math.inf, prop_layers(PropShape("floor", boxes=(floor,)), canvas.proj)[0][1])
    ]
    later = []
    for shape in scene.props:
        if shape.kind == "wall":
            shape = PropShape("wall", boxes=(wall_box(shape, footprint, top),))
        elif shape.kind not in BACK_KINDS:
            later.append(shape)
            continue
        canvas.track([shape])
        layers += prop_layers(shape, canvas.proj)
    canvas.back.append(_sorted(layers))
    return later


def _arrows(canvas: Canvas, scene: Scene, poses: dict[str, Pose]) -> str:
    frames = _path_frames(scene, poses, 16)
    final = scene.poses[-1]
    pts = [canvas.proj.xy(p) for c in final.body for p in (c.a, c.b)]
    centre = (sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts))
    svg = ""
    for path in choose_paths(keypoint_paths([f.skeleton for f in frames], canvas.proj)):
        drawn, used = arrow(path, centre)
        canvas.bounds.add(used, 3.0)
        svg += drawn
    return svg


def _path_frames(
    scene: Scene, poses: dict[str, Pose], steps: int, ease: bool = False
) -> list[PlacedPose]:
    frames = [scene.poses[0]]
    for a, b in zip(scene.poses, scene.poses[1:], strict=False):
        props = poses[a.name].props
        for i in range(1, steps + 1):
            t = i / steps
            t = (1 - math.cos(math.pi * t)) / 2 if ease else t
            frames.append(b if i == steps else between(a, b, t, props))
    return frames


def _setup(exercise: Exercise) -> tuple[Scene, View, dict[str, Pose], Canvas]:
    if exercise.poses is None:
        raise ValueError(f"exercise '{exercise.id}' has no poses to draw")
    view = exercise.view or View()
    scene = build_scene(exercise.poses)
    canvas = Canvas(Projector(Camera(*view.angles()), SCALE))
    return scene, view, dict(exercise.poses), canvas


def _still(
    canvas: Canvas, scene: Scene, view: View, poses: dict[str, Pose], later: Sequence[PropShape]
) -> str:
    parts = [_figure(canvas, p, ghost=True, highlight=()) for p in scene.poses[:-1]]
    parts.append(
        _figure(canvas, scene.poses[-1], ghost=False, highlight=view.highlight, extra=later)
    )
    parts.append(_arrows(canvas, scene, poses))
    return "".join(parts)


def render_illustration(
    exercise: Exercise, *, animated: bool = False, side: Side = Side.BOTH
) -> str:
    """The exercise's illustration as an SVG document (animated: moves between keyframes).

    `side` draws a per-side exercise for that side: the side its poses show as they are, the
    other as their mirror image (a mirrored scene seen from the mirrored camera is exactly the
    mirrored picture), so the two sides are never the same picture twice.
    """
    scene, view, poses, canvas = _setup(exercise)
    canvas.side = side
    if view.layout == "side_by_side" and not animated:
        return _side_by_side(exercise, scene, view, canvas)
    later = _background(canvas, scene, scene.poses)
    still = _still(canvas, scene, view, poses, later)
    if not animated or len(scene.poses) < 2:
        return _document(exercise, canvas, still, animated=False)
    frames = _path_frames(scene, poses, STEPS_PER_MOVE, ease=True)
    drawn = [_figure(canvas, f, ghost=False, highlight=view.highlight, extra=later) for f in frames]
    groups = [f'<g class="fr f{i}">{svg}</g>' for i, svg in enumerate(drawn)]
    css = timeline_css(len(frames), len(scene.poses))
    body = f'<g class="still">{still}</g>' + "".join(groups)
    return _document(exercise, canvas, body, animated=True, css=css)


def _side_by_side(exercise: Exercise, scene: Scene, view: View, canvas: Canvas) -> str:
    panels = []
    gap = 46.0
    for index, pose in enumerate(scene.poses):
        if index:
            dx = canvas.bounds.x1 + gap - _left_edge(scene, pose, canvas.proj.camera)
            arrow_y = (canvas.bounds.y0 + canvas.bounds.y1) / 2
            x = canvas.bounds.x1 + 8
            ends = f"{num(x)},{num(arrow_y)} {num(x + gap - 24)},{num(arrow_y)}"
            panels.append(f'<polyline class="arrow" stroke-width="3.2" points="{ends}"/>')
            canvas.proj = Projector(canvas.proj.camera, SCALE, dx)
        later = _background(canvas, scene, [pose])
        panels.append(_figure(canvas, pose, ghost=False, highlight=view.highlight, extra=later))
    return _document(exercise, canvas, "".join(panels), animated=False)


def _left_edge(scene: Scene, pose: PlacedPose, camera: Camera) -> float:
    proj = Projector(camera, SCALE)
    xs = [proj.xy(p)[0] - c.radius * SCALE for c in pose.body for p in (c.a, c.b)]
    xs += [proj.xy(p)[0] for s in scene.props for c in s.capsules for p in (c.a, c.b)]
    return min(xs) - 0.3 * SCALE


def _document(
    exercise: Exercise, canvas: Canvas, body: str, *, animated: bool, css: str = ""
) -> str:
    b = canvas.bounds
    x0, y0 = math.floor(b.x0 - MARGIN), math.floor(b.y0 - MARGIN)
    width, height = math.ceil(b.x1 + MARGIN) - x0, math.ceil(b.y1 + MARGIN) - y0
    title = exercise.name + (" (animation)" if animated else "")
    words = exercise.directions.words(canvas.side) if exercise.directions else ""
    if words:
        title += f", {words[0].lower()}{words[1:]}"
    drawing = "".join(canvas.back) + body
    if exercise.directions and exercise.directions.mirrored(canvas.side):
        drawing = (
            f'<g class="mirrored" transform="matrix(-1 0 0 1 {2 * x0 + width} 0)">{drawing}</g>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="title desc">'
        f'<title id="title">{text(title)}</title>'
        f'<desc id="desc">{text(describe(exercise, animated=animated, side=canvas.side))}</desc>'
        f"<style>{STYLE}{css}</style>"
        f'<rect x="{x0}" y="{y0}" width="{width}" height="{height}" rx="14" fill="{PAPER}"/>'
        f"{drawing}</svg>"
    )


def describe(exercise: Exercise, *, animated: bool = False, side: Side = Side.BOTH) -> str:
    """A text alternative for the illustration: what is drawn and how to read it."""
    view = exercise.view or View()
    poses = list(exercise.poses or {})
    position = exercise.position.value.replace("_", " ")
    azimuth, elevation = view.angles()
    directions = exercise.directions
    mirrored = directions is not None and directions.mirrored(side)
    seen = seen_from(-azimuth if mirrored else azimuth, elevation)
    sentences = [f"{exercise.name}, {position}, seen {seen}."]
    if directions is not None and side != Side.BOTH:
        sentences.append(f"Drawn for this side: {directions.words(side).lower()}.")
    if len(poses) > 1 and view.layout == "side_by_side":
        sentences.append(f"The positions {', '.join(poses)} are drawn side by side, left to right.")
    elif len(poses) > 1:
        sentences.append(
            f"The pale figure shows the {poses[0]} position and the coloured one the {poses[-1]} "
            "position; orange arrows show the direction of movement."
        )
    if view.highlight:
        highlight = [_swap_side(h) for h in view.highlight] if mirrored else view.highlight
        limbs = " and ".join(h.replace("_", " ") for h in highlight)
        verb = "is" if len(view.highlight) == 1 else "are"
        sentences.append(f"The {limbs} {verb} highlighted in orange.")
    kit = sorted(
        {p.prop.replace("_", " ") for pose in (exercise.poses or {}).values() for p in pose.props}
    )
    if kit:
        sentences.append(f"Props: {', '.join(kit)}.")
    if animated:
        sentences.append(
            "The figure moves between the positions; with reduced motion it stays still."
        )
    return " ".join(sentences)


def _swap_side(limb: str) -> str:
    """'left_arm' ↔ 'right_arm': the limb's name in the mirror image."""
    side, _, rest = limb.partition("_")
    return f"{'right' if side == 'left' else 'left'}_{rest}" if side in ("left", "right") else limb


def seen_from(azimuth: float, elevation: float) -> str:
    """'from the front', 'from the right and above' and so on, for a camera's angles."""
    if elevation >= 75:
        return "from above"
    sides = ["the front", "the front left", "the left", "behind on the left", "behind"]
    sides += ["behind on the right", "the right", "the front right"]
    side = sides[round((azimuth % 360) / 45) % 8]
    return f"from {side}" + (" and above" if elevation >= 20 else "")
