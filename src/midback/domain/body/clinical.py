"""Clinical angles measured back from keypoints: the inverse of `kinematics.forward`.

Each function rebuilds the segment frames it needs from keypoints alone (hips, sacrum, T12/L1,
C7, sternum, ears, nose and the limb joints, the landmarks a clinician or a camera can see) and
reads the angle as a clinician would. Examples: thoracic rotation is the angle between the
shoulder girdle and the pelvis line in the transverse plane of the thorax, once lumbar bending is
taken out; shoulder flexion is the arm against the trunk in the trunk's sagittal plane. They invert
the forward model exactly for angles inside the joint limits, with two physical exceptions: the
plane of elevation is undefined with the arm hanging or straight overhead, and arm rotation
cannot be told from forearm rotation when the elbow is straight (clinicians measure it at 90°).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from midback.domain.body.joints import SIDES, JointAngles
from midback.domain.body.kinematics import (
    CLAVICLE_NEUTRAL_ELEVATION,
    CLAVICLE_NEUTRAL_PROTRACTION,
    NECK_NEUTRAL_INCLINATION,
    shoulder_swing,
)
from midback.domain.body.segments import FRACTIONS
from midback.domain.body.vectors import (
    Mat3,
    Vec3,
    apply_t,
    cross,
    degrees_between,
    frame_from_zx,
    frame_from_zy,
    matmul,
    mirror_y,
    rot_x,
    rot_y,
    rot_z,
    sub,
    transpose,
    unit,
)

Points = Mapping[str, Vec3]


_SACRUM_TILT = math.degrees(math.atan2(-FRACTIONS["sacrum_back"], FRACTIONS["sacrum_height"]))


def pelvis_frame(kp: Points) -> Mat3:
    """Pelvis: the hip line and the line from the mid-hip point up and back to the sacrum."""
    hips = sub(kp["left_hip"], kp["right_hip"])
    return matmul(frame_from_zy(sub(kp["sacrum"], kp["pelvis"]), hips), rot_y(-_SACRUM_TILT))


def lumbar_frame(kp: Points) -> Mat3:
    """Lumbar spine: its axis (S1 to T12/L1), turned no further than the pelvis line allows."""
    return frame_from_zy(sub(kp["l1"], kp["sacrum"]), sub(kp["left_hip"], kp["right_hip"]))


def thorax_frame(kp: Points) -> Mat3:
    """Thorax: the spine from T12/L1 to C7 and the sternum in front of it."""
    return frame_from_zx(sub(kp["c7"], kp["l1"]), sub(kp["sternum"], kp["l1"]))


def neck_frame(kp: Points) -> Mat3:
    """Neck: the cervical line C7 to C1 and the ear line."""
    return frame_from_zy(sub(kp["c1"], kp["c7"]), sub(kp["left_ear"], kp["right_ear"]))


def _relative(parent: Mat3, child: Mat3) -> Mat3:
    return matmul(transpose(parent), child)


def _bend_turn(r: Mat3) -> tuple[float, float, float]:
    """Flexion, side bend (left +) and rotation (left +) of r = Ry(flex)·Rx(−side)·Rz(rot)."""
    flexion = math.atan2(r[0][2], r[2][2])
    side_bend = math.asin(max(-1.0, min(1.0, r[1][2])))
    rotation = math.atan2(r[1][0], r[1][1])
    return math.degrees(flexion), math.degrees(side_bend), math.degrees(rotation)


def _local(frame: Mat3, v: Vec3, side: str) -> Vec3:
    """A world direction in `frame`, mirrored for the right side so both sides read alike."""
    local = unit(apply_t(frame, v))
    return local if side == "left" else mirror_y(local)


def lumbar(kp: Points) -> tuple[float, float]:
    """Lumbar flexion and side bend: the lumbar axis against the pelvis."""
    z = _local(pelvis_frame(kp), sub(kp["l1"], kp["sacrum"]), "left")
    return math.degrees(math.atan2(z[0], z[2])), math.degrees(math.asin(max(-1.0, min(1.0, z[1]))))


def thoracic(kp: Points) -> tuple[float, float, float]:
    """Thoracic flexion, side bend and rotation: the thorax against the lumbar spine."""
    return _bend_turn(_relative(lumbar_frame(kp), thorax_frame(kp)))


def neck(kp: Points) -> tuple[float, float, float]:
    """Neck flexion, side bend and rotation: the cervical line and ears against the thorax."""
    lean = rot_y(-NECK_NEUTRAL_INCLINATION)
    return _bend_turn(matmul(lean, _relative(thorax_frame(kp), neck_frame(kp))))


def head_nod(kp: Points) -> float:
    """Upper-cervical nod: the nose direction against the neck, chin down positive."""
    n = _local(neck_frame(kp), sub(kp["nose"], kp["head"]), "left")
    return math.degrees(math.atan2(-n[2], n[0])) + NECK_NEUTRAL_INCLINATION


def scapula(kp: Points, side: str) -> tuple[float, float]:
    """Protraction and elevation of the shoulder girdle: the clavicle line in the thorax."""
    c = _local(thorax_frame(kp), sub(kp[f"{side}_shoulder"], kp[f"{side}_sc"]), side)
    protraction = math.degrees(math.atan2(c[0], c[1])) - CLAVICLE_NEUTRAL_PROTRACTION
    elevation = math.degrees(math.asin(max(-1.0, min(1.0, c[2])))) - CLAVICLE_NEUTRAL_ELEVATION
    return protraction, elevation


def _arm_direction(kp: Points, side: str) -> Vec3:
    return _local(thorax_frame(kp), sub(kp[f"{side}_elbow"], kp[f"{side}_shoulder"]), side)


def shoulder_flexion(kp: Points, side: str) -> float:
    """The arm against the trunk in the trunk's sagittal plane (extension negative)."""
    d = _arm_direction(kp, side)
    return math.degrees(math.atan2(d[0], -d[2]))


def shoulder_abduction(kp: Points, side: str) -> float:
    """The arm against the trunk in the trunk's frontal plane."""
    d = _arm_direction(kp, side)
    return math.degrees(math.atan2(d[1], -d[2]))


def shoulder(kp: Points, side: str) -> tuple[float, float, float]:
    """Plane of elevation, elevation and axial rotation (external +) of the arm."""
    d = _arm_direction(kp, side)
    elevation = math.degrees(math.atan2(math.hypot(d[0], d[1]), -d[2]))
    plane = math.degrees(math.atan2(d[1], d[0]))
    forearm = _local(thorax_frame(kp), sub(kp[f"{side}_wrist"], kp[f"{side}_elbow"]), side)
    f = apply_t(shoulder_swing(plane, elevation), forearm)
    return plane, elevation, math.degrees(math.atan2(f[1], f[0]))


def elbow_flexion(kp: Points, side: str) -> float:
    """The angle between upper arm and forearm."""
    upper = sub(kp[f"{side}_elbow"], kp[f"{side}_shoulder"])
    return degrees_between(upper, sub(kp[f"{side}_wrist"], kp[f"{side}_elbow"]))


def forearm_and_wrist(kp: Points, side: str) -> tuple[float, float]:
    """Forearm pronation (from mid-position) and wrist extension."""
    plane, elevation, rotation = shoulder(kp, side)
    bent = rot_y(-elbow_flexion(kp, side))
    forearm = matmul(matmul(shoulder_swing(plane, elevation), rot_z(rotation)), bent)
    thorax, s = thorax_frame(kp), f"{side}_"
    thumb = apply_t(forearm, _local(thorax, sub(kp[s + "thumb"], kp[s + "wrist"]), side))
    pronation = math.degrees(math.atan2(-thumb[1], thumb[0]))
    hand_frame = matmul(forearm, rot_z(-pronation))
    h = apply_t(hand_frame, _local(thorax, sub(kp[s + "hand"], kp[s + "wrist"]), side))
    return pronation, math.degrees(math.atan2(h[1], -h[2]))


def hip_and_knee(kp: Points, side: str) -> tuple[float, float, float, float, float]:
    """Hip flexion, abduction and rotation (external +), knee flexion, ankle dorsiflexion."""
    pelvis, s = pelvis_frame(kp), f"{side}_"
    d = _local(pelvis, sub(kp[s + "knee"], kp[s + "hip"]), side)
    shank = _local(pelvis, sub(kp[s + "ankle"], kp[s + "knee"]), side)
    foot = _local(pelvis, sub(kp[s + "toe"], kp[s + "heel"]), side)
    flexion = math.degrees(math.atan2(d[0], -d[2]))
    abduction = math.degrees(math.asin(max(-1.0, min(1.0, d[1]))))
    thigh = frame_from_zy((-d[0], -d[1], -d[2]), cross(foot, shank))
    twist = _relative(matmul(rot_y(-flexion), rot_x(abduction)), thigh)
    sh = apply_t(thigh, shank)
    knee = math.degrees(math.atan2(-sh[0], -sh[2]))
    ft = apply_t(matmul(thigh, rot_y(knee)), foot)
    ankle = math.degrees(math.atan2(ft[2], ft[0]))
    return flexion, abduction, math.degrees(math.atan2(twist[1][0], twist[0][0])), knee, ankle


def clinical_angles(kp: Points) -> JointAngles:
    """Every resolved joint angle of `forward`, measured back from its keypoints."""
    angles: JointAngles = {}
    angles["lumbar_flexion"], angles["lumbar_side_bend"] = lumbar(kp)
    t = thoracic(kp)
    angles.update(thoracic_flexion=t[0], thoracic_side_bend=t[1], thoracic_rotation=t[2])
    n = neck(kp)
    angles.update(neck_flexion=n[0], neck_side_bend=n[1], neck_rotation=n[2])
    angles["head_nod"] = head_nod(kp)
    for side in SIDES:
        s = f"{side}_"
        angles[s + "scapula_protraction"], angles[s + "scapula_elevation"] = scapula(kp, side)
        sh = shoulder(kp, side)
        angles.update({s + "shoulder_plane": sh[0], s + "shoulder_elevation": sh[1]})
        angles[s + "shoulder_rotation"] = sh[2]
        angles[s + "elbow_flexion"] = elbow_flexion(kp, side)
        angles[s + "forearm_pronation"], angles[s + "wrist_extension"] = forearm_and_wrist(kp, side)
        leg = hip_and_knee(kp, side)
        for name, value in zip(_LEG, leg, strict=True):
            angles[s + name] = value
    return angles


_LEG = ("hip_flexion", "hip_abduction", "hip_rotation", "knee_flexion", "ankle_dorsiflexion")

CLINICAL_MEASURES: dict[str, Callable[[Points, str], float]] = {
    "shoulder_flexion": shoulder_flexion,
    "shoulder_abduction": shoulder_abduction,
}
"""Clinical readings that are not model parameters but equal them in their own plane."""
