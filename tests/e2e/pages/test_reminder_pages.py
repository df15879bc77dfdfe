"""Reminder settings, this browser's push subscription, one-tap unsubscribe, and the password
reset journey by email (to a local SMTP server the test starts), through the pages."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from tests.e2e.pages.conftest import PASSWORD, MakeClient, csrf_of, sign_up
from tests.support.messaging import MailSink, browser_keys, mail_sink
from tests.support.reminders import VAPID
from tests.support.training import profile

from midback.domain.reminders import ReminderPrefs
from midback.domain.training import ProgramRequest
from midback.services import assessments, programs, reminders

NEW_PASSWORD = "another long and rare passphrase"


@pytest.fixture
def mails() -> Iterator[MailSink]:
    """The local SMTP server."""
    with mail_sink() as sink:
        yield sink


def with_messaging(make_client: MakeClient, mails: MailSink) -> TestClient:
    """An app with push and email configured (email to the local server)."""
    return make_client(
        vapid_private_key=VAPID.private_key,
        vapid_public_key=VAPID.public_key,
        smtp_host="127.0.0.1",
        smtp_port=mails.port,
        smtp_security="none",
        smtp_from="midback@example.org",
        public_url="http://testserver",
    )


def wait_for_mail(mails: MailSink, count: int = 1, seconds: float = 10) -> None:
    """Until `count` messages arrived (jobs send them in the background)."""
    deadline = time.monotonic() + seconds
    while len(mails.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mails.messages) >= count, f"{len(mails.messages)} of {count} messages arrived"


def form(page: str, **values: str) -> dict[str, str]:
    """Every reminder field as the page renders it, with `values` changed."""
    data = {"csrf_token": csrf_of(page), "time_zone": "Europe/Paris", "sessions": "yes"}
    data |= {"session_time": "07:30", "check_in_time": "08:00", "work_start": "09:00"}
    data |= {"work_end": "17:00", "break_minutes": "30", "quiet": "yes"}
    data |= {"quiet_start": "21:30", "quiet_end": "07:00"}
    return data | values


def test_the_settings_say_reminders_are_off_until_the_server_sends_anything(
    client: TestClient,
) -> None:
    sign_up(client)
    page = client.get("/settings/reminders")
    assert page.status_code == 200
    assert "not switched on for this midback" in page.text
    assert "push.js" not in page.text


def test_reminder_preferences_save_and_bad_fields_are_named(
    make_client: MakeClient, mails: MailSink
) -> None:
    client = with_messaging(make_client, mails)
    sign_up(client)
    page = client.get("/settings/reminders").text
    assert 'data-vapid-key="' + VAPID.public_key in page
    saved = client.post("/settings/reminders", data=form(page, email="yes", breaks="yes"))
    assert saved.status_code == 200 and "Saved." in saved.text
    assert 'value="Europe/Paris"' in saved.text
    bad = client.post(
        "/settings/reminders",
        data=form(page, time_zone="Mars/Olympus", session_time="25:00", break_minutes="2"),
    )
    assert bad.status_code == 422
    assert 'id="rem-session_time-error"' in bad.text
    assert 'id="rem-break_minutes-error"' in bad.text
    zone = client.post("/settings/reminders", data=form(page, time_zone="Mars/Olympus"))
    assert zone.status_code == 422 and "Unknown time zone" in zone.text
    forged = client.post("/settings/reminders", data=form(page, csrf_token="forged"))
    assert forged.status_code == 403


def test_a_browser_subscribes_with_the_page_token_and_can_leave(
    make_client: MakeClient, mails: MailSink
) -> None:
    client = with_messaging(make_client, mails)
    sign_up(client)
    page = client.get("/settings/reminders").text
    token = re.search(r'data-csrf="([^"]+)"', page)
    assert token
    p256dh, auth = browser_keys()
    body = {"endpoint": "https://push.example.net/abc", "keys": {"p256dh": p256dh, "auth": auth}}
    refused = client.post("/settings/reminders/push", json=body)
    assert refused.status_code == 403
    made = client.post("/settings/reminders/push", json=body, headers={"X-CSRF-Token": token[1]})
    assert made.status_code == 201
    assert 'id="rem-push" name="push" value="yes" checked' in client.get("/settings/reminders").text
    bad = client.post(
        "/settings/reminders/push",
        json={"endpoint": "ftp://nope", "keys": body["keys"]},
        headers={"X-CSRF-Token": token[1]},
    )
    assert bad.status_code == 422
    gone = client.post(
        "/settings/reminders/push/remove", json=body, headers={"X-CSRF-Token": token[1]}
    )
    assert gone.json() == {"removed": True}


def test_an_unsubscribe_link_works_without_logging_in_and_a_forged_one_does_not(
    make_client: MakeClient, mails: MailSink
) -> None:
    client = with_messaging(make_client, mails)
    sign_up(client)
    page = client.get("/settings/reminders").text
    client.post("/settings/reminders", data=form(page, email="yes"))
    security = client.app.state.security  # type: ignore[attr-defined]
    link = reminders.unsubscribe_url("http://testserver", security, 1, "email")
    client.cookies.clear()
    shown = client.get(link)
    assert shown.status_code == 200 and "Unsubscribe" in shown.text
    done = client.post(link, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "You are unsubscribed" in done.text
    assert client.get(link[:-2] + "zz").status_code == 404
    sign_in(client, "ada@example.org", PASSWORD)
    assert (
        'id="rem-email" name="email" value="yes" checked'
        not in client.get("/settings/reminders").text
    )


def sign_in(client: TestClient, email: str, password: str) -> int:
    """Log in through the form; the status of the answer."""
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return answer.status_code


def test_a_forgotten_password_is_reset_through_the_emailed_link_once(
    make_client: MakeClient, mails: MailSink
) -> None:
    client = with_messaging(make_client, mails)
    sign_up(client)
    client.cookies.clear()
    assert 'href="/password/forgot"' in client.get("/login").text
    token = csrf_of(client.get("/password/forgot").text)
    asked = client.post("/password/forgot", data={"email": "Ada@Example.org", "csrf_token": token})
    unknown = client.post(
        "/password/forgot", data={"email": "nobody@example.org", "csrf_token": token}
    )
    assert asked.status_code == unknown.status_code == 200
    assert "Check your inbox" in asked.text and "Check your inbox" in unknown.text
    wait_for_mail(mails)
    time.sleep(0.3)  # the unknown address's job ran too, and sent nothing
    (message,) = mails.messages
    assert message["To"] == "ada@example.org"
    link = re.search(r"http://testserver(/password/reset/\S+)", message.get_content())
    assert link, message.get_content()
    form_page = client.get(link[1])
    assert form_page.status_code == 200 and "Choose a new password" in form_page.text
    weak = client.post(
        link[1], data={"new_password": "short", "csrf_token": csrf_of(form_page.text)}
    )
    assert weak.status_code == 422
    done = client.post(
        link[1],
        data={"new_password": NEW_PASSWORD, "csrf_token": csrf_of(form_page.text)},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/login")
    assert sign_in(client, "ada@example.org", NEW_PASSWORD) == 303
    client.cookies.clear()
    again = client.get(link[1])
    used = client.post(link[1], data={"new_password": PASSWORD, "csrf_token": csrf_of(again.text)})
    assert used.status_code == 400 and "no longer works" in used.text
    assert sign_in(client, "ada@example.org", PASSWORD) != 303


def test_without_email_the_forgot_page_points_to_the_administrator(client: TestClient) -> None:
    page = client.get("/password/forgot")
    assert page.status_code == 200
    assert "issue a reset token" in page.text


def test_the_server_itself_sends_due_reminders_on_sqlite(
    make_client: MakeClient, mails: MailSink
) -> None:
    client = make_client(
        smtp_host="127.0.0.1",
        smtp_port=mails.port,
        smtp_security="none",
        smtp_from="midback@example.org",
        jobs_tick_seconds=1,
    )
    sign_up(client)
    app = client.app  # type: ignore[attr-defined]
    storage, content = app.state.storage, app.state.content
    now = datetime.now(UTC)
    if now.hour == 0 and now.minute < 15:
        pytest.skip("the session would be due yesterday")
    body = profile(0)
    assessments.save_assessment(storage.unit_of_work(), content, 1, body, recorded_by=1)
    programs.create_program(storage.unit_of_work(), content, 1, ProgramRequest(), today=now.date())
    due = (now - timedelta(minutes=10)).time().replace(second=0, microsecond=0)
    prefs = ReminderPrefs(user_id=1, email=True, session_time=due, quiet_start=None)
    reminders.save_prefs(storage.unit_of_work(), prefs)
    wait_for_mail(mails, seconds=15)
    time.sleep(2.5)  # two more ticks
    assert [m["Subject"] for m in mails.messages] == ["Time for your mid-back session"]
