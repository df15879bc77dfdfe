"""Which reminders fall due: local times across clock changes, quiet hours, held plans, breaks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from midback.domain.reminders import (
    PlanDays,
    ReminderPrefs,
    break_times,
    due_between,
    in_quiet_hours,
)

NEW_YORK = ZoneInfo("America/New_York")
# 2027-03-14: New York's clocks go from 02:00 to 03:00; 2027-11-07: from 02:00 back to 01:00.
SPRING, AUTUMN = date(2027, 3, 14), date(2027, 11, 7)


def prefs(**values: object) -> ReminderPrefs:
    base = ReminderPrefs(user_id=1, time_zone="America/New_York", push=True, check_in=False)
    return replace(base, **values)  # type: ignore[arg-type]


def everything(p: ReminderPrefs, days: set[date], tz: ZoneInfo = NEW_YORK) -> list[datetime]:
    after = datetime(2027, 1, 1, tzinfo=UTC)
    return [
        d.at
        for d in due_between(p, tz, PlanDays(frozenset(days)), after, after + timedelta(days=365))
    ]


def test_a_morning_reminder_stays_at_local_time_when_the_clocks_go_forward() -> None:
    found = everything(prefs(), {SPRING - timedelta(days=1), SPRING + timedelta(days=1)})
    assert found == [
        datetime(2027, 3, 13, 12, 30, tzinfo=UTC),
        datetime(2027, 3, 15, 11, 30, tzinfo=UTC),
    ]


def test_a_time_the_clocks_skip_or_repeat_is_still_sent_exactly_once() -> None:
    skipped = everything(prefs(session_time=time(2, 30), quiet_start=None), {SPRING})
    repeated = everything(prefs(session_time=time(1, 30), quiet_start=None), {AUTUMN})
    assert len(skipped) == 1 and len(repeated) == 1
    assert repeated[0] == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # the first 01:30 (EDT)


def test_quiet_hours_may_wrap_past_midnight() -> None:
    assert in_quiet_hours(time(23, 0), time(21, 30), time(7, 0))
    assert in_quiet_hours(time(6, 59), time(21, 30), time(7, 0))
    assert not in_quiet_hours(time(7, 0), time(21, 30), time(7, 0))
    assert in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(13, 0), None, None)


def test_nothing_is_sent_inside_quiet_hours() -> None:
    quiet = prefs(session_time=time(6, 30), quiet_start=time(22, 0), quiet_end=time(7, 0))
    assert everything(quiet, {date(2027, 5, 3)}) == []


def test_a_held_or_referred_plan_sends_no_session_or_morning_question() -> None:
    after = datetime(2027, 5, 1, tzinfo=UTC)
    days = PlanDays(frozenset({date(2027, 5, 3)}), active=False)
    assert due_between(prefs(check_in=True), NEW_YORK, days, after, after + timedelta(days=7)) == []


def test_the_morning_question_follows_a_session_day() -> None:
    after = datetime(2027, 5, 1, tzinfo=UTC)
    days = PlanDays(frozenset({date(2027, 5, 3)}))
    found = due_between(prefs(check_in=True), NEW_YORK, days, after, after + timedelta(days=7))
    assert [(d.kind, d.day) for d in found] == [
        ("session", date(2027, 5, 3)),
        ("check_in", date(2027, 5, 4)),
    ]


def test_breaks_come_every_interval_inside_working_hours_on_weekdays_only() -> None:
    assert break_times(time(9), time(11), 30) == [time(9, 30), time(10), time(10, 30)]
    p = prefs(sessions=False, breaks=True, work_start=time(9), work_end=time(11), break_minutes=60)
    after = datetime(2027, 5, 1, tzinfo=UTC)  # a Saturday
    found = due_between(p, NEW_YORK, PlanDays(), after, after + timedelta(days=7))
    assert len(found) == 5
    assert {d.day.weekday() for d in found} == {0, 1, 2, 3, 4}


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


@given(
    start=instants,
    cut=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    rest=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    zone=st.sampled_from(["America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC"]),
    at=st.times(),
    breaks=st.booleans(),
)
def test_consecutive_windows_split_the_reminders_without_loss_or_repeat(
    start: datetime, cut: timedelta, rest: timedelta, zone: str, at: time, breaks: bool
) -> None:
    tz = ZoneInfo(zone)
    p = prefs(time_zone=zone, session_time=at, check_in=True, breaks=breaks)
    days = PlanDays(frozenset(start.date() + timedelta(days=n) for n in range(-1, 5, 2)))
    middle, end = start + cut, start + cut + rest
    whole = due_between(p, tz, days, start, end)
    parts = due_between(p, tz, days, start, middle) + due_between(p, tz, days, middle, end)
    assert whole == parts
    assert len({(d.kind, d.at) for d in whole}) == len(whole)
    assert all(start < d.at <= end for d in whole)
