"""The calendar export, read back with icalendar and recurring-ical-events."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Event

from midback.domain.plan import Plan
from midback.exports.calendar import Breaks, CalendarOptions, event_uid, plan_calendar

from ...support.planning import START, feedback, library, plan_for, profile, program

LONDON = ZoneInfo("Europe/London")
STAMP = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def options(**changes: object) -> CalendarOptions:
    base: dict[str, object] = {"person_key": "alex", "tz": LONDON, "stamp": STAMP}
    return CalendarOptions(**(base | changes))  # type: ignore[arg-type]


def events(plan: Plan, **changes: object) -> list[Event]:
    ics = plan_calendar(plan, program(), library(), options(**changes))
    return [c for c in Calendar.from_ical(ics).walk("VEVENT") if "RRULE" not in c]


def test_every_session_is_an_event_at_the_chosen_time_with_its_minutes() -> None:
    plan = plan_for(profile())
    found = events(plan, at=time(18, 15))
    assert len(found) == len(plan.sessions())
    for event, session in zip(found, plan.sessions(), strict=True):
        start = event.decoded("DTSTART")
        assert start.date() == session.date and start.time() == time(18, 15)
        assert start.tzinfo is not None and start.utcoffset() == timedelta(0)  # London, winter
        minutes = round(session.estimated_minutes + session.measure_minutes)
        assert event.decoded("DURATION") == timedelta(minutes=minutes)


def test_events_carry_a_reminder_the_exercises_and_a_link() -> None:
    plan = plan_for(profile())
    event = events(plan, base_url="https://app.example/", alarm_minutes=15)[0]
    alarm = event.walk("VALARM")[0]
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)
    text = str(event["DESCRIPTION"])
    names = {library()[item.exercise].name for item in plan.sessions()[0].items}
    assert all(name in text for name in names)
    assert f"https://app.example/sessions/{START.isoformat()}" in text
    assert str(event["URL"]) == f"https://app.example/sessions/{START.isoformat()}"


def test_uids_are_stable_when_feedback_changes_the_plan() -> None:
    person = profile()
    before = plan_for(person)
    hurt = {"completed": True, "pain_during": 8, "pain_next_day": 6, "difficulty": 9}
    after = plan_for(person, feedback({"date": START.isoformat(), **hurt}))
    assert before != after
    old = {str(e["UID"]): str(e["DESCRIPTION"]) for e in events(before)}
    new = {str(e["UID"]): str(e["DESCRIPTION"]) for e in events(after)}
    assert old.keys() == new.keys()
    assert any(old[uid] != new[uid] for uid in old)
    revised = events(after, sequence=1)
    assert {int(e["SEQUENCE"]) for e in revised} == {1}


def test_uids_differ_per_person_and_hide_the_key() -> None:
    plan = plan_for(profile())
    mine = {str(e["UID"]) for e in events(plan, person_key="alex@example.org")}
    theirs = {str(e["UID"]) for e in events(plan, person_key="sam@example.org")}
    assert not mine & theirs
    assert not any("example.org" in uid for uid in mine)
    assert event_uid("k", "p", "2026-12-01") == event_uid("k", "p", "2026-12-01")


def test_movement_breaks_recur_every_half_hour_on_working_days_until_the_end() -> None:
    plan = plan_for(profile())
    ics = plan_calendar(plan, program(), library(), options(breaks=Breaks()))
    calendar = Calendar.from_ical(ics)
    week = recurring_ical_events.of(calendar).between(date(2026, 12, 7), date(2026, 12, 14))
    breaks = [e for e in week if "Movement break" in str(e["SUMMARY"])]
    assert len(breaks) == 5 * 15  # 09:30 … 16:30 on Monday to Friday
    starts = sorted(e.decoded("DTSTART") for e in breaks)
    assert all(s.weekday() < 5 for s in starts)
    assert starts[0].time() == time(9, 30) and starts[-1].time() == time(16, 30)
    last = plan.sessions()[-1].date
    after = recurring_ical_events.of(calendar).between(
        last + timedelta(days=1), last + timedelta(30)
    )
    assert not [e for e in after if "Movement break" in str(e["SUMMARY"])]


def test_break_times_follow_the_settings() -> None:
    hourly = Breaks(start=time(8, 0), end=time(12, 0), every_minutes=60)
    assert hourly.times() == [time(9, 0), time(10, 0), time(11, 0)]


def test_the_time_zone_is_described_in_the_file() -> None:
    plan = plan_for(profile())
    calendar = Calendar.from_ical(plan_calendar(plan, program(), library(), options()))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    summer = plan_for(profile(start_date="2026-07-01"))
    start = events(summer)[0].decoded("DTSTART")
    assert start.utcoffset() == timedelta(hours=1)
