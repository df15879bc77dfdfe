"""What a person logs after a session: done or missed, pain, difficulty, new measurements."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field, model_validator

from midback.domain.exercise import ExerciseId
from midback.domain.profile import InputModel, Measurement, RedFlag

PAIN_TOO_MUCH = 5
"""Pain above this during a session is too much (Silbernagel 2007, clinical-facts §5)."""

PAIN_GO = 3
"""Pain at or below this is in the 'go' zone of clinic traffic lights (clinical-facts §5)."""

EASY_DIFFICULTY = 4
"""Sessions rated at or below this difficulty (1–10) count as easy enough to progress."""

EARLIEST_SESSION = date(2000, 1, 1)
"""No session is logged before this day (guards against typed years such as 0226)."""


def latest_session_day(today: date) -> date:
    """The last day a session can be logged for: tomorrow, as the person's day may be ahead of
    the server's (time zones). A log, an export and an import all keep to it."""
    return today + timedelta(days=1)


class FeedbackEntry(InputModel):
    """One logged session (or a missed one), by date."""

    date: date
    completed: bool
    pain_during: int | None = Field(default=None, ge=0, le=10)
    pain_next_day: int | None = Field(
        default=None, ge=0, le=10, description="Pain the next morning; absent until known."
    )
    difficulty: int | None = Field(default=None, ge=1, le=10)
    measurements: list[Measurement] = Field(default_factory=list)
    painful_exercises: list[ExerciseId] = Field(
        default_factory=list, description="Exercises that hurt; later sessions leave them out."
    )
    new_symptoms: list[RedFlag] = Field(
        default_factory=list, description="Health-check answers that became yes: a re-screen."
    )
    seen_clinician: bool = Field(
        default=False, description="The person has seen a clinician since a hold began."
    )

    @model_validator(mode="after")
    def _completed_needs_ratings(self) -> FeedbackEntry:
        if self.completed and (self.pain_during is None or self.difficulty is None):
            raise ValueError("a completed session needs pain_during (0–10) and difficulty (1–10)")
        return self

    def too_painful(self, baseline_pain: int) -> bool:
        """Pain above 5 during, or not settled by the next day (above 3 and above the baseline)."""
        if not self.completed:
            return False
        during = self.pain_during or 0
        settled = self.pain_next_day is None or self.pain_next_day <= max(PAIN_GO, baseline_pain)
        return during > PAIN_TOO_MUCH or not settled

    def settled(self) -> bool:
        """Completed with pain in the 'go' zone (≤ 3), next day too if known."""
        if not self.completed or self.pain_during is None:
            return False
        next_day_ok = self.pain_next_day is None or self.pain_next_day <= PAIN_GO
        return self.pain_during <= PAIN_GO and next_day_ok

    def easy(self) -> bool:
        """Completed with little pain (≤ 3, next day too if known) and difficulty ≤ 4."""
        if not self.completed or self.pain_during is None or self.difficulty is None:
            return False
        next_day_ok = self.pain_next_day is None or self.pain_next_day <= PAIN_GO
        return self.pain_during <= PAIN_GO and next_day_ok and self.difficulty <= EASY_DIFFICULTY
