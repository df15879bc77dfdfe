"""Body segments: lengths and radii as fractions of standing height.

Lengths follow Winter's anthropometric table (D. A. Winter, *Biomechanics and Motor Control of
Human Movement*, 4th ed., Wiley 2009, fig. 4.1, after Drillis & Contini 1966): hip joint at 0.530 H,
knee 0.285 H, ankle 0.039 H, shoulder 0.818 H, chin 0.870 H; upper arm 0.186 H, forearm 0.146 H,
hand 0.108 H, thigh 0.245 H, shank 0.246 H, foot 0.152 H, shoulder width 0.259 H, hip width 0.191 H.
The split of the trunk into pelvis, lumbar and thoracic parts (S1 0.58 H, T12/L1 0.68 H, C7 0.84 H)
and all radii are our own rounded estimates for drawing and collision checks, not measurements.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HEIGHT_M = 1.70
"""The drawn person's standing height; every length scales with it."""


@dataclass(frozen=True, slots=True)
class Segments:
    """Segment lengths, landmark offsets and radii in metres for a person `height` tall."""

    height: float = DEFAULT_HEIGHT_M

    def __getattr__(self, name: str) -> float:
        """Any name in FRACTIONS, scaled by height (e.g. `segments.thigh`)."""
        try:
            return FRACTIONS[name] * self.height
        except KeyError:
            raise AttributeError(name) from None


FRACTIONS: dict[str, float] = {
    # trunk chain, from the mid-hip point upwards
    "sacrum_height": 0.050,  # mid-hip to S1, up and back in the pelvis frame
    "sacrum_back": 0.035,
    "lumbar": 0.100,  # S1 to T12/L1
    "thoracic": 0.160,  # T12/L1 to C7
    "neck": 0.070,  # C7 to C1 (base of the skull)
    "hip_half_width": 0.050,  # hip joint centre to the mid-hip point
    # landmarks on the thorax (frame at T12/L1, x forward, z up the spine)
    "sternum_forward": 0.075,
    "sternum_height": 0.140,
    "sc_forward": 0.070,  # sternoclavicular joints
    "sc_half_width": 0.015,
    "sc_height": 0.120,
    "clavicle": 0.095,  # sternoclavicular joint to the shoulder joint centre
    # head (frame at C1)
    "head_forward": 0.020,
    "head_up": 0.035,
    "head_radius": 0.064,
    # limbs
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.090,  # wrist to the middle of the fingers
    "thumb_offset": 0.025,
    "thigh": 0.245,
    "shank": 0.246,
    "heel_back": 0.040,
    "toe_forward": 0.110,
    "foot_drop": 0.028,
    # radii, for drawing and for floor and wall checks
    "neck_radius": 0.030,
    "chest_radius": 0.066,
    "abdomen_radius": 0.055,
    "pelvis_radius": 0.062,
    "shoulder_radius": 0.033,
    "upper_arm_radius": 0.027,
    "elbow_radius": 0.023,
    "forearm_radius": 0.021,
    "hand_radius": 0.017,
    "thigh_radius": 0.044,
    "knee_radius": 0.034,
    "shank_radius": 0.030,
    "foot_radius": 0.014,
}
