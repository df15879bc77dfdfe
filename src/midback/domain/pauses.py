"""Pausing a program (a holiday, an illness) without losing it.

The planner works in program time, where a pause never happened: logged days after a pause are
moved back by the pause's length before the planner reads them, and the sessions it plans are
moved forward again. So the program continues where it stopped, no session falls due inside a
pause, and none is counted missed. While a pause is still open (not resumed), nothing is planned
from its first day on; resuming fixes its length and the rest of the program reappears after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from midback.domain.plan import Maintenance, Plan


@dataclass(frozen=True)
class Pause:
    """Days off the program: from `start` up to (not including) `end`; `end` None while open."""

    start: date
    end: date | None = None

    @property
    def days(self) -> int:
        """The pause's length (0 while open)."""
        return (self.end - self.start).days if self.end else 0


def _ordered(pauses: Sequence[Pause]) -> list[Pause]:
    return sorted(pauses, key=lambda p: p.start)


def to_program_time(day: date, pauses: Sequence[Pause]) -> date:
    """The program day a real day is; a day inside a pause counts as the pause's first day
    (so what was logged on holiday, pain and new symptoms included, still steers the plan)."""
    shift = timedelta(days=0)
    for pause in _ordered(pauses):
        if day < pause.start:
            break
        if pause.end is None or day < pause.end:
            return pause.start - shift
        shift += timedelta(days=pause.days)
    return day - shift


def from_program_time(day: date, pauses: Sequence[Pause]) -> date | None:
    """The real day a program day falls on (None from the first day of an open pause on)."""
    shift = 0
    for pause in _ordered(pauses):
        if day + timedelta(days=shift) < pause.start:
            break
        if pause.end is None:
            return None
        shift += pause.days
    return day + timedelta(days=shift)


def paused_plan(plan: Plan, pauses: Sequence[Pause]) -> Plan:
    """The plan with its sessions moved past the pauses (and none from an open pause on); the
    maintenance phase after the last week moves with them, and is left out while paused."""
    if not pauses:
        return plan
    weeks = []
    for week in plan.weeks:
        sessions = []
        for session in week.sessions:
            real = from_program_time(session.date, pauses)
            if real is not None:
                sessions.append(session.model_copy(update={"date": real}))
        weeks.append(week.model_copy(update={"sessions": sessions}))
    return plan.model_copy(
        update={"weeks": weeks, "maintenance": _paused_maintenance(plan.maintenance, pauses)}
    )


def _paused_maintenance(
    maintenance: Maintenance | None, pauses: Sequence[Pause]
) -> Maintenance | None:
    """Maintenance moved on by the pauses before it began; None while a pause is on."""
    if maintenance is None or any(p.end is None for p in pauses):
        return None
    real = from_program_time(maintenance.starts, pauses)
    shift = (real - maintenance.starts) if real is not None else timedelta(0)
    if not shift:
        return maintenance
    sessions = [s.model_copy(update={"date": s.date + shift}) for s in maintenance.sessions]
    return maintenance.model_copy(
        update={"starts": maintenance.starts + shift, "sessions": sessions}
    )
