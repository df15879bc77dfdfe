"""Request and response bodies of the plan's settings and pauses (`/api/v1/me/...`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, Field

from midback.domain.pauses import Pause
from midback.domain.profile import InputModel
from midback.domain.vocabulary import Equipment, Position
from midback.services.plan_settings import PlanSettings


class PlanSettingsIn(InputModel):
    """What may change about the plan at any time (the whole set, as `GET` gives it)."""

    minutes_per_day: int = Field(ge=5, le=60, description="Time for one session, in minutes.")
    days_per_week: int = Field(ge=1, le=7, description="Sessions per week.")
    equipment: list[Equipment] = Field(
        default_factory=list,
        max_length=len(Equipment),
        description="Equipment you have (floor space and a wall are assumed).",
    )
    positions_to_avoid: list[Position] = Field(
        default_factory=list,
        max_length=len(Position),
        description="Positions no exercise may use (e.g. every floor position).",
    )

    def settings(self) -> PlanSettings:
        """The settings as the service takes them."""
        return PlanSettings(
            self.minutes_per_day,
            self.days_per_week,
            frozenset(self.equipment),
            frozenset(self.positions_to_avoid),
        )


class PlanSettingsOut(BaseModel):
    """The plan's settings as they stand (lists sorted)."""

    minutes_per_day: int
    days_per_week: int
    equipment: list[Equipment]
    positions_to_avoid: list[Position]

    @classmethod
    def of(cls, settings: PlanSettings) -> PlanSettingsOut:
        """The API view of the settings."""
        return cls(
            minutes_per_day=settings.minutes_per_day,
            days_per_week=settings.days_per_week,
            equipment=sorted(settings.equipment),
            positions_to_avoid=sorted(settings.positions_to_avoid),
        )


class ProgramPauseOut(BaseModel):
    """Days off the program: from `start` up to (not including) `end`; `end` null while on."""

    start: date
    end: date | None

    @classmethod
    def of(cls, pause: Pause) -> ProgramPauseOut:
        """The API view of a pause."""
        return cls(start=pause.start, end=pause.end)


class PausesOut(BaseModel):
    """The current program's pauses, oldest first, and whether it is paused now."""

    paused: bool = Field(description="True while a pause is on (its `end` is null).")
    pauses: list[ProgramPauseOut]

    @classmethod
    def of(cls, pauses: Sequence[Pause]) -> PausesOut:
        """The API view of a program's pauses."""
        return cls(
            paused=any(p.end is None for p in pauses),
            pauses=[ProgramPauseOut.of(p) for p in pauses],
        )
