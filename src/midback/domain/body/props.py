"""Props as simple solids: walls, a chair, a foam roller, a ball, and what the hands hold."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from midback.domain.body.vectors import Vec3, add, cross, dot, norm, scale, sub, unit
from midback.domain.body.volumes import Capsule, expand_region

DIRECTIONS: dict[str, Vec3] = {
    "front": (1.0, 0.0, 0.0),
    "behind": (-1.0, 0.0, 0.0),
    "left": (0.0, 1.0, 0.0),
    "right": (0.0, -1.0, 0.0),
}
"""World directions props are placed in; the body faces `front` before any yaw."""

ROLLER_RADIUS = 0.075
ROLLER_LENGTH = 0.90
BALL_RADIUS = 0.11
STICK_LENGTH = 1.30
SEAT_HALF = (0.21, 0.22, 0.025)  # depth, width, thickness
BACKREST_HEIGHT = 0.45
BACKREST_GAP = 0.05
SIDEWAYS_OFFSET = 0.09


@dataclass(frozen=True, slots=True)
class Box:
    """A box: its centre, three unit axes and the half size along each."""

    centre: Vec3
    axes: tuple[Vec3, Vec3, Vec3]
    half: tuple[float, float, float]

    def corners(self) -> list[Vec3]:
        """The eight corners."""
        return [
            add(
                self.centre,
                add(
                    scale(self.axes[0], i * self.half[0]),
                    add(
                        scale(self.axes[1], j * self.half[1]), scale(self.axes[2], k * self.half[2])
                    ),
                ),
            )
            for i in (-1, 1)
            for j in (-1, 1)
            for k in (-1, 1)
        ]

    def depth_of(self, p: Vec3) -> float:
        """How deep a point lies inside the box (negative: its distance outside)."""
        local = [dot(sub(p, self.centre), axis) for axis in self.axes]
        outside = [max(abs(c) - h, 0.0) for c, h in zip(local, self.half, strict=True)]
        if any(outside):
            return -math.sqrt(sum(o * o for o in outside))
        return min(h - abs(c) for c, h in zip(local, self.half, strict=True))


@dataclass(frozen=True, slots=True)
class PropShape:
    """One prop as drawn and checked: capsules, boxes and, for a wall, its plane."""

    kind: str
    capsules: tuple[Capsule, ...] = ()
    boxes: tuple[Box, ...] = ()
    normal: Vec3 | None = None
    """A wall's outward normal, away from the body; its face is where dot(p, normal) = offset."""
    offset: float = 0.0


def lowest_point(capsules: Sequence[Capsule]) -> Vec3:
    """The lowest surface point of some capsules."""
    return min((c.support((0.0, 0.0, -1.0)) for c in capsules), key=lambda p: p[2])


def middle_below(capsules: Sequence[Capsule]) -> Vec3:
    """The point under the middle of some capsules, at the height of their lowest surface."""
    ends = [p for c in capsules for p in (c.a, c.b)]
    low = lowest_point(capsules)[2]
    return (sum(p[0] for p in ends) / len(ends), sum(p[1] for p in ends) / len(ends), low)


def heading(body: Sequence[Capsule]) -> Vec3:
    """The horizontal direction the pelvis faces (its forward axis on the floor)."""
    pelvis = next(c for c in body if c.region == "pelvis")
    across = sub(pelvis.a, pelvis.b)  # pelvis capsule runs right → left
    forward = cross(across, (0.0, 0.0, 1.0))
    return unit((forward[0], forward[1], 0.0)) if norm(forward) > 1e-9 else (1.0, 0.0, 0.0)


def wall(side: str, offset: float) -> PropShape:
    """A wall on `side` of the body whose face lies `offset` along that direction."""
    return PropShape("wall", normal=DIRECTIONS[side], offset=offset)


def chair(body: Sequence[Capsule], backrest: bool, side: str = "behind") -> PropShape:
    """A chair whose seat carries the pelvis, its backrest behind the person or beside them."""
    pelvis = [c for c in body if c.region == "pelvis"]
    bottom = middle_below(pelvis)
    facing = heading(body)
    turns = {"behind": facing, "left": cross(facing, (0.0, 0.0, 1.0)), "front": scale(facing, -1.0)}
    forward = turns.get(side, cross((0.0, 0.0, 1.0), facing))  # from the backrest to the seat
    left = cross((0.0, 0.0, 1.0), forward)
    up: Vec3 = (0.0, 0.0, 1.0)
    rear = max(c.extent(scale(forward, -1.0)) for c in pelvis)
    # a hand's width in front of the backrest; sideways or astride, a little off the middle
    behind = -rear - dot(bottom, forward) + SEAT_HALF[0] - BACKREST_GAP
    shift = behind if side == "behind" else -SIDEWAYS_OFFSET
    centre = add(bottom, add(scale(forward, shift), (0.0, 0.0, -SEAT_HALF[2])))
    seat = Box(centre, (forward, left, up), SEAT_HALF)
    boxes = [seat]
    if backrest:
        rest = scale(up, BACKREST_HEIGHT / 2)
        back = add(centre, add(scale(forward, -0.02 - SEAT_HALF[0]), rest))
        boxes.append(Box(back, (forward, left, up), (0.02, SEAT_HALF[1], BACKREST_HEIGHT / 2)))
    legs = []
    for i in (-1, 1):
        for j in (-1, 1):
            corner = add(
                scale(forward, i * (SEAT_HALF[0] - 0.02)), scale(left, j * (SEAT_HALF[1] - 0.02))
            )
            top = add(centre, corner)
            legs.append(Capsule("chair", top, (top[0], top[1], 0.015), 0.015))
    return PropShape("chair", capsules=tuple(legs), boxes=tuple(boxes))


def foam_roller(body: Sequence[Capsule], under: str, lengthwise: bool) -> PropShape:
    """A foam roller on the floor under a body region, across the spine or along it."""
    rest = middle_below([c for c in body if c.region in expand_region(under)])
    spine = _spine_direction(body)
    axis = spine if lengthwise else cross((0.0, 0.0, 1.0), spine)
    centre = (rest[0], rest[1], ROLLER_RADIUS)
    half = scale(axis, ROLLER_LENGTH / 2)
    cap = Capsule("foam_roller", sub(centre, half), add(centre, half), ROLLER_RADIUS)
    return PropShape("foam_roller", capsules=(cap,))


def _spine_direction(body: Sequence[Capsule]) -> Vec3:
    pelvis = next(c for c in body if c.region == "pelvis")
    head = next(c for c in body if c.region == "head")
    d = sub(head.a, pelvis.a)
    return unit((d[0], d[1], 0.0))


def ball(body: Sequence[Capsule], region: str, side: str) -> PropShape:
    """A ball pressed against `region` on `side`."""
    n = DIRECTIONS[side]
    touched = max((c for c in body if c.region in expand_region(region)), key=lambda c: c.extent(n))
    centre = add(touched.support(n), scale(n, BALL_RADIUS))
    return PropShape("ball", capsules=(Capsule("ball", centre, centre, BALL_RADIUS),))


def held(kind: str, body: Sequence[Capsule], hands: Sequence[str]) -> PropShape:
    """A stick, band or weight held in `hands` (region names of one or both hands)."""
    grips = [_grip(body, h) for h in hands]
    if kind == "stick" and len(grips) == 2:
        mid, d = scale(add(grips[0], grips[1]), 0.5), unit(sub(grips[1], grips[0]))
        half = max(STICK_LENGTH, norm(sub(grips[1], grips[0])) + 0.3) / 2
        return PropShape(
            kind, (Capsule(kind, sub(mid, scale(d, half)), add(mid, scale(d, half)), 0.013),)
        )
    if kind == "band" and len(grips) == 2:
        return PropShape(kind, (Capsule(kind, grips[0], grips[1], 0.008),))
    if kind == "weight" and len(grips) == 2 and norm(sub(grips[0], grips[1])) < 0.3:
        mid = scale(add(grips[0], grips[1]), 0.5)
        return PropShape(kind, (Capsule(kind, mid, mid, 0.09),))
    return PropShape(
        kind, tuple(Capsule(kind, g, g, 0.05 if kind == "weight" else 0.02) for g in grips)
    )


def _grip(body: Sequence[Capsule], hand: str) -> Vec3:
    part = next(c for c in body if c.region == hand)
    return scale(add(part.a, part.b), 0.5)


def closest_on_segment(p: Vec3, a: Vec3, b: Vec3) -> Vec3:
    """The point of segment a–b nearest to p."""
    ab = sub(b, a)
    length2 = dot(ab, ab)
    t = 0.0 if length2 < 1e-12 else max(0.0, min(1.0, dot(sub(p, a), ab) / length2))
    return add(a, scale(ab, t))
