"""When to take a reading (the phone has been still long enough) and how trials combine.

The page samples the live angle about ten times a second. A reading is taken only when every
sample of the last `hold_s` seconds lies within `tolerance` degrees of the others; any movement
inside that window restarts the wait ("hold still"). Trials combine as their mean, as in the
published protocols (Johnson et al. 2012 records the mean of three, not the best).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

HOLD_S = 1.5
"""Seconds the phone must stay still before a reading is taken."""

TOLERANCE = 1.0
"""Largest spread (degrees) of the samples in that window that still counts as still: the
emulated and real sensors jitter by a few tenths of a degree when held."""

MIN_SAMPLES = 3
"""Fewer samples than this in the window cannot show stillness."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One reading of the live angle: seconds since the start, and degrees."""

    t: float
    degrees: float


@dataclass(frozen=True, slots=True)
class Steadiness:
    """Whether the last window was still, its spread, and its mean (the reading to take)."""

    still: bool
    spread: float
    value: float | None


def steadiness(
    samples: Sequence[Sample], hold_s: float = HOLD_S, tolerance: float = TOLERANCE
) -> Steadiness:
    """Whether the samples of the last `hold_s` seconds stayed within `tolerance` degrees, and
    their mean if so (samples in time order)."""
    if not samples:
        return Steadiness(False, 0.0, None)
    start = samples[-1].t - hold_s
    window = [s.degrees for s in samples if s.t >= start]
    spread = max(window) - min(window)
    watched_long_enough = samples[0].t <= start
    if watched_long_enough and len(window) >= MIN_SAMPLES and spread <= tolerance:
        return Steadiness(True, spread, fmean(window))
    return Steadiness(False, spread, None)


@dataclass(frozen=True, slots=True)
class TrialSummary:
    """Trials of one measurement combined: the mean, the spread between them, and how many."""

    mean: float
    spread: float
    count: int


def combine_trials(trials: Sequence[float]) -> TrialSummary:
    """The mean of the trials (their size: a turn to the left reads as much as one to the
    right), with their spread."""
    if not trials:
        raise ValueError("no trials to combine")
    sizes = [abs(t) for t in trials]
    return TrialSummary(fmean(sizes), max(sizes) - min(sizes), len(sizes))
