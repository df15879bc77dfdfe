"""A planned program: the planner's answer, as plain data that serialises to stable JSON."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from midback.domain.assessment import Assessment, Result
from midback.domain.profile import Side
from midback.domain.screening import ScreenOutcome, Tier
from midback.domain.vocabulary import Target

Status = Literal["ok", "hold", "refer"]
"""`refer`: see a doctor now or within 24 hours, nothing planned; `hold`: the program waits (or
stops progressing) until a clinician has seen the person; `ok`: go ahead."""


class PlanItem(Result):
    """One exercise in a session; a per-side exercise appears once per side."""

    exercise: str
    part: str
    target: Target
    side: Side
    sets: int
    reps: int
    hold_s: int
    rest_s: int
    notes: list[str]
    side_words: str = Field(
        default="",
        description="The side in words, e.g. 'Turning to your left': a side is the direction of "
        "movement, as the exercise's content states. Empty for `both`.",
    )


class PlannedSession(Result):
    """One session on one day."""

    date: date
    step: int
    estimated_minutes: float
    reassess: bool
    measure: list[str]
    measure_minutes: float
    items: list[PlanItem]


class PlanWeek(Result):
    """One week of the program."""

    week: int
    phase: str
    focus: str
    lighter: bool
    sessions: list[PlannedSession]


class Hold(Result):
    """Progression held during a program, and what lifts the hold."""

    since: date
    rule: str
    reason: str
    until: str


class Maintenance(Result):
    """After the last week: a week of shorter sessions that repeats, so the gains stay, and the
    programs the person may start instead."""

    name: str
    focus: str
    starts: date
    days_per_week: int
    minutes: int
    next_programs: list[str]
    sessions: list[PlannedSession]
    """One week of sessions from `starts`; every later week repeats them on the same days."""

    def session_on_or_after(self, day: date) -> PlannedSession | None:
        """The maintenance session on `day`, else the next one (dated for that day)."""
        if not self.sessions:
            return None
        first = max(day, self.starts)
        by_offset = {(s.date - self.starts).days % 7: s for s in self.sessions}
        for ahead in range(7):
            candidate = first + timedelta(days=ahead)
            session = by_offset.get((candidate - self.starts).days % 7)
            if session is not None:
                return session.model_copy(update={"date": candidate})
        return None


class Screening(Result):
    """The health screen's verdict: the tier, each outcome, what to do next and what to read."""

    tier: Tier = Tier.OK
    outcomes: list[ScreenOutcome] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    stop_signs: list[str] = Field(default_factory=list)
    read_first: list[str] = Field(default_factory=list)
    rescreen_on: date | None = None


class AssessmentReport(Result):
    """The assessment alone, with the screening verdict (`midback assess`)."""

    status: Status
    reasons: list[str]
    assessment: Assessment
    screening: Screening = Field(default_factory=Screening)


class Plan(Result):
    """The whole answer: refer, hold, or a program (possibly empty, with reasons saying why).

    `screening`, `hold` and `maintenance` came later: plans stored before them read with
    their defaults.
    """

    status: Status
    program: str
    reasons: list[str]
    assessment: Assessment
    weeks: list[PlanWeek]
    screening: Screening = Field(default_factory=Screening)
    hold: Hold | None = None
    maintenance: Maintenance | None = None

    def sessions(self) -> list[PlannedSession]:
        """Every session in date order."""
        return [s for week in self.weeks for s in week.sessions]
