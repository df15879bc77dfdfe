"""A guided session saved the moment its last set ends, before the person rates it.

The player saves what was done at once, so leaving the page before the feedback form loses
nothing. Until the ratings come, the log is *unrated*: stored as not completed, because a
completed log needs pain and difficulty, and the planner must not read a progression signal
into ratings nobody gave (pain decides progression, clinical-facts §5). The feedback form then
rates that same log (same key): it becomes completed, with the ratings, note and symptoms.
Left unrated, it still counts as a session done for adherence and streaks
(`progress.counts_as_done`), never as evidence for a step up.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from midback.domain.exercise import ExerciseId
from midback.domain.guided import MAX_SESSION_ITEMS
from midback.domain.profile import InputModel
from midback.domain.training import MAX_ID, LogInput, LogItemInput, SessionLog


class FinishedSession(InputModel):
    """What the player knows when the last set ends: the session and what was done of it."""

    session_key: str = Field(pattern=r"^[A-Za-z0-9_-]{16,64}$")
    exercises: list[ExerciseId] = Field(min_length=1, max_length=MAX_SESSION_ITEMS)
    planned_session: date | None = None
    routine_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    results: list[LogItemInput] = Field(default_factory=list, max_length=2 * MAX_SESSION_ITEMS)


def unrated_log(finished: FinishedSession, day: date) -> LogInput:
    """The log of a session finished on `day` and not rated yet."""
    return LogInput(
        session_date=day,
        planned_session=finished.planned_session,
        routine_id=finished.routine_id,
        completed=False,
        items=finished.results,
    )


def is_unrated(log: SessionLog) -> bool:
    """A log saved at the end of a session and not rated since."""
    return not log.completed and log.pain_during is None and log.difficulty is None


def rates(log: SessionLog, body: LogInput) -> bool:
    """Whether `body` (a rated log) is the rating of the unrated `log`: the same session."""
    return (
        is_unrated(log)
        and body.completed
        and log.session_date == body.session_date
        and log.planned_session == body.planned_session
        and log.routine_id == body.routine_id
    )
