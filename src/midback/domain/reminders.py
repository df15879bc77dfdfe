"""Which reminders fall due, and when: plain rules from a person's preferences and plan, no I/O.

A reminder is named by (person, kind, due instant in UTC). The due instants are computed from the
person's local wall-clock times in their own IANA time zone, so a 07:30 reminder stays at 07:30
across a daylight-saving change. A local time that happens twice (clocks going back) is taken at
its first occurrence; one that does not exist (clocks going forward) maps to one fixed instant
(zoneinfo's rule for fold=0), so each name is computed the same way by every process and the
storage layer can claim it exactly once.

Kinds:
- `session`: on a planned session day, at the person's session time; none while the plan is not
  `ok` (held or referred: the program waits, clinical-facts §6).
- `check_in`: the morning after a planned session day, "how is your back?": the next-morning
  response decides whether the load was right (clinical-facts §5).
- `break`: a movement break every N minutes (30 by default) in working hours on weekdays
  (clinical-facts §7).
Nothing is due inside the person's quiet hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

Kind = Literal["session", "check_in", "break"]
KINDS: tuple[Kind, ...] = ("session", "check_in", "break")

DEFAULT_SESSION_TIME = time(7, 30)
"""Before the working day, as the calendar export's default."""
DEFAULT_CHECK_IN_TIME = time(8, 0)
DEFAULT_WORK_START = time(9, 0)
DEFAULT_WORK_END = time(17, 0)
DEFAULT_BREAK_MINUTES = 30
"""A movement break every 30 minutes: a common, reasonable default (clinical-facts §7)."""
MIN_BREAK_MINUTES = 10
DEFAULT_QUIET_START = time(21, 30)
DEFAULT_QUIET_END = time(7, 0)
WORKING_WEEKDAYS = frozenset(range(5))  # Monday..Friday
LATE_GRACE = timedelta(hours=2)
"""A reminder missed by a stopped server is still sent this late; later ones are dropped."""


@dataclass(frozen=True, slots=True)
class ReminderPrefs:
    """What a person wants to be reminded of, how, and when, in their own time zone."""

    user_id: int
    time_zone: str = "UTC"
    push: bool = False
    email: bool = False
    sessions: bool = True
    session_time: time = DEFAULT_SESSION_TIME
    check_in: bool = True
    check_in_time: time = DEFAULT_CHECK_IN_TIME
    breaks: bool = False
    work_start: time = DEFAULT_WORK_START
    work_end: time = DEFAULT_WORK_END
    break_minutes: int = DEFAULT_BREAK_MINUTES
    quiet_start: time | None = DEFAULT_QUIET_START
    quiet_end: time | None = DEFAULT_QUIET_END
    alerts: bool = True
    """A clinician's emails about patients' high pain or missed sessions."""

    @property
    def any_channel(self) -> bool:
        """True if reminders can reach the person at all."""
        return self.push or self.email


@dataclass(frozen=True, slots=True)
class Due:
    """One reminder: its kind, the instant it is due (UTC) and the local day it belongs to."""

    kind: Kind
    at: datetime
    day: date


@dataclass(frozen=True, slots=True)
class PlanDays:
    """What the plan says, as far as reminders care: its session days and whether it is ok."""

    sessions: frozenset[date] = field(default_factory=frozenset)
    active: bool = True


def in_quiet_hours(at: time, start: time | None, end: time | None) -> bool:
    """True if the local time `at` is inside [start, end); a window may wrap past midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end


def break_times(start: time, end: time, every_minutes: int) -> list[time]:
    """Each break's time of day: every interval after the start, before the end."""
    step = timedelta(minutes=max(every_minutes, MIN_BREAK_MINUTES))
    day = date(2000, 1, 3)
    at, last = datetime.combine(day, start) + step, datetime.combine(day, end)
    found: list[time] = []
    while at < last:
        found.append(at.time())
        at += step
    return found


def due_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local `at` on `day` in `tz` (fold=0 for repeated or skipped times)."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def _candidates(prefs: ReminderPrefs, plan: PlanDays, day: date) -> Iterable[tuple[Kind, time]]:
    if prefs.sessions and plan.active and day in plan.sessions:
        yield "session", prefs.session_time
    if prefs.check_in and plan.active and day - timedelta(days=1) in plan.sessions:
        yield "check_in", prefs.check_in_time
    if prefs.breaks and day.weekday() in WORKING_WEEKDAYS:
        for at in break_times(prefs.work_start, prefs.work_end, prefs.break_minutes):
            yield "break", at


def due_between(
    prefs: ReminderPrefs, tz: ZoneInfo, plan: PlanDays, after: datetime, until: datetime
) -> list[Due]:
    """Reminders due in (after, until], in time order, outside quiet hours."""
    first = after.astimezone(tz).date() - timedelta(days=1)
    last = until.astimezone(tz).date() + timedelta(days=1)
    found: list[Due] = []
    day = first
    while day <= last:
        for kind, at in _candidates(prefs, plan, day):
            if in_quiet_hours(at, prefs.quiet_start, prefs.quiet_end):
                continue
            instant = due_instant(day, at, tz)
            if after < instant <= until:
                found.append(Due(kind, instant, day))
        day += timedelta(days=1)
    return sorted(found, key=lambda due: (due.at, due.kind))


def message(kind: Kind) -> tuple[str, str]:
    """The title and body of a reminder: plain and short, no health details."""
    if kind == "session":
        return "Time for your mid-back session", "Your session for today is ready when you are."
    if kind == "check_in":
        return (
            "How is your back this morning?",
            "Tell us in a tap: it helps plan your next session.",
        )
    return "Time for a movement break", "Stand up and move for two minutes."
