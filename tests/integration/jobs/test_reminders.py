"""Due reminders on SQLite and PostgreSQL: sent once, at the person's local time across a
daylight-saving change, never in quiet hours; push and email reach local stand-ins; a push
service's 404/410 removes the subscription; clinicians hear about high pain once."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.messaging import MailSink, PushService, browser_keys
from tests.support.reminders import (
    messaging_settings,
    next_clock_change,
    planned,
    set_prefs,
    started_person,
    subscribe,
)
from tests.support.training import log_body, today

from midback.domain.accounts import Role
from midback.domain.training import LogInput
from midback.jobs import tasks
from midback.jobs.context import JobContext, build_context
from midback.services import accounts, logs, reminders, sharing
from midback.services.errors import InvalidInput
from midback.storage.uow import Storage

LONDON = ZoneInfo("Europe/London")


def tick_through(context: JobContext, start: datetime, end: datetime, every: timedelta) -> int:
    """Tick as a server would, every `every` from `start` to `end`; messages sent."""
    sent, now = 0, start
    while now <= end:
        sent += tasks.tick(context, now)
        now += every
    return sent


def sends(context: JobContext, user_id: int) -> list[tuple[str, datetime, int]]:
    """The person's claimed sends (kind, instant, messages delivered)."""
    with context.storage.unit_of_work(read_only=True) as uow:
        return uow.reminders.sends(user_id)


def test_session_reminders_keep_local_time_across_a_clock_change_and_go_once(
    context: JobContext, pushes: PushService
) -> None:
    change = next_clock_change(LONDON, today() + timedelta(days=2))
    user_id = started_person(context, start=change - timedelta(days=6))
    set_prefs(context, user_id, time_zone="Europe/London", push=True, check_in=False)
    subscribe(context, user_id, pushes.url("phone"))
    start = datetime.combine(change - timedelta(days=6), time(0), tzinfo=UTC)
    end = start + timedelta(days=12)
    # Every 20 minutes, and each tick looks back two hours: every reminder is seen six times.
    tick_through(context, start, end, timedelta(minutes=20))

    sessions = [(kind, at) for kind, at, _ in sends(context, user_id) if kind == "session"]
    expected_days = [d for d in planned(context, user_id) if start.date() <= d < end.date()]
    assert len(sessions) == len(expected_days) >= 4
    assert Counter(at for _, at in sessions).most_common(1)[0][1] == 1, "a reminder twice"
    local = {at.astimezone(LONDON).date(): at.astimezone(LONDON).time() for _, at in sessions}
    assert sorted(local) == expected_days
    assert set(local.values()) == {time(7, 30)}
    offsets = {at.astimezone(LONDON).utcoffset() for _, at in sessions}
    assert len(offsets) == 2, "the sessions should straddle the clock change"
    utc_hours = {(at.hour, at.minute) for _, at in sessions}
    assert utc_hours == {(7, 30), (6, 30)}, utc_hours
    assert len(pushes.received) == len(sessions)


def test_push_carries_a_vapid_token_for_the_push_service_and_our_payload_shape(
    context: JobContext, pushes: PushService
) -> None:
    user_id = started_person(context)
    set_prefs(context, user_id, push=True, quiet_start=None, quiet_end=None, check_in=False)
    subscribe(context, user_id, pushes.url("laptop"))
    day = planned(context, user_id)[-1]
    due = datetime.combine(day, time(7, 30), tzinfo=UTC)
    assert tasks.tick(context, due + timedelta(minutes=1)) == 1
    (request,) = pushes.received
    claims, key = request.vapid()
    assert claims["aud"] == pushes.origin
    assert claims["sub"] == "mailto:ops@example.org"
    assert datetime.now(UTC).timestamp() < claims["exp"] <= datetime.now(UTC).timestamp() + 86400
    assert key == context.settings.vapid_public_key
    assert request.headers["content-encoding"] == "aes128gcm"
    assert int(request.headers["ttl"]) > 0
    assert request.path == "/push/laptop"
    assert len(request.body) > 16  # encrypted; decrypting is the browser's job


def test_quiet_hours_hold_back_what_falls_inside_them(
    context: JobContext, pushes: PushService
) -> None:
    user_id = started_person(context)
    set_prefs(
        context,
        user_id,
        push=True,
        session_time=time(6, 30),
        check_in_time=time(8, 0),
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
    )
    subscribe(context, user_id, pushes.url("phone"))
    days = planned(context, user_id)
    start = datetime.combine(days[-3], time(0), tzinfo=UTC)
    tick_through(context, start, start + timedelta(days=3), timedelta(minutes=30))
    kinds = Counter(kind for kind, _, _ in sends(context, user_id))
    assert kinds["session"] == 0
    assert kinds["check_in"] >= 1
    assert all(at.time() >= time(7, 0) for _, at, _ in sends(context, user_id))


def test_movement_breaks_fill_working_hours_on_weekdays(
    context: JobContext, pushes: PushService
) -> None:
    user_id = started_person(context)
    set_prefs(
        context,
        user_id,
        push=True,
        sessions=False,
        check_in=False,
        breaks=True,
        work_start=time(9, 0),
        work_end=time(12, 0),
        break_minutes=60,
    )
    subscribe(context, user_id, pushes.url("phone"))
    monday = today() - timedelta(days=today().weekday()) - timedelta(days=7)
    start = datetime.combine(monday, time(0), tzinfo=UTC)
    tick_through(context, start, start + timedelta(days=7), timedelta(minutes=30))
    breaks = [at for kind, at, _ in sends(context, user_id) if kind == "break"]
    assert len(breaks) == 5 * 2  # 10:00 and 11:00, Monday to Friday
    assert {at.time() for at in breaks} == {time(10), time(11)}


def test_a_gone_subscription_is_forgotten_and_the_others_kept(
    context: JobContext, pushes: PushService
) -> None:
    user_id = started_person(context)
    set_prefs(context, user_id, push=True, quiet_start=None, quiet_end=None, check_in=False)
    for name in ("old-phone", "cancelled", "laptop"):
        subscribe(context, user_id, pushes.url(name))
    pushes.statuses["/push/old-phone"] = 410
    pushes.statuses["/push/cancelled"] = 404
    due = datetime.combine(planned(context, user_id)[-1], time(7, 31), tzinfo=UTC)
    assert tasks.tick(context, due) == 1
    with context.storage.unit_of_work(read_only=True) as uow:
        left = [s.endpoint for s in uow.reminders.subscriptions(user_id)]
    assert left == [pushes.url("laptop")]


def test_email_reminders_carry_a_working_one_tap_unsubscribe(
    context: JobContext, mails: MailSink
) -> None:
    user_id = started_person(context)
    set_prefs(context, user_id, email=True, quiet_start=None, quiet_end=None, check_in=False)
    days = planned(context, user_id)
    assert tasks.tick(context, datetime.combine(days[-2], time(7, 45), tzinfo=UTC)) == 1
    (message,) = mails.messages
    assert message["To"] == "ada@example.org"
    assert message.get_content_type() == "text/plain"
    link = message["List-Unsubscribe"].strip("<>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.get_content()
    assert "pain" not in message.get_content().lower()
    token = link.rsplit("/", 1)[1]
    found = reminders.read_token(context.senders.security, token)
    assert found == (user_id, "email")
    assert reminders.read_token(context.senders.security, token[:-1] + "x") is None
    reminders.unsubscribe(context.storage.unit_of_work(), *found)
    assert tasks.tick(context, datetime.combine(days[-1], time(7, 45), tzinfo=UTC)) == 0
    assert len(mails.messages) == 1


def test_servers_ticking_at_the_same_moment_send_each_reminder_once(
    context: JobContext,
    pushes: PushService,
    database_url: str,
    mails: MailSink,
    tmp_path: Path,
) -> None:
    user_id = started_person(context)
    set_prefs(context, user_id, push=True, quiet_start=None, quiet_end=None, check_in=False)
    subscribe(context, user_id, pushes.url("phone"))
    due = datetime.combine(planned(context, user_id)[-1], time(7, 35), tzinfo=UTC)
    settings = messaging_settings(database_url, tmp_path / "other", mails.port)
    others = [build_context(settings, content=context.content) for _ in range(4)]
    try:
        with ThreadPoolExecutor(len(others)) as pool:
            total = sum(pool.map(lambda c: tasks.tick(c, due), others))
    finally:
        for other in others:
            other.storage.dispose()
    assert total == 1
    assert len(pushes.received) == 1


def test_a_clinician_hears_once_about_a_patients_high_pain(
    context: JobContext, mails: MailSink, storage: Storage
) -> None:
    patient = started_person(context)
    security = context.senders.security
    clinician = accounts.create_user(
        storage.unit_of_work(),
        security,
        email="dr@example.org",
        password="a long rare passphrase",
        role=Role.CLINICIAN,
    )
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    with storage.unit_of_work(read_only=True) as uow:
        member = uow.users.get(patient)
    assert member is not None
    sharing.redeem_invite(storage.unit_of_work(), member, code)
    body = LogInput.model_validate(log_body(pain_during=8))
    logs.log_session(storage.unit_of_work(), context.content, patient, body, key="sore")
    now = datetime.now(UTC)
    tasks.tick(context, now)
    tasks.tick(context, now + timedelta(minutes=5))
    alerts = [m for m in mails.messages if m["To"] == "dr@example.org"]
    pain = [m for m in alerts if "pain above 5" in m.get_content()]
    assert len(pain) == 1
    assert pain[0]["List-Unsubscribe"]
    assert f"/clinic/patients/{patient}" in pain[0].get_content()


def test_only_https_push_addresses_are_accepted_outside_development(context: JobContext) -> None:
    user_id = started_person(context)
    p256dh, auth = browser_keys()
    for endpoint in ("http://127.0.0.1:5432/x", "file:///etc/passwd", "https://"):
        with pytest.raises(InvalidInput):
            reminders.subscribe(
                context.storage.unit_of_work(), user_id, endpoint=endpoint, p256dh=p256dh, auth=auth
            )
    with context.storage.unit_of_work(read_only=True) as uow:
        assert uow.reminders.subscriptions(user_id) == []


def test_no_reminder_for_a_session_already_logged_or_a_morning_already_answered(
    context: JobContext, pushes: PushService, storage: Storage
) -> None:
    user_id = started_person(context)
    set_prefs(context, user_id, push=True, quiet_start=None, quiet_end=None)
    subscribe(context, user_id, pushes.url("phone"))
    days = planned(context, user_id)
    done = next(d for d in days if d + timedelta(days=1) in days)
    body = LogInput.model_validate(log_body(done, pain_next_day=1))
    logs.log_session(storage.unit_of_work(), context.content, user_id, body, key="early")
    start = datetime.combine(done, time(0), tzinfo=UTC)
    tick_through(context, start, start + timedelta(days=2), timedelta(minutes=30))
    sent = {(kind, at.date()) for kind, at, _ in sends(context, user_id)}
    assert ("session", done) not in sent
    assert ("check_in", done + timedelta(days=1)) not in sent
    assert ("session", done + timedelta(days=1)) in sent
