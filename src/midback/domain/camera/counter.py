"""Turn a stream of landmark frames into reps, holds and faults for one set.

Reps use two thresholds (hysteresis): a rep is the tracked measure rising to `end_above`, staying
there `dwell_s`, and coming back to `start_below` for `dwell_s`; it counts on the return. Noise
around one threshold therefore cannot double-count, and nothing counts until the person has first
settled in the start position. A hold runs from the first frame at or past `in_above` to the last
frame before the measure drops below `out_below`. Frames without a person, or with a needed
landmark out of the picture, are skipped: nothing is counted from guessed landmarks. Every
measure is the median of the last `SMOOTH` readings, which removes single-frame spikes.
The browser runs the same algorithm (static/camera-count.js); tests drive both with one stream.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

from midback.domain.camera.landmarks import Frame, in_frame
from midback.domain.camera.measures import Reference, measure, reference_of
from midback.domain.camera.spec import CameraSpec, Fault

SMOOTH = 5
"""Readings in the running median (about 0.2–0.5 s at 10–25 frames per second)."""
REFERENCE_FRAMES = 5
"""In-frame frames whose median widths make the starting reference."""
MIN_HOLD_S = 0.5
"""A shorter spell in the end position is passing through it, not a hold."""
FAULT_REARM = 0.8
"""A fault is reported again only after its measure fell below 80 % of the threshold."""


class Smoother:
    """The running median of the last SMOOTH readings."""

    def __init__(self) -> None:
        self.values: deque[float] = deque(maxlen=SMOOTH)

    def add(self, value: float) -> float:
        """Add a reading; return the smoothed value."""
        self.values.append(value)
        return float(median(self.values))


@dataclass
class RepCounter:
    """Reps of the tracked measure with hysteresis and a minimum dwell."""

    start_below: float
    end_above: float
    dwell_s: float
    position: str = "unknown"  # unknown | start | end
    since: float | None = None
    count: int = 0
    peak: float = 0.0
    peaks: list[float] = field(default_factory=list)

    def update(self, t: float, value: float) -> bool:
        """Feed one smoothed reading; True when it completes a rep."""
        if self.position == "end":
            self.peak = max(self.peak, value)
        target = "end" if self.position == "start" else "start"
        reached = value >= self.end_above if target == "end" else value <= self.start_below
        if not reached:
            self.since = None
            return False
        if self.since is None:
            self.since = t
        if t - self.since < self.dwell_s:
            return False
        was, self.position, self.since = self.position, target, None
        if target == "end":
            self.peak = value
            return False
        if was == "end":
            self.count += 1
            self.peaks.append(round(self.peak, 1))
            return True
        return False


@dataclass
class HoldTimer:
    """Spells in the end position: in at `in_above`, out below `out_below`."""

    in_above: float
    out_below: float
    entered: float | None = None
    last_in: float = 0.0
    values: list[float] = field(default_factory=list)
    holds: list[float] = field(default_factory=list)
    levels: list[float] = field(default_factory=list)

    def update(self, t: float, value: float) -> float | None:
        """Feed one smoothed reading; the hold's seconds when one just ended."""
        if self.entered is None:
            if value >= self.in_above:
                self.entered, self.last_in, self.values = t, t, [value]
            return None
        if value >= self.out_below:
            self.last_in = t
            self.values.append(value)
            return None
        return self.close()

    def close(self) -> float | None:
        """End a running hold (also at the end of the set); its seconds if long enough."""
        if self.entered is None:
            return None
        seconds = round(self.last_in - self.entered, 2)
        level = float(median(self.values))
        self.entered = None
        if seconds < MIN_HOLD_S:
            return None
        self.holds.append(seconds)
        self.levels.append(round(level, 1))
        return seconds

    @property
    def holding(self) -> bool:
        """Whether the person is in the end position now."""
        return self.entered is not None


@dataclass
class FaultWatch:
    """One fault: past its threshold for `for_s` reports it, once until it has settled again."""

    fault: Fault
    since: float | None = None
    armed: bool = True

    def update(self, t: float, value: float) -> bool:
        """Feed one smoothed reading (already signed for `toward`); True when the fault fires."""
        if value < self.fault.above * FAULT_REARM:
            self.armed = True
        if value < self.fault.above:
            self.since = None
            return False
        if self.since is None:
            self.since = t
        if self.armed and t - self.since >= self.fault.for_s:
            self.armed = False
            return True
        return False


@dataclass(frozen=True, slots=True)
class SetReading:
    """What the camera saw in one set. `reached` is the median furthest point of the reps (or
    the median level of the holds): indicative, not a clinical measurement."""

    reps: int
    holds: tuple[float, ...]
    faults: tuple[tuple[float, str], ...]
    peaks: tuple[float, ...]
    reached: float | None
    out_of_frame_s: float


def fault_value(fault: Fault, raw: float, working: str) -> float:
    """A fault's reading: side_bend is signed (positive to the person's left), the rest are not."""
    if fault.measure != "side_bend" or fault.toward == "either" or working not in ("left", "right"):
        return abs(raw)
    towards_left = (fault.toward == "working") == (working == "left")
    return raw if towards_left else -raw


class SetTracker:
    """Feed frames of one set in order; read `reps`, `hold`, `faults` at any time."""

    def __init__(self, spec: CameraSpec, working: str = "both") -> None:
        self.spec, self.working = spec, working
        self.reps = RepCounter(spec.reps.start_below, spec.reps.end_above, spec.reps.dwell_s)
        self.hold = HoldTimer(spec.hold.in_above, spec.hold.out_below)
        self.watches = [FaultWatch(f) for f in spec.faults]
        self.smoothers = {name: Smoother() for name in self._measures()}
        self.starting: list[Reference] = []
        self.reference: Reference | None = None
        self.faults: list[tuple[float, str]] = []
        self.value: float | None = None
        self.out_of_frame_s = 0.0
        self.last_t: float | None = None

    def _measures(self) -> list[str]:
        return [self.spec.track.measure, *(f.measure for f in self.spec.faults)]

    def feed(self, frame: Frame) -> list[str]:
        """Take one frame; return the events it caused: 'rep', 'hold', 'fault:<id>'."""
        gap = 0.0 if self.last_t is None else frame.t - self.last_t
        self.last_t = frame.t
        if not in_frame(frame, self.spec.visible):
            self.out_of_frame_s += gap
            return []
        if self.reference is None:
            self.starting.append(reference_of(frame))
            if len(self.starting) < REFERENCE_FRAMES:
                return []
            self.reference = _median_reference(self.starting)
        return self._read(frame, self.reference)

    def _read(self, frame: Frame, reference: Reference) -> list[str]:
        events: list[str] = []
        track = self.spec.track
        raw = measure(track.measure, frame, reference, side=track.side, working=self.working)
        self.value = self.smoothers[track.measure].add(raw)
        if self.reps.update(frame.t, self.value):
            events.append("rep")
        if self.hold.update(frame.t, self.value) is not None:
            events.append("hold")
        readings = {track.measure: self.value}
        for watch in self.watches:
            name = watch.fault.measure
            if name not in readings:
                raw = measure(name, frame, reference, working=self.working)
                readings[name] = self.smoothers[name].add(raw)
            if watch.update(frame.t, fault_value(watch.fault, readings[name], self.working)):
                self.faults.append((frame.t, watch.fault.id))
                events.append(f"fault:{watch.fault.id}")
        return events

    def finish(self) -> SetReading:
        """Close a running hold and report the set."""
        self.hold.close()
        levels = self.reps.peaks or self.hold.levels
        return SetReading(
            reps=self.reps.count,
            holds=tuple(self.hold.holds),
            faults=tuple(self.faults),
            peaks=tuple(self.reps.peaks),
            reached=round(float(median(levels)), 1) if levels else None,
            out_of_frame_s=round(self.out_of_frame_s, 2),
        )


def _median_reference(found: list[Reference]) -> Reference:
    return Reference(
        float(median(r.shoulder_width for r in found)),
        float(median(r.hip_width for r in found)),
        float(median(r.neck for r in found)),
    )


def read_set(spec: CameraSpec, frames: Iterable[Frame], working: str = "both") -> SetReading:
    """Track a whole set of frames at once."""
    tracker = SetTracker(spec, working)
    for frame in frames:
        tracker.feed(frame)
    return tracker.finish()
