"""The program in the person's own calendar (iCalendar, RFC 5545): sessions and movement breaks.

Every event's UID is derived from (person key, program id, session date), never from its content,
so a regenerated calendar (a download imported again, or the subscription feed polled) updates the
same events when the plan adapts instead of adding duplicates. The person key is hashed into the
UID, so an email address used as the key never appears in the file. Movement breaks are numbered
slots (the first break of the day, the second, ...), and every slot up to MAX_BREAKS_PER_DAY is in
every file, the unused ones cancelled: a calendar that imports the file again after the break
interval changed updates or cancels each old break instead of keeping it as an orphan. A
subscription feed leaves the unused slots out: clients replace a feed whole.

The VTIMEZONE gives each daylight-saving change its own RDATE line: comma-separated lists are valid
RFC 5545, but Mozilla's ical.js (Thunderbird) and vobject read only the first date of a list and
then show events an hour off.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress

from midback.domain.exercise import Exercise
from midback.domain.plan import Plan, PlannedSession, PlanWeek
from midback.domain.program import Program
from midback.exports.links import DEFAULT_BASE_URL, session_url
from midback.exports.plan_text import session_lines

UID_NAMESPACE = uuid.UUID("6f1c9c52-2b0e-4c4e-9f4e-6d6964626163")
"""Fixed forever: changing it would change every UID and duplicate events in people's calendars."""

PRODID = "-//midback//midback calendar export//EN"
WORKING_DAYS = ("MO", "TU", "WE", "TH", "FR")
MAX_BREAKS_PER_DAY = 48
"""Break slots every file carries (live or cancelled): a break every 10 minutes for 8 hours."""
ORGANIZER_NAME = "midback"


@dataclass(frozen=True)
class Breaks:
    """Movement-break reminders in working hours (every 30 min: clinical-facts §7)."""

    start: time = time(9, 0)
    end: time = time(17, 0)
    every_minutes: int = 30
    minutes: int = 2
    """Two minutes of light walking already helps (Dunstan et al. 2012, clinical-facts §7)."""
    days: tuple[str, ...] = WORKING_DAYS

    def check(self) -> None:
        """ValueError when there are more breaks a day than the stable slots can name."""
        count = len(self.times())
        if count > MAX_BREAKS_PER_DAY:
            raise ValueError(
                f"{count} breaks a day is more than {MAX_BREAKS_PER_DAY} breaks a day; "
                "break less often or over fewer hours"
            )

    def times(self) -> list[time]:
        """Each break's time of day: every interval after the start, before the end."""
        step = timedelta(minutes=self.every_minutes)
        day = date(2000, 1, 3)
        at, last = datetime.combine(day, self.start) + step, datetime.combine(day, self.end)
        found: list[time] = []
        while at < last:
            found.append(at.time())
            at += step
        return found


@dataclass(frozen=True)
class CalendarOptions:
    """Whose calendar, when sessions happen, where links point, and whether to add breaks."""

    person_key: str
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    at: time = time(7, 30)
    base_url: str = DEFAULT_BASE_URL
    alarm_minutes: int = 10
    breaks: Breaks | None = None
    stamp: datetime | None = None
    """When the file was made (DTSTAMP); now if not given. Tests pass a fixed one."""
    cancel_unused_breaks: bool = True
    """Carry every unused break slot as a cancelled event, for a file imported again; a feed,
    which calendar apps replace whole, needs none."""
    sequence: int = 0
    """Revision of the plan (e.g. sessions logged so far): some clients update an imported event
    only when its SEQUENCE grows, so pass a number that never goes down for one person."""


def event_uid(person_key: str, program_id: str, key: str) -> str:
    """A stable UID for one event of one person's program (`key`: a date or a break time)."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{person_key}|{program_id}|{key}')}@midback"


def plan_calendar(
    plan: Plan, program: Program, exercises: Mapping[str, Exercise], options: CalendarOptions
) -> bytes:
    """Every planned session (and optional movement breaks) as an iCalendar file."""
    stamp = (options.stamp or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"midback: {program.name}")
    cal.add("x-wr-timezone", options.tz.key)
    for week in plan.weeks:
        for session in week.sessions:
            cal.add_component(_session_event(session, week, plan, exercises, options, stamp))
    sessions = plan.sessions()
    if options.breaks and sessions:
        options.breaks.check()
        first, last = sessions[0].date, sessions[-1].date
        times = options.breaks.times()
        slots = MAX_BREAKS_PER_DAY if options.cancel_unused_breaks else len(times)
        for slot in range(1, slots + 1):
            at = times[slot - 1] if slot <= len(times) else None
            cal.add_component(_break_event(slot, at, first, last, plan.program, options, stamp))
    if sessions:
        cal.add_component(_timezone(options.tz, sessions[0].date, sessions[-1].date))
    return bytes(cal.to_ical())


def _timezone(tz: ZoneInfo, first: date, last: date) -> Timezone:
    """The zone's rules over the program's years, one RDATE per line."""
    zone = Timezone.from_tzid(
        tz.key, first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
    )
    for part in zone.subcomponents:
        found = part.pop("RDATE", None)
        if found is None:
            continue
        for values in found if isinstance(found, list) else [found]:
            for value in values.dts:
                part.add("rdate", value.dt)
    return zone


def _organizer(options: CalendarOptions) -> vCalAddress:
    """Who publishes the events (libical expects an ORGANIZER under METHOD:PUBLISH)."""
    address = vCalAddress(options.base_url.rstrip("/") + "/")
    address.params["CN"] = ORGANIZER_NAME
    return address


def _session_event(
    session: PlannedSession,
    week: PlanWeek,
    plan: Plan,
    exercises: Mapping[str, Exercise],
    options: CalendarOptions,
    stamp: datetime,
) -> Event:
    minutes = max(1, round(session.estimated_minutes + session.measure_minutes))
    start = datetime.combine(session.date, options.at, tzinfo=options.tz)
    url = session_url(options.base_url, session.date)
    event = Event()
    event.add("uid", event_uid(options.person_key, plan.program, session.date.isoformat()))
    event.add("dtstamp", stamp)
    event.add("sequence", options.sequence)
    event.add("organizer", _organizer(options))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("summary", f"Mid-back session, week {week.week} ({minutes} min)")
    event.add("description", _description(session, week, exercises, minutes, url))
    event.add("url", url)
    event.add("categories", ["midback"])
    event.add("transp", "OPAQUE")
    event.add_component(_alarm(f"Mid-back session in {options.alarm_minutes} min", options))
    return event


def _description(
    session: PlannedSession,
    week: PlanWeek,
    exercises: Mapping[str, Exercise],
    minutes: int,
    url: str,
) -> str:
    head = f"Week {week.week}, {week.phase}: about {minutes} minutes."
    lines = [head, week.focus, ""]
    lines += [f"• {line.exercise}: {line.dose}" for line in session_lines(session, exercises)]
    if session.reassess and session.measure:
        protocols = ", ".join(p.replace("_", " ") for p in session.measure)
        minutes_to_measure = round(session.measure_minutes)
        lines += ["", f"Re-measure today ({protocols}), about {minutes_to_measure} min."]
    lines += ["", f"Start the session: {url}", "Stop if pain goes above 5 out of 10."]
    return "\n".join(lines)


def _alarm(text: str, options: CalendarOptions, before: int | None = None) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    minutes = options.alarm_minutes if before is None else before
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def _break_event(
    slot: int,
    at: time | None,
    first: date,
    last: date,
    program_id: str,
    options: CalendarOptions,
    stamp: datetime,
) -> Event:
    """The `slot`-th break of each working day, or a cancelled slot when `at` is None."""
    breaks = options.breaks or Breaks()
    start = _first_working_day(first, breaks.days)
    event = Event()
    event.add("uid", event_uid(options.person_key, program_id, f"break-slot-{slot}"))
    event.add("dtstamp", stamp)
    event.add("sequence", options.sequence)
    event.add("organizer", _organizer(options))
    event.add("dtstart", datetime.combine(start, at or breaks.start, tzinfo=options.tz))
    event.add("duration", timedelta(minutes=breaks.minutes))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["midback"])
    if at is None:
        event.add("summary", "Movement break (no longer planned)")
        event.add("status", "CANCELLED")
        return event
    until = datetime.combine(last, time(23, 59, 59), tzinfo=options.tz).astimezone(UTC)
    event.add("summary", "Movement break: stand up and move")
    event.add(
        "description",
        f"Stand up, walk or stretch for {breaks.minutes} minutes; long sitting stiffens the "
        "mid-back.",
    )
    event.add("rrule", {"freq": "weekly", "byday": list(breaks.days), "until": until})
    event.add_component(_alarm("Time to stand up and move", options, before=0))
    return event


def _first_working_day(day: date, days: tuple[str, ...]) -> date:
    """The first day on or after `day` that is one of `days` (DTSTART must be an occurrence)."""
    names = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    for offset in range(7):
        candidate = day + timedelta(days=offset)
        if names[candidate.weekday()] in days:
            return candidate
    return day
