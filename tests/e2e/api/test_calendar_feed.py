"""The calendar subscription feed and the calendar download, read back with icalendar and
recurring-ical-events, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Event
from tests.e2e.api.conftest import Api, Person, assert_error
from tests.e2e.api.test_training import post_log, start
from tests.support.training import log_body, today

LONDON = ZoneInfo("Europe/London")


def subscribe(api: Api, person: Person, **preferences: Any) -> str:
    """POST /me/calendar; returns the secret feed URL."""
    made = api.client.post("/api/v1/me/calendar", json=preferences, headers=person.auth)
    assert made.status_code == 201, made.text
    url: str = made.json()["url"]
    assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
    return url


def sessions_of(ics: bytes) -> dict[str, Event]:
    """The session events (not the recurring breaks) by UID."""
    events = Calendar.from_ical(ics).walk("VEVENT")
    return {str(e["UID"]): e for e in events if "RRULE" not in e}


def test_the_feed_follows_the_plan_as_it_adapts_with_stable_uids(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    url = subscribe(tapi, ada, time="18:15", time_zone="Europe/London", breaks=True)
    first = tapi.client.get(url)  # no Authorization header: the secret is the credential
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "text/calendar; charset=utf-8"
    before = sessions_of(first.content)
    plan = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    assert len(before) == sum(len(w["sessions"]) for w in plan["weeks"])
    some = next(iter(before.values()))
    starts = some.decoded("DTSTART")
    assert starts.tzinfo is not None and starts.astimezone(LONDON).time() == time(18, 15)
    assert "http://testserver/sessions/" in str(some["URL"])

    painful = log_body(today() - timedelta(days=1), pain_during=8)
    painful["items"][0]["painful"] = True
    assert post_log(tapi, ada, painful, "hurt").status_code == 201
    after = sessions_of(tapi.client.get(url).content)
    assert after.keys() == before.keys()  # the same events, updated in place
    # Sessions after the log: since issue 11, the unlogged ones before it also change (they
    # were missed, so they no longer count as evidence for a step up).
    logged_on = today() - timedelta(days=1)
    changed = [
        uid
        for uid in before
        if before[uid]["DESCRIPTION"] != after[uid]["DESCRIPTION"]
        and after[uid].decoded("DTSTART").date() > logged_on
    ]
    assert changed, "the adapted plan should change some events"
    assert all("• Open book:" not in str(after[uid]["DESCRIPTION"]) for uid in changed)
    assert int(some["SEQUENCE"]) < int(after[str(some["UID"])]["SEQUENCE"])


def test_movement_breaks_recur_on_working_days(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada, days_ago=0)
    url = subscribe(tapi, ada, time_zone="Europe/London", breaks=True)
    calendar = Calendar.from_ical(tapi.client.get(url).content)
    first = datetime.combine(today(), time(0), tzinfo=LONDON)
    week = recurring_ical_events.of(calendar).between(first, first + timedelta(days=7))
    breaks = [e for e in week if str(e["SUMMARY"]).startswith("Movement break")]
    assert len(breaks) == 5 * 15  # every 30 min from 09:30 to 16:30, Monday to Friday
    assert {e.decoded("DTSTART").astimezone(LONDON).weekday() for e in breaks} == set(range(5))


def test_status_regenerate_and_revoke(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    status = tapi.client.get("/api/v1/me/calendar", headers=ada.auth).json()
    assert status["active"] is False and status["url"] is None and status["time"] == "07:30"
    old = subscribe(tapi, ada, time="06:45", time_zone="America/New_York")
    new = subscribe(tapi, ada)  # preferences are kept
    assert new != old
    gone = assert_error(tapi.client.get(old), 404, "not_found")
    assert "revoked or replaced" in gone["message"]
    status = tapi.client.get("/api/v1/me/calendar", headers=ada.auth).json()
    assert status["active"] and status["url"] is None
    assert (status["time"], status["time_zone"]) == ("06:45", "America/New_York")
    assert tapi.client.get(new).status_code == 200
    assert tapi.client.delete("/api/v1/me/calendar", headers=ada.auth).status_code == 204
    assert_error(tapi.client.get(new), 404, "not_found")
    status = tapi.client.get("/api/v1/me/calendar", headers=ada.auth).json()
    assert status["active"] is False and status["revoked_at"]
    assert tapi.client.delete("/api/v1/me/calendar", headers=ada.auth).status_code == 204
    last = subscribe(tapi, ada)
    assert tapi.delete_account(ada).status_code == 204
    assert_error(tapi.client.get(last), 404, "not_found")  # the feed went with the account


def test_feed_and_download_errors_are_clear(tapi: Api) -> None:
    ada, bob, cy = (tapi.person(f"{n}@example.org") for n in ("ada", "bob", "cy"))
    assert_error(tapi.client.get("/calendar/not-a-secret.ics"), 404, "not_found")
    assert_error(tapi.client.get("/api/v1/me/calendar"), 401, "not_authenticated")
    bad = tapi.client.post(
        "/api/v1/me/calendar", json={"time_zone": "Mars/Olympus"}, headers=ada.auth
    )
    assert assert_error(bad, 422, "invalid_input")["fields"][0]["field"] == "time_zone"
    late = tapi.client.post("/api/v1/me/calendar", json={"time": "25:00"}, headers=ada.auth)
    assert_error(late, 422, "invalid_input")
    no_program = assert_error(tapi.client.get(subscribe(tapi, ada)), 404, "not_found")
    assert "no program" in no_program["message"]
    start(tapi, bob, red_flags=["recent_trauma"])
    referral = assert_error(tapi.client.get(subscribe(tapi, bob)), 409, "conflict")
    assert "clinician" in referral["message"]
    download = tapi.client.get("/api/v1/programs/current.ics", headers=bob.auth)
    assert_error(download, 409, "conflict")
    assert_error(tapi.client.get("/api/v1/programs/current.ics", headers=cy.auth), 404, "not_found")
    assert_error(tapi.client.get("/api/v1/programs/current.ics"), 401, "not_authenticated")


def test_the_download_uses_the_feed_preferences_unless_told(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    subscribe(tapi, ada, time="12:00", time_zone="Asia/Tokyo")
    saved = tapi.client.get("/api/v1/programs/current.ics", headers=ada.auth)
    assert saved.status_code == 200 and "midback.ics" in saved.headers["content-disposition"]
    tokyo = ZoneInfo("Asia/Tokyo")
    times = {
        e.decoded("DTSTART").astimezone(tokyo).time() for e in sessions_of(saved.content).values()
    }
    assert times == {time(12, 0)}
    asked = tapi.client.get(
        "/api/v1/programs/current.ics",
        params={"time": "08:05", "time_zone": "UTC", "breaks": "false"},
        headers=ada.auth,
    )
    events = sessions_of(asked.content)
    assert {e.decoded("DTSTART").time() for e in events.values()} == {time(8, 5)}
    assert events.keys() == sessions_of(saved.content).keys()
