"""Honest durations of doses that people (or clinicians) set by hand, as the planner counts them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from midback.domain.exercise import DEFAULT_SECONDS_PER_REP, Dose
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import PlanItem
from midback.domain.planner.dosing import TRANSITION_SECONDS
from midback.domain.profile import Side
from midback.domain.training import RoutineItem


def dose_seconds(
    library: ExerciseLibrary,
    exercise: str,
    *,
    sets: int,
    reps: int,
    hold_s: int,
    rest_s: int,
    sides: int = 1,
) -> float:
    """Dose.seconds for a hand-set dose, at the exercise's own tempo."""
    known = library.get(exercise)
    tempo = known.dose.seconds_per_rep if known else DEFAULT_SECONDS_PER_REP
    dose = Dose.model_construct(
        sets=sets, reps=reps, reps_max=None, hold_s=hold_s, rest_s=rest_s, seconds_per_rep=tempo
    )
    return dose.seconds(sides)


def plan_items_seconds(library: ExerciseLibrary, items: Iterable[PlanItem]) -> float:
    """Work time of planned items (each one side), without transitions."""
    return sum(
        dose_seconds(
            library, i.exercise, sets=i.sets, reps=i.reps, hold_s=i.hold_s, rest_s=i.rest_s
        )
        for i in items
    )


def routine_minutes(library: ExerciseLibrary, items: Sequence[RoutineItem]) -> float:
    """A routine's duration: each item's dose (both sides of a per-side one given as `both`)
    plus the planner's transition time per item, in minutes to one decimal."""
    total = 0.0
    for item in items:
        known = library.get(item.exercise)
        sides = 2 if known is not None and known.per_side and item.side == Side.BOTH else 1
        total += TRANSITION_SECONDS + dose_seconds(
            library,
            item.exercise,
            sets=item.sets,
            reps=item.reps,
            hold_s=item.hold_s,
            rest_s=item.rest_s,
            sides=sides,
        )
    return round(total / 60, 1)
