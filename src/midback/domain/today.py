"""What the Today page shows, worked out from dates and logs: the program week, the week strip,
this week's adherence, the lesson of the week, and whether to ask about yesterday's pain.

A planned day is done when a completed log accounts for it (`progress.done_sessions`, so a
session done a day late still counts), missed once it has passed undone, and planned until then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from midback.domain.lesson import Lesson, unlocked_lessons
from midback.domain.planner.notes import LONG_SITTING_HOURS
from midback.domain.profile import Profile
from midback.domain.progress import counts_as_done, done_sessions
from midback.domain.training import SessionLog

DAYS_IN_WEEK = 7


class DayState(StrEnum):
    """One day of the week strip."""

    DONE = "done"
    MISSED = "missed"
    PLANNED = "planned"
    EXTRA = "extra"
    REST = "rest"
    SKIPPED = "skipped"


DAY_WORDS: dict[DayState, str] = {
    DayState.DONE: "done",
    DayState.MISSED: "missed",
    DayState.PLANNED: "planned",
    DayState.EXTRA: "extra session",
    DayState.REST: "rest day",
    DayState.SKIPPED: "skipped on purpose",
}


@dataclass(frozen=True)
class DayMark:
    """A day in the strip: its date, its state and whether it is today."""

    day: date
    state: DayState
    is_today: bool

    @property
    def words(self) -> str:
        """The state as people read it."""
        return DAY_WORDS[self.state]


@dataclass(frozen=True)
class WeekSummary:
    """The program week containing today: its days, and planned sessions done so far."""

    number: int
    days: list[DayMark]
    planned: int
    done: int


def program_week(start: date, today: date) -> int:
    """The 1-based program week `today` falls in (week 1 before the start)."""
    return max(0, (today - start).days) // DAYS_IN_WEEK + 1


def week_summary(
    start: date,
    planned: Sequence[date],
    logs: Sequence[SessionLog],
    today: date,
    skipped: Sequence[date] = (),
) -> WeekSummary:
    """The seven days of this program week, each marked done, missed, planned, extra, rest or
    skipped (a session skipped on purpose is not planned any more, so never missed)."""
    number = program_week(start, today)
    first = start + timedelta(days=DAYS_IN_WEEK * (number - 1))
    days = [first + timedelta(days=i) for i in range(DAYS_IN_WEEK)]
    done = done_sessions(planned, logs)
    wanted = set(planned)
    logged = {log.session_date for log in logs if counts_as_done(log)}
    marks = [
        DayMark(d, _state(d, d in wanted, d in done, d in logged, today), d == today) for d in days
    ]
    off = set(skipped)
    marks = [
        DayMark(m.day, DayState.SKIPPED, m.is_today)
        if m.state is DayState.REST and m.day in off
        else m
        for m in marks
    ]
    this_week = [d for d in days if d in wanted]
    return WeekSummary(number, marks, len(this_week), sum(d in done for d in this_week))


def _state(day: date, planned: bool, done: bool, logged: bool, today: date) -> DayState:
    if planned:
        if done:
            return DayState.DONE
        return DayState.MISSED if day < today else DayState.PLANNED
    return DayState.EXTRA if logged else DayState.REST


def lesson_of_week(lessons: Sequence[Lesson], week: int) -> Lesson | None:
    """This week's lesson: the one that unlocks this week, else the latest one unlocked."""
    unlocked = unlocked_lessons(list(lessons), week)
    return unlocked[0] if unlocked else None


def awaiting_pain_next_day(logs: Sequence[SessionLog], today: date) -> SessionLog | None:
    """Yesterday's completed session whose next-day pain is not known yet (the latest one)."""
    yesterday = today - timedelta(days=1)
    waiting = [
        log
        for log in logs
        if log.completed and log.session_date == yesterday and log.pain_next_day is None
    ]
    return max(waiting, key=lambda log: log.id, default=None)


def sits_a_lot(profile: Profile) -> bool:
    """More than 7 hours of sitting a day: worth a nudge to break it up (clinical-facts §3)."""
    return profile.sitting_hours_per_day > LONG_SITTING_HOURS


def done_on(logs: Sequence[SessionLog], day: date) -> bool:
    """A session was done on `day` (`counts_as_done`: rated or not)."""
    return any(counts_as_done(log) and log.session_date == day for log in logs)
