"""Forward kinematics: joint angles and a body orientation → 3D keypoints and segment frames.

World axes: x forward (where an upright body faces), y to the body's left, z up; metres. The root
is the mid-hip point at the origin; `scene` later sets the body on the floor. Every frame has x
forward, y to the left and z along the segment towards the head (limbs: towards the proximal
joint) in the anatomical position. The right side is the mirror image of the left through the
sagittal plane, so one set of formulas, with positive angles meaning the same movement, serves both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from midback.domain.body.joints import SIDES, JointAngles
from midback.domain.body.segments import Segments
from midback.domain.body.vectors import (
    IDENTITY,
    Mat3,
    Vec3,
    add,
    apply,
    matmul,
    rot_axis,
    rot_x,
    rot_y,
    rot_z,
)

CLAVICLE_NEUTRAL_PROTRACTION = -20.0
"""At rest the clavicle points ~20° backwards and ~5° up from the frontal plane [unverified]."""
CLAVICLE_NEUTRAL_ELEVATION = 5.0
NECK_NEUTRAL_INCLINATION = 25.0
"""In habitual standing the neck leans forward from C7, the ear ~10 cm ahead of it (a
craniovertebral angle near 50°) while the head itself looks level [unverified]."""


@dataclass(frozen=True, slots=True)
class Skeleton:
    """Keypoints and segment frames of one posed body, in world coordinates."""

    points: dict[str, Vec3]
    frames: dict[str, Mat3]
    segments: Segments

    def moved(self, offset: Vec3) -> Skeleton:
        """The same skeleton translated by `offset`."""
        points = {name: add(p, offset) for name, p in self.points.items()}
        return Skeleton(points, self.frames, self.segments)


def body_orientation(pitch: float = 0.0, roll: float = 0.0, yaw: float = 0.0) -> Mat3:
    """The pelvis frame in the world: `yaw` about the vertical, then `pitch` forward, then `roll`
    about the body's long axis (positive turns the front towards the body's left)."""
    return matmul(matmul(rot_z(yaw), rot_y(pitch)), rot_z(roll))


def mirror(m: Mat3) -> Mat3:
    """M·m·M with M the left–right reflection: the right-side twin of a left-side rotation."""
    return (
        (m[0][0], -m[0][1], m[0][2]),
        (-m[1][0], m[1][1], -m[1][2]),
        (m[2][0], -m[2][1], m[2][2]),
    )


def _sided(m: Mat3, side: str) -> Mat3:
    return m if side == "left" else mirror(m)


def _lat(y: float, side: str) -> float:
    return y if side == "left" else -y


def shoulder_swing(plane: float, elevation: float) -> Mat3:
    """Rotation lifting a hanging arm by `elevation` within the plane `plane` (0° forward, 90°
    sideways), left side."""
    p = math.radians(plane)
    return rot_axis((math.sin(p), -math.cos(p), 0.0), elevation)


def forward(
    angles: JointAngles, root: Mat3 = IDENTITY, segments: Segments | None = None
) -> Skeleton:
    """Pose the body: every keypoint and segment frame for `angles`, pelvis oriented by `root`."""
    seg = segments or Segments()
    points: dict[str, Vec3] = {"pelvis": (0.0, 0.0, 0.0)}
    frames: dict[str, Mat3] = {"pelvis": root}
    _trunk(angles, seg, points, frames)
    for side in SIDES:
        _arm(angles, seg, side, points, frames)
        _leg(angles, seg, side, points, frames)
    return Skeleton(points, frames, seg)


def _trunk(a: JointAngles, seg: Segments, points: dict[str, Vec3], frames: dict[str, Mat3]) -> None:
    pelvis = frames["pelvis"]
    for side in SIDES:
        points[f"{side}_hip"] = apply(pelvis, (0.0, _lat(seg.hip_half_width, side), 0.0))
    points["sacrum"] = apply(pelvis, (-seg.sacrum_back, 0.0, seg.sacrum_height))
    lumbar = matmul(pelvis, matmul(rot_y(a["lumbar_flexion"]), rot_x(-a["lumbar_side_bend"])))
    points["l1"] = add(points["sacrum"], apply(lumbar, (0.0, 0.0, seg.lumbar)))
    bend = matmul(rot_y(a["thoracic_flexion"]), rot_x(-a["thoracic_side_bend"]))
    thorax = matmul(lumbar, matmul(bend, rot_z(a["thoracic_rotation"])))
    points["c7"] = add(points["l1"], apply(thorax, (0.0, 0.0, seg.thoracic)))
    sternum = (seg.sternum_forward, 0.0, seg.sternum_height)
    points["sternum"] = add(points["l1"], apply(thorax, sternum))
    bend = matmul(rot_y(a["neck_flexion"]), rot_x(-a["neck_side_bend"]))
    lean = rot_y(NECK_NEUTRAL_INCLINATION)
    neck = matmul(thorax, matmul(lean, matmul(bend, rot_z(a["neck_rotation"]))))
    points["c1"] = add(points["c7"], apply(neck, (0.0, 0.0, seg.neck)))
    head = matmul(neck, rot_y(a["head_nod"] - NECK_NEUTRAL_INCLINATION))
    centre = (seg.head_forward, 0.0, seg.head_up)
    points["head"] = add(points["c1"], apply(head, centre))
    nose = (seg.head_forward + seg.head_radius, 0.0, seg.head_up)
    points["nose"] = add(points["c1"], apply(head, nose))
    for side in SIDES:
        ear = (seg.head_forward, _lat(seg.head_radius, side), seg.head_up)
        points[f"{side}_ear"] = add(points["c1"], apply(head, ear))
    frames.update(lumbar=lumbar, thorax=thorax, neck=neck, head=head)


def clavicle_direction(protraction: float, elevation: float) -> Vec3:
    """Unit vector from the sternoclavicular joint to the shoulder, thorax frame, left side."""
    p = math.radians(protraction + CLAVICLE_NEUTRAL_PROTRACTION)
    e = math.radians(elevation + CLAVICLE_NEUTRAL_ELEVATION)
    return (math.sin(p) * math.cos(e), math.cos(p) * math.cos(e), math.sin(e))


def _arm(
    a: JointAngles, seg: Segments, side: str, points: dict[str, Vec3], frames: dict[str, Mat3]
) -> None:
    thorax, l1, s = frames["thorax"], points["l1"], f"{side}_"
    sc = add(l1, apply(thorax, (seg.sc_forward, _lat(seg.sc_half_width, side), seg.sc_height)))
    cx, cy, cz = clavicle_direction(a[s + "scapula_protraction"], a[s + "scapula_elevation"])
    clavicle = (cx * seg.clavicle, _lat(cy * seg.clavicle, side), cz * seg.clavicle)
    shoulder = add(sc, apply(thorax, clavicle))
    swing = shoulder_swing(a[s + "shoulder_plane"], a[s + "shoulder_elevation"])
    upper = matmul(thorax, _sided(matmul(swing, rot_z(a[s + "shoulder_rotation"])), side))
    elbow = add(shoulder, apply(upper, (0.0, 0.0, -seg.upper_arm)))
    bend = matmul(rot_y(-a[s + "elbow_flexion"]), rot_z(-a[s + "forearm_pronation"]))
    fore = matmul(upper, _sided(bend, side))
    wrist = add(elbow, apply(fore, (0.0, 0.0, -seg.forearm)))
    hand = matmul(fore, _sided(rot_x(a[s + "wrist_extension"]), side))
    points.update(
        {
            s + "sc": sc,
            s + "shoulder": shoulder,
            s + "elbow": elbow,
            s + "wrist": wrist,
            s + "thumb": add(wrist, apply(fore, (seg.thumb_offset, 0.0, 0.0))),
            s + "hand": add(wrist, apply(hand, (0.0, 0.0, -seg.hand))),
        }
    )
    frames.update({s + "upper_arm": upper, s + "forearm": fore, s + "hand": hand})


def _leg(
    a: JointAngles, seg: Segments, side: str, points: dict[str, Vec3], frames: dict[str, Mat3]
) -> None:
    s = f"{side}_"
    hip_local = matmul(rot_y(-a[s + "hip_flexion"]), rot_x(a[s + "hip_abduction"]))
    thigh = matmul(frames["pelvis"], _sided(matmul(hip_local, rot_z(a[s + "hip_rotation"])), side))
    knee = add(points[s + "hip"], apply(thigh, (0.0, 0.0, -seg.thigh)))
    shank = matmul(thigh, rot_y(a[s + "knee_flexion"]))
    ankle = add(knee, apply(shank, (0.0, 0.0, -seg.shank)))
    foot = matmul(shank, rot_y(-a[s + "ankle_dorsiflexion"]))
    points.update(
        {
            s + "knee": knee,
            s + "ankle": ankle,
            s + "heel": add(ankle, apply(foot, (-seg.heel_back, 0.0, -seg.foot_drop))),
            s + "toe": add(ankle, apply(foot, (seg.toe_forward, 0.0, -seg.foot_drop))),
        }
    )
    frames.update({s + "thigh": thigh, s + "shank": shank, s + "foot": foot})
