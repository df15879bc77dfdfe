"""Set keyframes in a room: put the body on the floor, place the props, check that nothing
passes through the floor or a wall, and interpolate between keyframes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from midback.domain.body import props as P
from midback.domain.body.joints import JointAngles
from midback.domain.body.kinematics import Skeleton, body_orientation, forward
from midback.domain.body.vectors import Vec3, lerp, norm, sub
from midback.domain.body.volumes import Capsule, body_capsules, expand_region

if TYPE_CHECKING:
    from midback.domain.body.pose import Pose, Prop

CONTACT_TOLERANCE = 0.03
"""A part 'touches' a surface when it is within 3 cm of it (clothes, soft tissue, drawing)."""
PENETRATION_TOLERANCE = 0.015
"""A part may sink 1.5 cm into a surface (soft tissue) before it 'goes through' it."""
FIXED_KINDS = ("chair", "foam_roller", "ball", "wall")  # placement order: a wall may touch a ball
Orientation3 = tuple[float, float, float]
PropShape = P.PropShape


@dataclass(frozen=True, slots=True)
class PlacedPose:
    """A keyframe (or a frame between two) posed and set in the room."""

    name: str
    angles: JointAngles
    orientation: Orientation3
    offset: Vec3
    skeleton: Skeleton
    body: list[Capsule]
    held: list[PropShape]


@dataclass(frozen=True, slots=True)
class Scene:
    """Keyframes in the room, the props that stay put, and every physical problem found."""

    poses: list[PlacedPose]
    props: list[PropShape]
    problems: list[str]


def pose_body(
    angles: JointAngles, orientation: Orientation3, offset: Vec3
) -> tuple[Skeleton, list[Capsule]]:
    """The skeleton and body capsules for angles and orientation, moved by `offset`."""
    skeleton = forward(angles, body_orientation(*orientation)).moved(offset)
    return skeleton, body_capsules(skeleton)


def build_scene(poses: Mapping[str, Pose]) -> Scene:
    """Place every keyframe and its props; list what is physically impossible."""
    placed: list[PlacedPose] = []
    fixed: dict[tuple[str, str], PropShape] = {}
    problems: list[str] = []
    for name, pose in poses.items():
        angles, o = pose.resolved(), pose.body
        orientation = (o.pitch, o.roll, o.yaw)
        _, body = pose_body(angles, orientation, (0.0, 0.0, 0.0))
        offset = _placement(body, pose.contact, placed[0] if placed else None, poses)
        skeleton, body = pose_body(angles, orientation, offset)
        for prop in sorted(
            pose.props, key=lambda p: FIXED_KINDS.index(p.prop) if p.prop in FIXED_KINDS else -1
        ):
            key = (prop.prop, prop.side or "")
            if prop.prop in FIXED_KINDS and key not in fixed:
                fixed[key] = _place(prop, body, fixed)
        held = held_props(pose.props, body)
        found = _floor_problems(body, pose.contact, held) + _prop_problems(pose.props, body, fixed)
        problems += [f"{name}: {p}" for p in found]
        placed.append(PlacedPose(name, angles, orientation, offset, skeleton, body, held))
    return Scene(placed, list(fixed.values()), problems)


def held_props(props: Sequence[Prop], body: Sequence[Capsule]) -> list[PropShape]:
    """Sticks, bands and weights where the hands of `body` hold them."""
    return [P.held(p.prop, body, p.hands()) for p in props if p.prop not in FIXED_KINDS]


def between(a: PlacedPose, b: PlacedPose, t: float, props: Sequence[Prop]) -> PlacedPose:
    """The frame a fraction t of the way from keyframe a to b (angles interpolated linearly)."""
    angles = {k: v + (b.angles[k] - v) * t for k, v in a.angles.items()}
    orientation = (
        a.orientation[0] + (b.orientation[0] - a.orientation[0]) * t,
        a.orientation[1] + (b.orientation[1] - a.orientation[1]) * t,
        a.orientation[2] + (b.orientation[2] - a.orientation[2]) * t,
    )
    offset = lerp(a.offset, b.offset, t)
    skeleton, body = pose_body(angles, orientation, offset)
    return PlacedPose(
        f"{a.name}-{b.name}", angles, orientation, offset, skeleton, body, held_props(props, body)
    )


def _parts(body: Sequence[Capsule], names: Sequence[str]) -> list[Capsule]:
    regions = {r for n in names for r in expand_region(n)}
    return [c for c in body if c.region in regions]


def _placement(
    body: list[Capsule],
    contact: Sequence[str],
    first: PlacedPose | None,
    poses: Mapping[str, Pose],
) -> Vec3:
    """Lift the lowest contact onto the floor, and keep the contacts that stay planted since the
    first keyframe where they were, so hands and feet do not slide between keyframes."""
    dz = -P.lowest_point(_parts(body, contact))[2]
    if first is None:
        return (0.0, 0.0, dz)
    before = {r for c in poses[first.name].contact for r in expand_region(c)}
    shared = {r for c in contact for r in expand_region(c)} & before
    moves = {
        r: _shift(_anchor(_parts(first.body, [r])), _anchor(_parts(body, [r])))
        for r in sorted(shared)
    }
    if not moves:
        return (first.offset[0], first.offset[1], dz)
    planted = max(
        ([m for m in moves.values() if _close(m, move)] for move in moves.values()), key=len
    )
    return (
        sum(m[0] for m in planted) / len(planted),
        sum(m[1] for m in planted) / len(planted),
        dz,
    )


def _shift(there: Vec3, here: Vec3) -> Vec3:
    return (there[0] - here[0], there[1] - here[1], 0.0)


def _close(a: Vec3, b: Vec3) -> bool:
    """Two shifts agree when they differ by less than a few centimetres."""
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) < 2 * CONTACT_TOLERANCE


def _anchor(parts: Sequence[Capsule]) -> Vec3:
    """The mean of the points under the middle of each region (a flat foot: under its arch)."""
    regions = sorted({c.region for c in parts})
    points = [P.middle_below([c for c in parts if c.region == r]) for r in regions]
    n = len(points)
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n, 0.0)


def _place(
    prop: Prop, body: Sequence[Capsule], fixed: Mapping[tuple[str, str], PropShape]
) -> PropShape:
    if prop.prop == "chair":
        return P.chair(body, prop.backrest, prop.side or "behind")
    if prop.prop == "foam_roller":
        return P.foam_roller(body, prop.under or "thorax", prop.lengthwise)
    side = prop.side or "behind"
    if prop.prop == "ball":
        return P.ball(body, prop.touching[0], side)
    n = P.DIRECTIONS[side]
    reach = [c.extent(n) for c in _touchables(prop.touching, body, fixed)]
    return P.wall(side, max(reach))


def _touchables(
    names: Sequence[str], body: Sequence[Capsule], fixed: Mapping[tuple[str, str], PropShape]
) -> list[Capsule]:
    balls = [c for (kind, _), shape in fixed.items() if kind == "ball" for c in shape.capsules]
    return _parts(body, [n for n in names if n != "ball"]) + (balls if "ball" in names else [])


def _cm(metres: float) -> str:
    return f"{abs(metres) * 100:.0f} cm"


def _floor_problems(
    body: Sequence[Capsule], contact: Sequence[str], held: Sequence[PropShape]
) -> list[str]:
    problems = []
    for name in contact:
        for region in expand_region(name):
            gap = P.lowest_point(_parts(body, [region]))[2]
            if gap > CONTACT_TOLERANCE:
                problems.append(f"{region} should rest on the floor but is {_cm(gap)} above it")
    for region, depth in _deepest([*body, *(c for h in held for c in h.capsules)]).items():
        if depth > PENETRATION_TOLERANCE:
            problems.append(f"{region} goes {_cm(depth)} through the floor")
    return problems


def _deepest(capsules: Sequence[Capsule]) -> dict[str, float]:
    deepest: dict[str, float] = {}
    for c in capsules:
        depth = c.radius - min(c.a[2], c.b[2])
        deepest[c.region] = max(deepest.get(c.region, depth), depth)
    return deepest


def _prop_problems(
    props: Sequence[Prop], body: Sequence[Capsule], fixed: Mapping[tuple[str, str], PropShape]
) -> list[str]:
    problems: list[str] = []
    for (kind, side), shape in fixed.items():
        listed = next((p for p in props if (p.prop, p.side or "") == (kind, side)), None)
        touching = list(listed.touching) if listed else []
        if kind == "wall" and shape.normal is not None:
            problems += _wall_problems(
                side, shape, body, _touchables(touching, body, fixed), touching
            )
        elif kind == "chair":
            problems += _box_problems(shape, body)
        elif kind in ("foam_roller", "ball"):
            under = [listed.under] if listed and listed.under else []
            problems += _resting_problems(kind, shape, _parts(body, under + touching))
    return problems


def _wall_problems(
    side: str,
    wall: PropShape,
    body: Sequence[Capsule],
    touching: Sequence[Capsule],
    names: Sequence[str],
) -> list[str]:
    assert wall.normal is not None
    problems = []
    beyond: dict[str, float] = {}
    for c in body:
        beyond[c.region] = max(beyond.get(c.region, -1.0), c.extent(wall.normal) - wall.offset)
    for region, depth in beyond.items():
        if depth > PENETRATION_TOLERANCE:
            problems.append(f"{region} goes {_cm(depth)} through the wall {_where(side)}")
    for region in [r for name in names for r in expand_region(name)]:
        reach = max(c.extent(wall.normal) for c in touching if c.region == region)
        if wall.offset - reach > CONTACT_TOLERANCE:
            gap = _cm(wall.offset - reach)
            problems.append(f"{region} should touch the wall {_where(side)} but is {gap} from it")
    return problems


def _where(side: str) -> str:
    return (
        "behind the body"
        if side == "behind"
        else f"on the {side}"
        if side != "front"
        else "in front"
    )


def _box_problems(chair: PropShape, body: Sequence[Capsule]) -> list[str]:
    problems = []
    seat_top = chair.boxes[0].centre[2] + chair.boxes[0].half[2]
    pelvis = P.lowest_point([c for c in body if c.region == "pelvis"])[2]
    if pelvis - seat_top > CONTACT_TOLERANCE:
        problems.append(f"pelvis should sit on the chair but is {_cm(pelvis - seat_top)} above it")
    for c in body:
        for box in chair.boxes:
            depth = max(box.depth_of(p) + c.radius for p in (c.a, lerp(c.a, c.b, 0.5), c.b))
            if depth > PENETRATION_TOLERANCE * 2 and c.region != "pelvis":
                problems.append(f"{c.region} goes {_cm(depth)} into the chair")
    return sorted(set(problems))


def _resting_problems(kind: str, shape: PropShape, parts: Sequence[Capsule]) -> list[str]:
    problems = []
    solid = shape.capsules[0]
    label = kind.replace("_", " ")
    for region in sorted({c.region for c in parts}):
        gap = min(_distance(c, solid) for c in parts if c.region == region)
        if gap > CONTACT_TOLERANCE:
            problems.append(f"{region} should touch the {label} but is {_cm(gap)} from it")
        elif gap < -2 * PENETRATION_TOLERANCE:
            problems.append(f"{region} sinks {_cm(gap)} into the {label}")
    return problems


def _distance(a: Capsule, b: Capsule) -> float:
    """Surface distance between two capsules (negative when they overlap), by sampling a."""
    best = float("inf")
    for i in range(9):
        p = lerp(a.a, a.b, i / 8)
        q = P.closest_on_segment(p, b.a, b.b)
        best = min(best, norm(sub(p, q)))
    return best - a.radius - b.radius
