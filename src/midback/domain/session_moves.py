"""A person's own changes to single sessions: one skipped on purpose, or moved to another day
of the same program week.

A skipped session leaves the plan: it is neither done nor missed, so it does not count for or
against adherence, and the days it covers are not a break (the planner measures a break from
the last session done or skipped, planner rule 7). A moved session keeps what was planned for
it and takes its new day. Both are laid over the plan after the planner, the clinician's edits
and the pauses, in real days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from midback.domain.plan import Plan
from midback.domain.planner.schedule import DAYS_IN_WEEK


@dataclass(frozen=True)
class SessionMove:
    """The session planned on `planned`: moved to `to`, or skipped when `to` is None."""

    planned: date
    to: date | None = None

    @property
    def skipped(self) -> bool:
        """Skipped on purpose (not moved)."""
        return self.to is None


def program_week_of(day: date, start: date) -> int:
    """The 0-based program week (7-day blocks from `start`) `day` falls in."""
    return (day - start).days // DAYS_IN_WEEK


def week_days(day: date, start: date) -> list[date]:
    """The seven days of the program week `day` falls in."""
    first = start + timedelta(days=DAYS_IN_WEEK * program_week_of(day, start))
    return [first + timedelta(days=i) for i in range(DAYS_IN_WEEK)]


def skip_problem(planned: date, sessions: Sequence[date], today: date) -> str | None:
    """Why the session on `planned` cannot be skipped, or None."""
    if planned not in sessions:
        return "There is no session planned on that day."
    if planned < today:
        return "That session is in the past."
    return None


def move_problem(
    planned: date, to: date, sessions: Sequence[date], start: date, today: date
) -> str | None:
    """Why the session on `planned` cannot move to `to`, or None: only a session planned from
    today on, to a day of the same program week, not in the past and without a session."""
    problem = skip_problem(planned, sessions, today)
    if problem:
        return problem
    if to < today:
        return "Choose today or a later day."
    if to == planned:
        return "Choose a different day."
    if program_week_of(to, start) != program_week_of(planned, start):
        return "Choose a day in the same week."
    if to in sessions:
        return "That day has a session already."
    return None


def apply_moves(plan: Plan, moves: Iterable[SessionMove]) -> Plan:
    """The plan with the skipped sessions left out and the moved ones on their new days.

    A move whose session is no longer planned (the plan changed since) is left aside, and so
    is one onto a day that has a session now: each day keeps at most one session.
    """
    by_day = {m.planned: m for m in moves}
    if not by_day:
        return plan
    taken = {s.date for w in plan.weeks for s in w.sessions} - set(by_day)
    weeks = []
    changed = False
    for week in plan.weeks:
        sessions = []
        for session in week.sessions:
            move = by_day.get(session.date)
            if move is None:
                sessions.append(session)
            elif move.to is None:
                changed = True
            elif move.to in taken:
                sessions.append(session)
            else:
                taken.add(move.to)
                sessions.append(session.model_copy(update={"date": move.to}))
                changed = True
        sessions.sort(key=lambda s: s.date)
        weeks.append(week.model_copy(update={"sessions": sessions}))
    return plan.model_copy(update={"weeks": weeks}) if changed else plan


def move_choices(planned: date, sessions: Sequence[date], start: date, today: date) -> list[date]:
    """The days the session on `planned` may move to (none for a past session)."""
    return [
        day
        for day in week_days(planned, start)
        if move_problem(planned, day, sessions, start, today) is None
    ]
