"""The camera counter scored against the body model performing each camera-followed exercise.

Clean streams must be counted exactly; under the documented noise (synthetic.Noise.realistic)
at least 95 % of reps and holds must be right, and holds within 0.5 s of the time really spent
in the end position. Faults must be reported when performed and never when not.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache

import pytest

from midback.content.loader import load_content
from midback.domain.camera.counter import read_set
from midback.domain.camera.landmarks import LANDMARKS, Frame
from midback.domain.camera.measures import measure, reference_of
from midback.domain.camera.spec import CameraSpec
from midback.domain.camera.synthetic import Noise, Performer, Script, Stream, generate

CONTENT = load_content()
SPECS = sorted(CONTENT.cameras.items())
SEEDS = range(8)
TOLERANCE_S = 0.5


@cache
def _performer(exercise_id: str) -> Performer:
    poses = CONTENT.exercises.get(exercise_id).poses
    assert poses is not None, f"{exercise_id} has no poses to perform"
    return Performer(poses, CONTENT.cameras[exercise_id].view)


def _stream(spec: CameraSpec, script: Script, noise: Noise, seed: int) -> Stream:
    return generate(_performer(spec.exercise), script, noise, random.Random(seed))


def time_in_position(spec: CameraSpec, script: Script) -> list[float]:
    """The truth for holds: seconds the clean body is at or past `hold.in_above` in each rep,
    read at 200 frames per second from the measure alone (no smoothing, no counter)."""
    clean = _stream(spec, script, Noise(), 0)
    fine = _stream(spec, replace(script, fps=200.0), Noise(), 0)
    reference = reference_of(clean.frames[0])
    spells: list[float] = []
    inside: float | None = None
    for frame in fine.frames:
        value = _value(spec, frame, reference)
        if value >= spec.hold.in_above and inside is None:
            inside = frame.t
        elif value < spec.hold.in_above and inside is not None:
            spells.append(frame.t - inside)
            inside = None
    return spells


def _value(spec: CameraSpec, frame: Frame, reference) -> float:  # type: ignore[no-untyped-def]
    track = spec.track
    return measure(track.measure, frame, reference, side=track.side, working="left")


def test_every_article_exercise_the_camera_can_see_has_a_spec() -> None:
    assert {
        "wall-angel",
        "seated-wall-angel",
        "half-kneeling-around-the-world",
        "half-kneeling-rotation-ball-wall",
        "half-kneeling-rotation-hand-off-wall",
        "quadruped-rotation-hand-behind-head",
    } <= set(CONTENT.cameras)


@pytest.mark.parametrize(("exercise_id", "spec"), SPECS)
def test_clean_streams_count_every_rep(exercise_id: str, spec: CameraSpec) -> None:
    for seed in SEEDS:
        reps = 3 + seed % 6
        reading = read_set(spec, _stream(spec, Script(reps=reps), Noise(), seed).frames, "left")
        assert reading.reps == reps, (exercise_id, seed)
        assert reading.faults == ()


@pytest.mark.parametrize(("exercise_id", "spec"), SPECS)
def test_noisy_streams_count_at_least_95_percent(exercise_id: str, spec: CameraSpec) -> None:
    right = total = 0
    for seed in SEEDS:
        reps = 4 + seed % 5
        stream = _stream(spec, Script(reps=reps), Noise.realistic(), seed)
        assert sum(f.points is None for f in stream.frames) > 0  # the noise is really there
        reading = read_set(spec, stream.frames, "left")
        right += reps - abs(reading.reps - reps)
        total += reps
        assert reading.reps <= reps, "counted a rep that was not done"
        assert reading.faults == (), "reported a fault that was not performed"
    assert right / total >= 0.95, f"{right}/{total}"


@pytest.mark.parametrize(("exercise_id", "spec"), SPECS)
def test_holds_are_timed_within_half_a_second(exercise_id: str, spec: CameraSpec) -> None:
    script = Script(reps=2, hold_s=6.0, rep_s=2.0)
    truth = time_in_position(spec, script)
    assert len(truth) == 2
    clean = read_set(spec, _stream(spec, script, Noise(), 1).frames, "left")
    assert len(clean.holds) == 2
    assert all(abs(h - t) <= TOLERANCE_S for h, t in zip(clean.holds, truth, strict=True))
    right = total = 0
    for seed in SEEDS:
        noisy = read_set(spec, _stream(spec, script, Noise.realistic(), seed).frames, "left")
        total += 2
        right += sum(any(abs(h - t) <= TOLERANCE_S for h in noisy.holds) for t in truth)
    assert right / total >= 0.95, f"{right}/{total}"


FAULTS = [
    (exercise_id, fault.id, fault.measure, -1.0 if fault.toward == "other" else 1.0)
    for exercise_id, spec in SPECS
    for fault in spec.faults
]


@pytest.mark.parametrize(("exercise_id", "fault_id", "performed", "sign"), FAULTS)
def test_each_fault_is_reported_when_performed(
    exercise_id: str, fault_id: str, performed: str, sign: float
) -> None:
    spec = CONTENT.cameras[exercise_id]
    script = Script(reps=4, fault=performed, fault_reps=(2, 4), fault_sign=sign)
    for noise in (Noise(), Noise(sigma_px=2.0, jitter=0.3)):
        for seed in range(2):
            stream = _stream(spec, script, noise, seed)
            reading = read_set(spec, stream.frames, "left")
            times = [t for t, f in reading.faults if f == fault_id]
            assert len(times) == 2, (seed, reading.faults)
            for t, (start, end) in zip(times, stream.fault_times, strict=True):
                assert start <= t <= end + 0.5


def test_side_bend_towards_the_working_side_is_not_the_fault() -> None:
    spec = CONTENT.cameras["half-kneeling-around-the-world"]
    script = Script(reps=3, fault="side_bend", fault_reps=(1, 2, 3), fault_sign=1.0)
    reading = read_set(spec, _stream(spec, script, Noise(), 0).frames, "left")
    assert "bending-away" not in {f for _, f in reading.faults}
    assert reading.reps == 3


def test_nothing_counts_while_needed_landmarks_are_out_of_frame() -> None:
    spec = CONTENT.cameras["wall-angel"]
    stream = _stream(spec, Script(reps=5), Noise(spells=1, spell_s=60.0), 0)
    reading = read_set(spec, stream.frames, "both")
    assert reading.reps == 0
    assert reading.out_of_frame_s > 10


def test_reached_range_is_the_median_peak_of_the_reps() -> None:
    spec = CONTENT.cameras["wall-angel"]
    stream = _stream(spec, Script(reps=5), Noise(), 0)
    reference = reference_of(stream.frames[0])
    furthest = max(_value(spec, frame, reference) for frame in stream.frames)
    reading = read_set(spec, stream.frames, "both")
    assert reading.reached is not None
    assert abs(reading.reached - furthest) <= 1.0
    assert len(reading.peaks) == 5


def _mirrored(frame: Frame) -> Frame:
    """The same moment performed on the other side: the picture flipped and the names swapped."""
    if frame.points is None:
        return frame
    swapped = [
        name.replace("left", "@").replace("right", "left").replace("@", "right")
        for name in LANDMARKS
    ]
    points = tuple(
        replace(frame.points[LANDMARKS.index(name)], x=1 - frame.points[LANDMARKS.index(name)].x)
        for name in swapped
    )
    return replace(frame, points=points)


def test_the_right_side_is_the_mirror_image_of_the_left() -> None:
    spec = CONTENT.cameras["half-kneeling-around-the-world"]
    away = Script(reps=3, fault="side_bend", fault_reps=(2,), fault_sign=-1.0)
    left = _stream(spec, away, Noise(), 3)
    right = [_mirrored(frame) for frame in left.frames]
    on_left = read_set(spec, left.frames, "left")
    on_right = read_set(spec, right, "right")
    assert on_left.reps == on_right.reps == 3
    assert [f for _, f in on_right.faults] == [f for _, f in on_left.faults] == ["bending-away"]
    assert read_set(spec, right, "left").faults == ()  # towards the working side: no fault
