"""Synthetic landmark streams: the body model performing an exercise, seen by a camera.

The exercise's own keyframes (start → end) are posed by `body.scene`, interpolated along a known
script (lead-in, reps or holds, pauses), projected from the camera spec's view and placed in a
640×480 picture in MediaPipe's 33-landmark layout. `Noise` then adds what real streams have.
The truth (reps, hold seconds, faults performed) is known by construction, so counters can be
scored against it without a browser or a camera.

Documented noise (`Noise.realistic`): landmark jitter σ = 2 px (the pose model's frame-to-frame
scatter on a still person at 640×480 is about 1–3 px), frame times jittered by ±30 % around
15 fps, 5 % of frames with no person found, and one out-of-frame spell of 1 s per set during
which the person has stepped half out of the picture and the model guesses (visibility 0.67).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from midback.domain.body.camera import Camera
from midback.domain.body.joints import JointAngles
from midback.domain.body.kinematics import body_orientation, forward
from midback.domain.body.pose import Pose
from midback.domain.body.scene import build_scene
from midback.domain.body.vectors import Vec3, add, lerp, scale, sub
from midback.domain.camera.landmarks import LANDMARKS, Frame, Landmark

WIDTH, HEIGHT = 640, 480
FILL = 0.8
"""The body's box fills 80 % of the picture's height or width, whichever is tighter."""
VIEWS: dict[str, tuple[float, float]] = {
    "front": (0.0, 5.0),
    "side": (-90.0, 5.0),
    "head_end": (0.0, 15.0),
}
"""Camera azimuth and elevation for each spec view (a phone on a shelf, slightly above)."""

FAULT_ANGLES: dict[str, dict[str, float]] = {
    "shoulder_raise": {"left_scapula_elevation": 30.0, "right_scapula_elevation": 30.0},
    "side_bend": {"thoracic_side_bend": 20.0, "lumbar_side_bend": 15.0},
    "hip_turn": {},
}
"""How the synthetic person performs each fault, at full strength, on top of the end pose."""
FAULT_YAW = {"hip_turn": 35.0}
"""Faults performed by turning the whole body about the vertical (the pelvis turns along)."""


@dataclass(frozen=True, slots=True)
class Script:
    """What the synthetic person does in one set. `fault` names a fault measure performed on the
    reps listed in `fault_reps` (1-based); `fault_sign` picks side_bend's direction (+ = left)."""

    reps: int
    rep_s: float = 3.0
    hold_s: float = 0.0
    pause_s: float = 1.2
    lead_s: float = 1.5
    fault: str | None = None
    fault_reps: tuple[int, ...] = ()
    fault_sign: float = 1.0
    fps: float = 15.0


@dataclass(frozen=True, slots=True)
class Noise:
    """What makes a real stream untidy; all zero is a clean stream."""

    sigma_px: float = 0.0
    jitter: float = 0.0
    drop: float = 0.0
    spells: int = 0
    spell_s: float = 1.0

    @classmethod
    def realistic(cls) -> Noise:
        """The documented noise the counters must survive (see the module docstring)."""
        return cls(sigma_px=2.0, jitter=0.3, drop=0.05, spells=1)


@dataclass(frozen=True, slots=True)
class Stream:
    """A synthetic set: its frames and what was really done."""

    frames: list[Frame]
    reps: int
    holds: tuple[float, ...]
    fault_times: tuple[tuple[float, float], ...] = field(default=())


def timeline(script: Script) -> tuple[float, list[tuple[float, float, float]]]:
    """Total seconds and, per rep, (rise start, top reached, top left); rise and fall each take
    half of `rep_s` on a smooth cosine."""
    t, reps = script.lead_s, []
    half = script.rep_s / 2
    for _ in range(script.reps):
        reps.append((t, t + half, t + half + script.hold_s))
        t += script.rep_s + script.hold_s + script.pause_s
    return t + 0.5, reps


def progress(t: float, reps: list[tuple[float, float, float]], half: float) -> tuple[float, int]:
    """How far into the movement (0 start, 1 end) at `t`, and which rep (1-based, 0 none)."""
    for number, (rise, top, leave) in enumerate(reps, start=1):
        if rise <= t < top:
            return (1 - math.cos(math.pi * (t - rise) / half)) / 2, number
        if top <= t < leave:
            return 1.0, number
        if leave <= t < leave + half:
            return (1 + math.cos(math.pi * (t - leave) / half)) / 2, number
    return 0.0, 0


class Performer:
    """Poses the body between an exercise's first and last keyframe, with or without a fault."""

    def __init__(self, poses: Mapping[str, Pose], view: str) -> None:
        placed = build_scene(poses).poses
        self.start, self.end = placed[0], placed[-1]
        self.camera = Camera(*VIEWS[view])
        self.cache: dict[tuple[float, str | None, float], list[tuple[float, float]]] = {}

    def seen(self, s: float, fault: str | None, sign: float) -> list[tuple[float, float]]:
        """The projected landmarks at `s` (to 0.001 of the movement, memoised: streams repeat)."""
        key = (round(s, 3), fault, sign)
        if key not in self.cache:
            self.cache[key] = self.picture(self.points(key[0], fault, sign))
        return self.cache[key]

    def points(self, s: float, fault: str | None = None, sign: float = 1.0) -> dict[str, Vec3]:
        """The skeleton's keypoints a fraction `s` of the way, the fault scaled by `s` too."""
        a, b = self.start, self.end
        angles: JointAngles = {k: v + (b.angles[k] - v) * s for k, v in a.angles.items()}
        pitch, roll, yaw = (
            x + (y - x) * s for x, y in zip(a.orientation, b.orientation, strict=True)
        )
        if fault is not None:
            for name, extra in FAULT_ANGLES.get(fault, {}).items():
                angles[name] += extra * s * (sign if "side_bend" in name else 1.0)
            yaw += FAULT_YAW.get(fault, 0.0) * s
        root = body_orientation(pitch, roll, yaw)
        return forward(angles, root).moved(lerp(a.offset, b.offset, s)).points

    def picture(self, points: Mapping[str, Vec3]) -> list[tuple[float, float]]:
        """The 33 landmarks projected into picture units (x right, y up), before placing."""
        return [self.camera.project(p)[:2] for p in _layout(points)]


def _layout(kp: Mapping[str, Vec3]) -> list[Vec3]:
    """The 33 landmarks from the body model's keypoints (eyes and mouth placed on the head)."""
    head_up = sub(kp["head"], kp["c1"])
    out: list[Vec3] = []
    for name in LANDMARKS:
        side = "left" if name.startswith("left") else "right"
        if name == "nose":
            out.append(kp["nose"])
        elif "eye" in name:
            toward = {"inner": 0.2, "outer": 0.55}.get(name.rsplit("_", 1)[-1], 0.38)
            out.append(add(lerp(kp["nose"], kp[f"{side}_ear"], toward), scale(head_up, 0.25)))
        elif name.startswith("mouth"):
            mouth = lerp(kp["nose"], kp[f"{name.split('_')[1]}_ear"], 0.25)
            out.append(sub(mouth, scale(head_up, 0.45)))
        elif name.endswith(("pinky", "index")) and "foot" not in name:
            out.append(kp[f"{side}_hand"])
        elif name.endswith("thumb"):
            out.append(kp[f"{side}_thumb"])
        elif name.endswith("foot_index"):
            out.append(kp[f"{side}_toe"])
        else:
            out.append(kp[name])
    return out


def generate(performer: Performer, script: Script, noise: Noise, rng: random.Random) -> Stream:
    """A set performed by the body model, seen by `performer`'s camera, with `noise`."""
    total, reps = timeline(script)
    half = script.rep_s / 2
    times = _frame_times(total, script.fps, noise.jitter, rng)
    raw: list[tuple[float, list[tuple[float, float]]]] = []
    for t in times:
        s, rep = progress(t, reps, half)
        fault = script.fault if rep in script.fault_reps else None
        raw.append((t, performer.seen(s, fault, script.fault_sign)))
    place = _placement([p for _, pts in raw for p in pts])
    spells = _spells(total, noise, rng)
    frames = [_frame(t, pts, place, noise, spells, rng) for t, pts in raw]
    fault_times = tuple((reps[r - 1][0], reps[r - 1][2] + half) for r in script.fault_reps)
    holds = tuple(script.hold_s for _ in reps) if script.hold_s else ()
    return Stream(frames, script.reps, holds, fault_times)


def _frame_times(total: float, fps: float, jitter: float, rng: random.Random) -> list[float]:
    times, t, step = [], 0.0, 1.0 / fps
    while t < total:
        times.append(round(t, 4))
        t += step * (1 + rng.uniform(-jitter, jitter))
    return times


def _spells(total: float, noise: Noise, rng: random.Random) -> list[tuple[float, float]]:
    starts = [rng.uniform(0.5, max(0.6, total - noise.spell_s)) for _ in range(noise.spells)]
    return [(s, s + noise.spell_s) for s in starts]


Placement = tuple[float, float, float]
"""Scale (pixels per metre) and the picture-unit centre of the body's box."""


def _placement(points: list[tuple[float, float]]) -> Placement:
    """Scale and centre that fit every projected point of the set into the picture."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    w, h = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    k = FILL * min(WIDTH / w, HEIGHT / h)
    return k, (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2


def _frame(
    t: float,
    pts: list[tuple[float, float]],
    place: Placement,
    noise: Noise,
    spells: list[tuple[float, float]],
    rng: random.Random,
) -> Frame:
    if noise.drop and rng.random() < noise.drop:
        return Frame(t, None, WIDTH, HEIGHT)
    k, cx, cy = place
    away = any(a <= t < b for a, b in spells)
    shift = 0.55 if away else 0.0
    landmarks = []
    for x, y in pts:
        px = WIDTH / 2 + (x - cx) * k + rng.gauss(0, noise.sigma_px)
        py = HEIGHT / 2 - (y - cy) * k + rng.gauss(0, noise.sigma_px)
        nx = px / WIDTH + shift
        # The model never reports a point beyond the picture: it guesses one at its edge.
        landmarks.append(Landmark(min(nx, 0.995), py / HEIGHT, 0.67 if nx > 0.98 else 0.95))
    return Frame(t, tuple(landmarks), WIDTH, HEIGHT)
