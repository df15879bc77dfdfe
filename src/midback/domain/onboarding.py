"""The onboarding's answers and the profile they add up to: the rules, without the forms.

A person answers step by step; the answers so far are a `Draft`. Plain words map onto the
planner's vocabulary here ("I can't get down to the floor" → every floor position); the pages
read each step's form fields into the draft (`midback.web.pages.onboarding_forms`). The profile
is validated as a whole by the intake.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from midback.domain.onboarding_words import (
    AVOID_CHOICES,
    AvoidChoice,
)
from midback.domain.profile import Measurement, PainRegion, Profile, RedFlag, SurgerySite
from midback.domain.screening import Screen, Tier, screen_profile
from midback.domain.vocabulary import Equipment, Position, Precaution


class StepId(StrEnum):
    """The steps, in the order they are asked."""

    DAY = "day"
    ACTIVITY = "activity"
    TIME = "time"
    EQUIPMENT = "equipment"
    POSITIONS = "positions"
    PAIN = "pain"
    HEALTH = "health"
    PRECAUTIONS = "precautions"
    MEASURE = "measure"
    CONFIRM = "confirm"


STEPS: tuple[StepId, ...] = tuple(StepId)


class Draft(BaseModel):
    """The answers so far; None means the step has not been answered yet."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    age: int | None = None
    sitting_hours: float | None = None
    active_minutes: int | None = None
    minutes_per_day: int | None = None
    days_per_week: int | None = None
    chair: bool | None = None
    equipment: list[Equipment] | None = None
    avoid: list[AvoidChoice] | None = None
    pain: int | None = None
    regions: list[PainRegion] = []
    red_flags: list[RedFlag] | None = None
    precautions: list[Precaution] | None = None
    surgery_site: SurgerySite | None = None
    surgery_weeks: int | None = None
    trimester: int | None = None
    measurements: list[Measurement] | None = None
    disclaimer: bool | None = None

    def answered(self, step: StepId) -> bool:
        """True once the step's answers are in the draft."""
        return all(getattr(self, field) is not None for field in ANSWER_FIELDS[step])

    def next_step(self) -> StepId:
        """The first step not answered yet (the last one when all are)."""
        return next((s for s in STEPS if not self.answered(s)), STEPS[-1])

    def may_show(self, step: StepId) -> bool:
        """A step can be shown once every step before it is answered."""
        return all(self.answered(s) for s in STEPS[: STEPS.index(step)])

    def positions_to_avoid(self) -> list[Position]:
        """The planner's positions for the plain-words answers."""
        chosen = {p for a in self.avoid or () for p in AVOID_CHOICES[a].positions}
        return sorted(chosen)

    def profile_data(self) -> dict[str, Any]:
        """The profile as the intake reads it (the intake checks ranges and protocols)."""
        equipment = list(self.equipment or [])
        if self.chair:
            equipment.insert(0, Equipment.CHAIR)
        pain = None
        if self.pain is not None:
            pain = {"current": self.pain, "regions": [r.value for r in self.regions]}
        return {
            "age": self.age,
            "sitting_hours_per_day": self.sitting_hours,
            "active_minutes_per_week": self.active_minutes,
            "minutes_per_day": self.minutes_per_day,
            "days_per_week": self.days_per_week,
            "equipment": [e.value for e in dict.fromkeys(equipment)],
            "positions_to_avoid": [p.value for p in self.positions_to_avoid()],
            "pain": pain,
            "red_flags": [f.value for f in self.red_flags or []],
            "precautions": [p.value for p in self.precautions or []],
            "surgery": self._surgery(),
            "pregnancy_trimester": self.trimester
            if Precaution.PREGNANCY in (self.precautions or [])
            else None,
            "measurements": [m.model_dump(mode="json") for m in self.measurements or []],
        }

    def _surgery(self) -> dict[str, Any] | None:
        """The operation's site and weeks, when `recent_surgery` is ticked (else nothing)."""
        if Precaution.RECENT_SURGERY not in (self.precautions or []):
            return None
        site = self.surgery_site or SurgerySite.OTHER
        return {"site": site.value, "weeks_since": self.surgery_weeks}


ANSWER_FIELDS: dict[StepId, tuple[str, ...]] = {
    StepId.DAY: ("sitting_hours",),
    StepId.ACTIVITY: ("active_minutes",),
    StepId.TIME: ("minutes_per_day", "days_per_week"),
    StepId.EQUIPMENT: ("chair", "equipment"),
    StepId.POSITIONS: ("avoid",),
    StepId.PAIN: ("pain",),
    StepId.HEALTH: ("red_flags",),
    StepId.PRECAUTIONS: ("precautions",),
    StepId.MEASURE: ("measurements",),
    StepId.CONFIRM: ("disclaimer",),
}


def screen_tier(draft: Draft, screen: Screen) -> Tier:
    """The health check's tier for the answers so far (in doubt, see a clinician)."""
    try:
        profile = Profile.model_validate(draft.profile_data())
    except ValidationError:
        return Tier.SEE_CLINICIAN
    return screen_profile(profile, screen).tier


def referred(draft: Draft, screen: Screen) -> bool:
    """An emergency or urgent answer: the onboarding ends there, pointing to help now."""
    return screen_tier(draft, screen) in (Tier.EMERGENCY, Tier.URGENT)
