"""How much of an exercise a session holds, and how long that honestly takes."""

from __future__ import annotations

from functools import lru_cache

from midback.domain.exercise import Dose, Exercise
from midback.domain.program import ProgressionStep

TRANSITION_SECONDS = 10
"""Moving to the next exercise and reading what comes next, on top of Dose.seconds (which
already counts getting into position for every set, on each side)."""

MAX_SECONDS_PER_SIDE = 240
"""Gains plateau around 4 minutes per exercise per session (clinical-facts §4, secondary)."""

MAX_SETS = 5
HOLD_CAP_S = 30
"""Holds of 30 s work as well as 60 s (Bandy & Irion 1994; clinical-facts §4)."""

OLDER_HOLD_CAP_S = 60
OLDER_AGE = 65
"""ACSM suggests 30–60 s holds for older adults (clinical-facts §4)."""


def step_dose(
    exercise: Exercise, step: ProgressionStep, age: int | None, max_hold_s: int | None = None
) -> Dose:
    """The exercise's dose at a progression step: reps within its range, longer holds.

    `max_hold_s` is a condition pathway's cap (short holds with hypermobility, §9).
    """
    base = exercise.dose
    reps = base.reps
    if base.reps_max is not None:
        reps += round(step.reps * (base.reps_max - base.reps))
    hold = base.hold_s
    if hold:
        cap = OLDER_HOLD_CAP_S if age is not None and age >= OLDER_AGE else HOLD_CAP_S
        hold = max(base.hold_s, min(round(base.hold_s * step.hold), cap))
        if max_hold_s is not None:
            hold = min(hold, max_hold_s)
    sets = min(base.sets + step.extra_sets, MAX_SETS)
    return base.model_copy(update={"reps": reps, "hold_s": hold, "sets": sets})


@lru_cache(maxsize=4096)
def with_sets(dose: Dose, sets: int) -> Dose:
    """The same dose with another number of sets."""
    return dose.model_copy(update={"sets": sets})
