"""A planned program: the planner's answer, as plain data that serialises to stable JSON."""

from __future__ import annotations

from datetime import date
from typing import Literal

from midback.domain.assessment import Assessment, Result
from midback.domain.profile import Side
from midback.domain.vocabulary import Target


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


class AssessmentReport(Result):
    """The assessment alone, with the screening verdict (`midback assess`)."""

    status: Literal["ok", "refer"]
    reasons: list[str]
    assessment: Assessment


class Plan(Result):
    """The whole answer: refer, or a program (possibly empty, with reasons saying why)."""

    status: Literal["ok", "refer"]
    program: str
    reasons: list[str]
    assessment: Assessment
    weeks: list[PlanWeek]

    def sessions(self) -> list[PlannedSession]:
        """Every session in date order."""
        return [s for week in self.weeks for s in week.sessions]
