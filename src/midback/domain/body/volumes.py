"""The body's volume as rounded capsules, grouped into named regions for contacts and drawing."""

from __future__ import annotations

from dataclasses import dataclass

from midback.domain.body.joints import SIDES
from midback.domain.body.kinematics import Skeleton
from midback.domain.body.vectors import Vec3, add, apply, dot, scale

TRUNK_REGIONS = ("head", "neck", "thorax", "abdomen", "pelvis")
LIMB_REGIONS = ("upper_arm", "elbow", "forearm", "hand", "thigh", "knee", "shin", "foot")
PLURALS = {
    "upper_arms": "upper_arm",
    "elbows": "elbow",
    "forearms": "forearm",
    "hands": "hand",
    "thighs": "thigh",
    "knees": "knee",
    "shins": "shin",
    "feet": "foot",
}
LIMB_OF = {
    "upper_arm": "arm",
    "elbow": "arm",
    "forearm": "arm",
    "hand": "arm",
    "thigh": "leg",
    "knee": "leg",
    "shin": "leg",
    "foot": "leg",
}


@dataclass(frozen=True, slots=True)
class Capsule:
    """A segment a–b swept by a sphere of `radius` (a sphere when a == b), part of `region`."""

    region: str
    a: Vec3
    b: Vec3
    radius: float

    def extent(self, direction: Vec3) -> float:
        """How far the capsule reaches along a unit `direction`."""
        return max(dot(self.a, direction), dot(self.b, direction)) + self.radius

    def support(self, direction: Vec3) -> Vec3:
        """The capsule's surface point farthest along a unit `direction`."""
        end = self.a if dot(self.a, direction) >= dot(self.b, direction) else self.b
        return add(end, scale(direction, self.radius))

    @property
    def side(self) -> str | None:
        """'left' or 'right' for limb parts, None for the trunk and head."""
        side = self.region.split("_", 1)[0]
        return side if side in SIDES else None

    @property
    def limb(self) -> str | None:
        """'left_arm', 'right_leg' and so on, or None for the trunk and head."""
        side = self.side
        return f"{side}_{LIMB_OF[self.region[len(side) + 1 :]]}" if side else None


def region_names() -> list[str]:
    """Every name a contact or prop may refer to: regions, sided regions and plurals."""
    sided = [f"{side}_{name}" for side in SIDES for name in LIMB_REGIONS]
    return [*TRUNK_REGIONS, *PLURALS, *sided]


def expand_region(name: str) -> tuple[str, ...]:
    """'hands' → ('left_hand', 'right_hand'); a single region stays itself."""
    if name in PLURALS:
        return tuple(f"{side}_{PLURALS[name]}" for side in SIDES)
    return (name,)


def body_capsules(sk: Skeleton) -> list[Capsule]:
    """The capsules making up the posed body, trunk first."""
    p, f, seg = sk.points, sk.frames, sk.segments
    h = seg.height

    def at(frame: str, origin: str, x: float, y: float, z: float) -> Vec3:
        return add(p[origin], apply(f[frame], (x * h, y * h, z * h)))

    parts = [Capsule("head", p["head"], p["head"], seg.head_radius)]
    neck_base = at("thorax", "l1", 0.030, 0.0, 0.150)
    parts.append(Capsule("neck", neck_base, at("head", "c1", 0.010, 0.0, 0.0), seg.neck_radius))
    for y in (-0.030, 0.030):
        low, high = at("thorax", "l1", 0.038, y, 0.030), at("thorax", "l1", 0.034, y * 1.2, 0.092)
        parts.append(Capsule("thorax", low, high, seg.chest_radius))
        low, high = at("lumbar", "sacrum", 0.052, y, 0.0), at("lumbar", "sacrum", 0.054, y, 0.085)
        parts.append(Capsule("abdomen", low, high, seg.abdomen_radius))
    left, right = (
        at("pelvis", "pelvis", -0.006, 0.032, 0.004),
        at("pelvis", "pelvis", -0.006, -0.032, 0.004),
    )
    parts.append(Capsule("pelvis", left, right, seg.pelvis_radius))
    for side in SIDES:
        parts += _limb_capsules(sk, side)
    return parts


def _limb_capsules(sk: Skeleton, side: str) -> list[Capsule]:
    p, seg, s = sk.points, sk.segments, f"{side}_"
    grip = scale(add(p[s + "wrist"], p[s + "hand"]), 0.5)
    biceps = add(scale(p[s + "shoulder"], 0.4), scale(p[s + "elbow"], 0.6))
    quads = add(scale(p[s + "hip"], 0.4), scale(p[s + "knee"], 0.6))
    return [
        Capsule("thorax", p[s + "shoulder"], p[s + "shoulder"], seg.shoulder_radius),
        Capsule("thorax", p[s + "sc"], p[s + "shoulder"], seg.upper_arm_radius),
        Capsule(s + "upper_arm", p[s + "shoulder"], biceps, seg.upper_arm_radius),
        Capsule(s + "upper_arm", biceps, p[s + "elbow"], seg.elbow_radius),
        Capsule(s + "elbow", p[s + "elbow"], p[s + "elbow"], seg.elbow_radius),
        Capsule(s + "forearm", p[s + "elbow"], p[s + "wrist"], seg.forearm_radius),
        Capsule(s + "hand", p[s + "wrist"], grip, seg.hand_radius),
        Capsule(s + "hand", grip, p[s + "hand"], seg.hand_radius * 0.9),
        Capsule(s + "thigh", p[s + "hip"], quads, seg.thigh_radius),
        Capsule(s + "thigh", quads, p[s + "knee"], seg.knee_radius),
        Capsule(s + "knee", p[s + "knee"], p[s + "knee"], seg.knee_radius),
        Capsule(s + "shin", p[s + "knee"], p[s + "ankle"], seg.shank_radius),
        Capsule(s + "foot", p[s + "ankle"], p[s + "ankle"], seg.foot_radius * 1.6),
        Capsule(s + "foot", p[s + "heel"], p[s + "toe"], seg.foot_radius),
    ]
