"""The calendar export read by vobject (and Mozilla's ical.js where node is present), not by the
icalendar library that writes it: times, time-zone rules, ORGANIZER and stable break UIDs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject

from midback.exports.calendar import Breaks, CalendarOptions, plan_calendar

from ...support.node_tools import node_package, run_node
from ...support.planning import library as made_up_library
from ...support.planning import plan_for, profile, program

STAMP = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
ZONES = [
    ("Europe/London", "2026-12-01"),  # winter: UTC+0
    ("Australia/Sydney", "2026-12-01"),  # summer time: UTC+11
    ("America/New_York", "2026-07-01"),  # summer time: UTC−4
    ("Europe/London", "2026-07-01"),  # summer time: UTC+1
]


def ics(zone: str, start: str, **changes: object) -> bytes:
    plan = plan_for(profile(start_date=start))
    base: dict[str, object] = {"person_key": "alex", "tz": ZoneInfo(zone), "stamp": STAMP}
    options = CalendarOptions(**(base | changes))  # type: ignore[arg-type]
    return plan_calendar(plan, program(), made_up_library(), options)


def unfolded(data: bytes) -> list[str]:
    """Content lines with RFC 5545 folding undone."""
    return data.decode().replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


@pytest.mark.parametrize(("zone", "start"), ZONES)
def test_vobject_reads_every_session_at_its_local_time(zone: str, start: str) -> None:
    plan = plan_for(profile(start_date=start))
    parsed = vobject.readOne(ics(zone, start).decode())
    sessions = [e for e in parsed.vevent_list if "session" in e.summary.value]
    assert len(sessions) == len(plan.sessions())
    for event, session in zip(sessions, plan.sessions(), strict=True):
        expected = datetime.combine(session.date, time(7, 30), tzinfo=ZoneInfo(zone))
        assert event.dtstart.value.astimezone(UTC) == expected.astimezone(UTC), event.uid.value


@pytest.mark.parametrize(("zone", "start"), ZONES)
def test_each_time_zone_rdate_is_on_its_own_line(zone: str, start: str) -> None:
    rdates = [line for line in unfolded(ics(zone, start)) if line.startswith("RDATE")]
    assert all("," not in line.partition(":")[2] for line in rdates), rdates


def test_published_events_name_an_organizer() -> None:
    data = ics("Europe/London", "2026-12-01", breaks=Breaks())
    parsed = vobject.readOne(data.decode())
    assert parsed.method.value == "PUBLISH"
    assert parsed.vevent_list
    for event in parsed.vevent_list:
        assert event.organizer.value, event.uid.value
        assert event.organizer.params["CN"] == ["midback"]


def break_uids(data: bytes) -> dict[str, str]:
    """UID → STATUS of every movement-break event."""
    parsed = vobject.readOne(data.decode())
    found = {}
    for event in parsed.vevent_list:
        if "break" in event.summary.value.lower():
            status = event.status.value if hasattr(event, "status") else "CONFIRMED"
            found[event.uid.value] = status
    return found


def test_changing_the_break_interval_keeps_or_cancels_every_old_break_event() -> None:
    half_hourly = break_uids(ics("Europe/London", "2026-12-01", breaks=Breaks()))
    hourly = ics("Europe/London", "2026-12-01", breaks=Breaks(every_minutes=120))
    after = break_uids(hourly)
    live = [uid for uid, status in after.items() if status != "CANCELLED"]
    assert len(live) == 3  # 11:00, 13:00, 15:00
    assert set(half_hourly) <= set(after)  # nothing left orphaned in a re-imported calendar
    assert all(after[uid] == "CANCELLED" for uid in set(after) - set(live))


def test_a_cancelled_break_slot_never_rings() -> None:
    data = ics("Europe/London", "2026-12-01", breaks=Breaks(every_minutes=120))
    parsed = vobject.readOne(data.decode())
    for event in parsed.vevent_list:
        if hasattr(event, "status") and event.status.value == "CANCELLED":
            assert not hasattr(event, "valarm") and not hasattr(event, "rrule")


def test_more_breaks_a_day_than_the_stable_slots_is_refused() -> None:
    many = Breaks(start=time(0, 0), end=time(23, 59), every_minutes=10)
    assert len(many.times()) > 48
    with pytest.raises(ValueError, match="breaks a day"):
        many.check()


ICAL_JS = """
const ICAL = require("ical.js");
const fs = require("fs");
const component = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[1], "utf8")));
for (const zone of component.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const out = component.getAllSubcomponents("vevent").map((v) => {
  const event = new ICAL.Event(v);
  return [event.uid, event.summary, event.startDate.toJSDate().toISOString()];
});
console.log(JSON.stringify(out));
"""


@pytest.mark.parametrize(("zone", "start"), ZONES)
def test_ical_js_reads_every_session_at_its_local_time(
    zone: str, start: str, tmp_path: Path
) -> None:
    folder = node_package("ical.js", "2.2.1")
    path = tmp_path / "midback.ics"
    path.write_bytes(ics(zone, start, breaks=Breaks()))
    read = json.loads(run_node(folder, ICAL_JS, str(path)))
    plan = plan_for(profile(start_date=start))
    sessions = [when for _, summary, when in read if "session" in summary]
    expected = [
        datetime.combine(s.date, time(7, 30), tzinfo=ZoneInfo(zone)).astimezone(UTC)
        for s in plan.sessions()
    ]
    assert [datetime.fromisoformat(when) for when in sessions] == expected


def test_a_feed_leaves_unused_break_slots_out() -> None:
    data = ics("Europe/London", "2026-12-01", breaks=Breaks(), cancel_unused_breaks=False)
    found = break_uids(data)
    assert len(found) == 15 and set(found.values()) == {"CONFIRMED"}
