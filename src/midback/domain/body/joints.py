"""Named joint angles, the human joint-limit table (with sources) and how content names resolve.

Every angle is in degrees from the anatomical zero (standing upright, arms by the sides, palms
facing the thighs). Signs: flexion, abduction, external rotation, pronation, wrist extension,
ankle dorsiflexion, protraction and elevation are positive; spine side bending and rotation are
positive to the LEFT. Spine angles are measured from the person's habitual upright posture, as in
Edmondston et al. 2011 (clinical-facts §1), not from a straight spine.

Content may write an angle for both sides at once (`knee_flexion: 90`) or per side
(`left_knee_flexion: 90`, which wins). The shoulder is modelled as a plane of elevation, an
elevation in that plane and an axial rotation (the "globe" of ISB, Wu et al. 2005, J Biomech
38:981–992), because flexion and abduction read as two independent angles break down as soon as the
arm is horizontal; `shoulder_flexion` and `shoulder_abduction` are accepted as shorthands for
elevation in the forward (0°) and sideways (90°) planes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches

SIDES = ("left", "right")

AXIAL_ANGLES = (
    "lumbar_flexion",
    "lumbar_side_bend",
    "thoracic_flexion",
    "thoracic_side_bend",
    "thoracic_rotation",
    "neck_flexion",
    "neck_side_bend",
    "neck_rotation",
    "head_nod",
)
SIDED_ANGLES = (
    "scapula_protraction",
    "scapula_elevation",
    "shoulder_plane",
    "shoulder_elevation",
    "shoulder_rotation",
    "elbow_flexion",
    "forearm_pronation",
    "wrist_extension",
    "hip_flexion",
    "hip_abduction",
    "hip_rotation",
    "knee_flexion",
    "ankle_dorsiflexion",
)
SHOULDER_SHORTHANDS = {"shoulder_flexion": 0.0, "shoulder_abduction": 90.0}
"""Shorthand name → the plane of elevation it stands for."""

JointAngles = dict[str, float]
"""Resolved angles: every axial name and every `left_`/`right_` sided name, in degrees."""


@dataclass(frozen=True, slots=True)
class JointLimit:
    """The range a healthy adult can reach, and where the numbers come from."""

    low: float
    high: float
    source: str


AAOS = "AAOS, Joint Motion: Method of Measuring and Recording (1965); Norkin & White 2016"
AMA = "AMA Guides to the Evaluation of Permanent Impairment, 5th ed. (2000) [unverified]"
THORACIC = (
    "textbook thoracic ranges (clinical-facts §1) [unverified]; rotation includes the small lumbar "
    "share: seated 45° (AMA via Kosmahl), heel-sit up to ~75° (Heneghan et al. 2018)"
)

LIMITS: dict[str, JointLimit] = {
    "lumbar_flexion": JointLimit(-30, 60, AMA + "; extension widened by 5° for prone work"),
    "lumbar_side_bend": JointLimit(-25, 25, AMA),
    "thoracic_flexion": JointLimit(-45, 45, THORACIC),
    "thoracic_side_bend": JointLimit(-40, 40, THORACIC),
    "thoracic_rotation": JointLimit(-60, 60, THORACIC),
    "neck_flexion": JointLimit(-60, 50, AMA + " (cervical)"),
    "neck_side_bend": JointLimit(-45, 45, AMA + " (cervical)"),
    "neck_rotation": JointLimit(-80, 80, AMA + " (cervical)"),
    "head_nod": JointLimit(
        -20, 20, "upper cervical flexion/extension, Bogduk & Mercer 2000 [unverified]"
    ),
    "scapula_protraction": JointLimit(
        -25,
        30,
        "clavicle motion, Ludewig et al. 2009, J Bone Joint Surg Am 91:378–389 [unverified]",
    ),
    "scapula_elevation": JointLimit(-10, 40, "clavicle motion, Ludewig et al. 2009 [unverified]"),
    "shoulder_plane": JointLimit(-45, 180, AAOS + " (horizontal adduction 135° from abduction)"),
    "shoulder_elevation": JointLimit(0, 180, AAOS),
    "shoulder_flexion": JointLimit(-60, 180, AAOS + " (extension 60°)"),
    "shoulder_abduction": JointLimit(0, 180, AAOS),
    "shoulder_rotation": JointLimit(
        -90,
        90,
        AAOS + " (internal 70° measured at 90° abduction; with the arm low the forearm crosses "
        "the belly at ~90° [unverified]; external 90°)",
    ),
    "elbow_flexion": JointLimit(0, 150, AAOS),
    "forearm_pronation": JointLimit(-80, 80, AAOS + " (from mid-position)"),
    "wrist_extension": JointLimit(
        -80,
        90,
        AAOS + " (active extension 70°; hands flat on the floor take it to about 90° [unverified])",
    ),
    "hip_flexion": JointLimit(-30, 135, AAOS + " (120° active; more with the knee bent)"),
    "hip_abduction": JointLimit(-30, 45, AAOS),
    "hip_rotation": JointLimit(-45, 45, AAOS),
    "knee_flexion": JointLimit(
        -5,
        160,
        "AAOS 135° active; heel-sitting reaches ~155° "
        "(Hemmerich et al. 2006, J Orthop Res 24:770–781)",
    ),
    "ankle_dorsiflexion": JointLimit(
        -75,
        35,
        AAOS + " (20°/50° active); kneeling on the top of "
        "the foot and lunging go further, and the rigid model foot "
        "also stands in for the midfoot [unverified]",
    ),
}


def limit_for(name: str) -> JointLimit:
    """The limit of an angle name as written in content (sided or not)."""
    return LIMITS[base_name(name)]


def base_name(name: str) -> str:
    """'left_knee_flexion' → 'knee_flexion'."""
    for side in SIDES:
        if name.startswith(side + "_"):
            return name[len(side) + 1 :]
    return name


def written_names() -> list[str]:
    """Every angle name content may use."""
    sided = [*SIDED_ANGLES, *SHOULDER_SHORTHANDS]
    return [*AXIAL_ANGLES, *sided, *(f"{s}_{n}" for s in SIDES for n in sided)]


def neutral() -> JointAngles:
    """All resolved angles at zero: upright, arms by the sides."""
    angles = dict.fromkeys(AXIAL_ANGLES, 0.0)
    angles.update({f"{s}_{n}": 0.0 for s in SIDES for n in SIDED_ANGLES})
    return angles


def max_elevation(plane: float) -> float:
    """Elevation allowed in a plane: 180° in front and to the side, down to 60° straight behind."""
    return 180.0 if plane <= 90.0 else 180.0 - (plane - 90.0) * 120.0 / 90.0


_SHOULDER_DIRECTION = (
    "shoulder_flexion",
    "shoulder_abduction",
    "shoulder_plane",
    "shoulder_elevation",
)


def resolve(written: Mapping[str, float]) -> tuple[JointAngles, list[str]]:
    """Resolved angles for angles as written in content, and every problem found in them."""
    problems = [p for name, value in written.items() for p in _check_written(name, value)]
    angles = neutral()
    for level in ("", "left_", "right_"):  # both-sides values first, per-side values win
        for name, value in written.items():
            base = base_name(name)
            if name not in _KNOWN or name != level + base or base in _SHOULDER_DIRECTION:
                continue
            sides = SIDES if not level and base in SIDED_ANGLES else (level.rstrip("_"),)
            for side in sides:
                angles[f"{side}_{base}" if side else base] = float(value)
    for side in SIDES:
        problems += _resolve_shoulder(written, side, angles)
    return angles, problems


def _check_written(name: str, value: float) -> list[str]:
    if name not in _KNOWN:
        hint = get_close_matches(name, _KNOWN, n=2, cutoff=0.6)
        suffix = f" (did you mean {' or '.join(hint)}?)" if hint else ""
        return [f"unknown angle '{name}'{suffix}"]
    limit = limit_for(name)
    if limit.low <= value <= limit.high:
        return []
    return [
        f"{name} is {value:g}°, outside the human range {limit.low:g}° to {limit.high:g}° "
        f"({limit.source})"
    ]


def _resolve_shoulder(written: Mapping[str, float], side: str, angles: JointAngles) -> list[str]:
    """Turn the most specific shoulder-direction entries for `side` into plane and elevation."""
    for prefix in (f"{side}_", ""):
        given = {n: written[prefix + n] for n in _SHOULDER_DIRECTION if prefix + n in written}
        if given:
            break
    kinds = {
        "flexion" if "flexion" in n else "abduction" if "abduction" in n else "globe" for n in given
    }
    if len(kinds) > 1:
        names = ", ".join(prefix + n for n in given)
        return [
            f"{names}: give one of shoulder_flexion, shoulder_abduction or "
            "shoulder_plane with shoulder_elevation"
        ]
    plane, elevation = given.get("shoulder_plane", 0.0), given.get("shoulder_elevation", 0.0)
    if "shoulder_flexion" in given:
        flexion = given["shoulder_flexion"]
        plane, elevation = (0.0, flexion) if flexion >= 0 else (180.0, -flexion)
    elif "shoulder_abduction" in given:
        plane, elevation = 90.0, given["shoulder_abduction"]
    angles[f"{side}_shoulder_plane"], angles[f"{side}_shoulder_elevation"] = plane, elevation
    if "globe" in kinds and elevation > max_elevation(plane) + 1e-9:
        return [
            f"{side} shoulder: elevation {elevation:g}° in plane {plane:g}° is beyond the "
            f"{max_elevation(plane):.0f}° a shoulder reaches that far behind the body "
            f"({AAOS}: extension 60°, horizontal abduction 45°)"
        ]
    return []


_KNOWN = written_names()
