"""An exercise placed in a session: its target, its dose per side, and its honest time."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from midback.domain.exercise import Dose, Exercise
from midback.domain.planner.dosing import (
    MAX_SECONDS_PER_SIDE,
    MAX_SETS,
    TRANSITION_SECONDS,
    with_sets,
)
from midback.domain.profile import Side
from midback.domain.program import SessionPart
from midback.domain.vocabulary import Target


@lru_cache(maxsize=8192)
def _seconds(dose: Dose, per_side: bool, bonus: bool) -> float:
    """An entry's honest time: each side's dose (one more set on the limited side) and the
    move to the next exercise. Cached: sessions reuse a few doses many times."""
    if not per_side:
        return dose.seconds(1) + TRANSITION_SECONDS
    other = with_sets(dose, dose.sets + 1) if bonus else dose
    return dose.seconds(1) + other.seconds(1) + TRANSITION_SECONDS


@dataclass(frozen=True, eq=False)
class Entry:
    """An exercise placed in a session, for one target, with its dose (both sides if per side)."""

    exercise: Exercise
    part: SessionPart
    target: Target
    dose: Dose
    bonus_side: Side | None = None
    """The limited side of an asymmetry, which gets one more set than the other (rule 5)."""
    seconds: float = field(init=False)

    def __post_init__(self) -> None:
        seconds = _seconds(self.dose, self.exercise.per_side, self.bonus_side is not None)
        object.__setattr__(self, "seconds", seconds)

    def side_doses(self) -> list[tuple[Side, Dose]]:
        """The dose per side, the limited side first; `both` for exercises without sides."""
        if not self.exercise.per_side:
            return [(Side.BOTH, self.dose)]
        if self.bonus_side is None:
            return [(Side.LEFT, self.dose), (Side.RIGHT, self.dose)]
        other = Side.RIGHT if self.bonus_side == Side.LEFT else Side.LEFT
        return [(self.bonus_side, with_sets(self.dose, self.dose.sets + 1)), (other, self.dose)]

    def resized(self, sets: int) -> Entry:
        """The same entry with `sets` sets (the limited side keeps its extra one)."""
        dose = with_sets(self.dose, sets)
        return Entry(self.exercise, self.part, self.target, dose, self.bonus_side)

    def lightened(self) -> Entry | None:
        """This entry back at the exercise's own reps and hold, if the step had raised them."""
        base = self.exercise.dose
        if self.dose.reps <= base.reps and self.dose.hold_s <= base.hold_s:
            return None
        dose = self.dose.model_copy(update={"reps": base.reps, "hold_s": base.hold_s})
        return Entry(self.exercise, self.part, self.target, dose, self.bonus_side)

    def grown(self) -> Entry | None:
        """This entry with one more set, unless that passes the sets cap or the time plateau."""
        if self.dose.sets + 1 > MAX_SETS:
            return None
        bigger = self.resized(self.dose.sets + 1)
        longest = max(d.seconds(1) for _, d in bigger.side_doses())
        return bigger if longest <= MAX_SECONDS_PER_SIDE else None
