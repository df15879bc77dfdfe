"""Reminder test helpers: settings with push and email on, a person with a program and
reminder preferences, their planned days, and the next daylight-saving change of a zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.databases import make_settings
from tests.support.messaging import browser_keys
from tests.support.training import profile, today

from midback.config import Settings
from midback.domain.reminders import ReminderPrefs
from midback.domain.training import ProgramRequest
from midback.jobs.context import JobContext
from midback.services import accounts, assessments, programs, reminders
from midback.services.due_reminders import plan_days
from midback.services.push import generate_keys
from midback.services.security import Security

VAPID = generate_keys()


def messaging_settings(database_url: str, data_dir: Path, smtp_port: int) -> Settings:
    """Test settings with push and email on, email going to the local SMTP server."""
    return make_settings(
        database_url,
        data_dir,
        vapid_private_key=VAPID.private_key,
        vapid_public_key=VAPID.public_key,
        vapid_subject="mailto:ops@example.org",
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_security="none",
        smtp_from="midback@example.org",
        public_url="https://midback.example.org",
    )


def started_person(
    context: JobContext, email: str = "ada@example.org", *, start: date | None = None
) -> int:
    """A member whose program starts on `start` (default: two weeks ago)."""
    security: Security = context.senders.security
    user = accounts.create_user(
        context.storage.unit_of_work(), security, email=email, password="a long rare passphrase"
    )
    body = profile()
    body["start_date"] = str(start or today() - timedelta(days=14))
    assessments.save_assessment(
        context.storage.unit_of_work(), context.content, user.id, body, recorded_by=user.id
    )
    programs.create_program(
        context.storage.unit_of_work(), context.content, user.id, ProgramRequest(), today=today()
    )
    return user.id


def set_prefs(context: JobContext, user_id: int, **values: object) -> ReminderPrefs:
    """Save reminder preferences (defaults otherwise)."""
    prefs = replace(ReminderPrefs(user_id=user_id), **values)  # type: ignore[arg-type]
    return reminders.save_prefs(context.storage.unit_of_work(), prefs)


def subscribe(context: JobContext, user_id: int, endpoint: str) -> None:
    """Subscribe a made-up browser at `endpoint`."""
    p256dh, auth = browser_keys()
    reminders.subscribe(
        context.storage.unit_of_work(),
        user_id,
        endpoint=endpoint,
        p256dh=p256dh,
        auth=auth,
        allow_http=True,
    )


def planned(context: JobContext, user_id: int) -> list[date]:
    """The person's planned session days, in order."""
    days = plan_days(context.storage, context.content, context.cache, user_id)
    return sorted(days.sessions)


def next_clock_change(zone: ZoneInfo, after: date) -> date:
    """The first day after `after` whose UTC offset differs from the day before."""
    day = after
    for _ in range(400):
        noon = datetime.combine(day, time(12), tzinfo=zone).utcoffset()
        following = datetime.combine(day + timedelta(days=1), time(12), tzinfo=zone).utcoffset()
        if noon != following:
            return day + timedelta(days=1)
        day += timedelta(days=1)
    raise AssertionError(f"{zone} never changes its clocks")
