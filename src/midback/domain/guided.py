"""A guided session as the player plays it: one item per exercise and side, with its words.

The same items come from anywhere a session is made: exercises picked in the library (their own
doses), a planned session (the planner's doses) or, later, a saved routine. The player needs
nothing else, so each source only has to produce this list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import Field

from midback.domain.assessment import Result
from midback.domain.exercise import Compensation, Dose, Exercise, ExerciseId, describe_dose
from midback.domain.feedback import PAIN_GO, PAIN_TOO_MUCH
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import PlanItem
from midback.domain.planner.dosing import TRANSITION_SECONDS
from midback.domain.profile import InputModel, Side

MAX_SESSION_ITEMS = 40
"""A session longer than this is a mistake in the request, not a workout."""

MAX_NOTE_CHARS = 1000


class GuidedItem(Result):
    """One exercise on one side (or `both`), as the player shows and times it."""

    exercise_id: str
    name: str
    side: Side
    sets: int
    reps: int
    hold_s: int
    rest_s: int
    seconds_per_rep: float
    steps: list[str]
    cue: str
    avoid: list[Compensation]
    notes: list[str] = Field(default_factory=list)

    def dose(self) -> Dose:
        """This item's dose (for one side)."""
        return Dose(
            sets=self.sets,
            reps=self.reps,
            hold_s=self.hold_s,
            rest_s=self.rest_s,
            seconds_per_rep=self.seconds_per_rep,
        )

    def seconds(self) -> float:
        """Honest duration of this item, counted like the planner counts a dose."""
        return self.dose().seconds(1)

    def describe(self) -> str:
        """The dose in words, e.g. '2 sets × 8 reps · 30 s rest'."""
        return describe_dose(self.dose(), per_side=False)


def _item(exercise: Exercise, side: Side, dose: Dose, notes: Iterable[str] = ()) -> GuidedItem:
    return GuidedItem(
        exercise_id=exercise.id,
        name=exercise.name,
        side=side,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        rest_s=dose.rest_s,
        seconds_per_rep=dose.seconds_per_rep,
        steps=list(exercise.steps),
        cue=exercise.cues[0],
        avoid=list(exercise.avoid),
        notes=list(notes),
    )


def items_for_exercises(exercises: Sequence[Exercise]) -> list[GuidedItem]:
    """Items at each exercise's own dose; a per-side exercise plays left, then right."""
    sides = {True: (Side.LEFT, Side.RIGHT), False: (Side.BOTH,)}
    return [_item(e, side, e.dose) for e in exercises for side in sides[e.per_side]]


def items_for_plan(items: Sequence[PlanItem], library: ExerciseLibrary) -> list[GuidedItem]:
    """Items of a planned session, at the planner's doses (it already split the sides)."""
    guided = []
    for planned in items:
        exercise = library[planned.exercise]
        dose = exercise.dose.model_copy(
            update={
                "sets": planned.sets,
                "reps": planned.reps,
                "hold_s": planned.hold_s,
                "rest_s": planned.rest_s,
            }
        )
        guided.append(_item(exercise, planned.side, dose, planned.notes))
    return guided


def session_seconds(items: Sequence[GuidedItem]) -> float:
    """Duration of the whole session, with the move from one item to the next."""
    return sum(item.seconds() for item in items) + TRANSITION_SECONDS * max(len(items) - 1, 0)


class PainZone(StrEnum):
    """Clinic traffic lights for pain during a session (clinical-facts §5)."""

    GO = "go"
    CAUTION = "caution"
    STOP = "stop"


def pain_zone(pain: int) -> PainZone:
    """Green up to 3, amber up to 5, red above 5 (Silbernagel 2007)."""
    if pain <= PAIN_GO:
        return PainZone.GO
    if pain <= PAIN_TOO_MUCH:
        return PainZone.CAUTION
    return PainZone.STOP


class SessionFeedback(InputModel):
    """What a person says at the end of a guided session."""

    session_key: str = Field(
        pattern=r"^[A-Za-z0-9_-]{16,64}$",
        description="Made when the player page is rendered; the same key twice is one session.",
    )
    exercises: list[ExerciseId] = Field(min_length=1, max_length=MAX_SESSION_ITEMS)
    pain_during: int = Field(ge=0, le=10, description="Pain during the session, 0–10.")
    difficulty: int = Field(ge=1, le=10, description="How hard it felt, 1–10.")
    note: str = Field(default="", max_length=MAX_NOTE_CHARS)
