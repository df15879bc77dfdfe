"""A guided session as the player plays it: one item per exercise and side, with its words.

The same items come from anywhere a session is made: exercises picked in the library (their own
doses), a planned session (the planner's doses) or a saved routine (its own doses). The player
needs nothing else, so each source only has to produce this list. At the end the player sends
back what was done of each item; `log_input` turns that and the ratings into a session log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from pydantic import Field

from midback.domain.assessment import Result
from midback.domain.exercise import Compensation, Dose, Exercise, ExerciseId, describe_dose
from midback.domain.feedback import PAIN_GO, PAIN_TOO_MUCH
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import PlanItem
from midback.domain.planner.dosing import TRANSITION_SECONDS
from midback.domain.profile import InputModel, RedFlag, Side
from midback.domain.training import MAX_ID, LogInput, LogItemInput, RoutineItem

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
    side_words: str = Field(
        default="",
        description="The side in words from the exercise's content, e.g. 'Turning to your left' "
        "(a side is the direction of movement); empty for `both`.",
    )

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
        side_words=exercise.directions.words(side) if exercise.directions else "",
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


def items_for_routine(items: Sequence[RoutineItem], library: ExerciseLibrary) -> list[GuidedItem]:
    """Items of a routine at its own doses; `both` on a per-side exercise plays left, then right.

    An exercise that left the library since the routine was saved is left out.
    """
    guided = []
    for item in items:
        exercise = library.get(item.exercise)
        if exercise is None:
            continue
        dose = exercise.dose.model_copy(
            update={
                "sets": item.sets,
                "reps": item.reps,
                "hold_s": item.hold_s,
                "rest_s": item.rest_s,
            }
        )
        sides = (Side.LEFT, Side.RIGHT) if exercise.per_side and item.side == Side.BOTH else ()
        for side in sides or ((item.side if exercise.per_side else Side.BOTH),):
            guided.append(_item(exercise, side, dose))
    return guided


def planned_results(items: Sequence[GuidedItem]) -> list[LogItemInput]:
    """Every item done as planned: what a session played without the live player reports."""
    return [
        LogItemInput(
            exercise=i.exercise_id, side=i.side, sets_done=i.sets, reps_done=i.reps, hold_s=i.hold_s
        )
        for i in items
    ]


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
    planned_session: date | None = Field(
        default=None, description="The program session played, by its date."
    )
    routine_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    results: list[LogItemInput] = Field(
        default_factory=list,
        max_length=2 * MAX_SESSION_ITEMS,
        description="What was done of each item, as the player counted it.",
    )
    painful: list[ExerciseId] = Field(
        default_factory=list,
        max_length=MAX_SESSION_ITEMS,
        description="Exercises that hurt: later planned sessions leave them out.",
    )
    new_symptoms: list[RedFlag] = Field(
        default_factory=list,
        max_length=len(RedFlag),
        description="Health-check signs that appeared since the last session (asked again).",
    )


def session_completed(results: list[LogItemInput]) -> bool:
    """Done unless the player reported every item skipped (ended before any set); no report
    (a page without JavaScript) counts as done as planned."""
    return not results or any(not r.skipped and r.sets_done > 0 for r in results)


def tried_ahead(feedback: SessionFeedback, day: date) -> bool:
    """A later day's planned session ended on `day` before any set: not a missed session of
    that later day, which has not come yet (it stays planned)."""
    ahead = feedback.planned_session is not None and feedback.planned_session > day
    return ahead and not session_completed(feedback.results)


def log_input(feedback: SessionFeedback, day: date) -> LogInput:
    """The session log of a finished guided session, done on `day`.

    It counts as completed unless the player reported every item skipped (ended before any set);
    a later day's session ended that way keeps no planned date (see `tried_ahead`).
    """
    painful = set(feedback.painful)
    items = [
        r.model_copy(update={"painful": r.painful or r.exercise in painful})
        for r in feedback.results
    ]
    completed = session_completed(items)
    return LogInput(
        session_date=day,
        planned_session=None if tried_ahead(feedback, day) else feedback.planned_session,
        routine_id=feedback.routine_id,
        completed=completed,
        pain_during=feedback.pain_during,
        difficulty=feedback.difficulty,
        note=feedback.note,
        items=items,
        new_symptoms=list(dict.fromkeys(feedback.new_symptoms)),
    )
