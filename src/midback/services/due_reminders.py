"""Send the reminders that are due: computed from the current plan at send time, claimed once.

Every tick looks back over `LATE_GRACE` (so a reminder missed while no process ran still goes,
a little late) and claims each due reminder by inserting its (person, kind, instant) row; only the
process whose insert made the row sends it. Two servers and two workers ticking at the same moment
therefore send each reminder once. A claim comes before the send: a crash in between loses that one
reminder rather than sending it twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from midback.content.loader import Content
from midback.domain.reminders import LATE_GRACE, Due, PlanDays, ReminderPrefs, due_between, message
from midback.domain.webpush import payload
from midback.services.errors import InvalidInput
from midback.services.export_files import zone
from midback.services.mail import Mail, Mailer
from midback.services.plans import PlanCache, current_plan
from midback.services.push import Delivery, Pusher
from midback.services.reminders import unsubscribe_url
from midback.services.security import Security
from midback.storage.uow import Storage

log = logging.getLogger("midback.reminders")
LINKS = {"session": "/today", "check_in": "/today", "break": "/today"}


@dataclass(frozen=True)
class Senders:
    """How messages leave: push, email, and the address links in them point to."""

    pusher: Pusher
    mailer: Mailer
    security: Security
    base_url: str


def plan_days(storage: Storage, content: Content, cache: PlanCache, user_id: int) -> PlanDays:
    """The current plan's session days; inactive when the plan is held or refers."""
    found = current_plan(storage.unit_of_work(read_only=True), content, cache, user_id)
    if found is None:
        return PlanDays(frozenset(), active=False)
    days = frozenset(session.date for session in found.sessions)
    return PlanDays(days, active=found.plan.status == "ok")


def send_due(
    storage: Storage, content: Content, cache: PlanCache, senders: Senders, now: datetime
) -> int:
    """Send every reminder due in the last `LATE_GRACE` that nobody claimed yet; the count sent."""
    with storage.unit_of_work(read_only=True) as uow:
        people = uow.reminders.reachable()
    sent = 0
    for prefs in people:
        try:
            tz = zone(prefs.time_zone)
        except InvalidInput:
            continue
        days = plan_days(storage, content, cache, prefs.user_id)
        dues = due_between(prefs, tz, days, now - LATE_GRACE, now)
        for due in _still_useful(storage, prefs.user_id, dues):
            sent += _deliver(storage, senders, prefs, due, now)
    return sent


def _still_useful(storage: Storage, user_id: int, dues: list[Due]) -> list[Due]:
    """Leave out a session reminder for a day already logged, and the morning question when
    the next-day pain was already given."""
    if not any(due.kind in ("session", "check_in") for due in dues):
        return dues
    since = min(due.day for due in dues) - timedelta(days=1)
    with storage.unit_of_work(read_only=True) as uow:
        logs = uow.logs.of_user(user_id, since=since, with_items=False)
    logged = {log.session_date for log in logs}
    answered = {log.session_date for log in logs if log.pain_next_day is not None}
    return [
        due
        for due in dues
        if not (due.kind == "session" and due.day in logged)
        and not (due.kind == "check_in" and due.day - timedelta(days=1) in answered)
    ]


def _deliver(
    storage: Storage, senders: Senders, prefs: ReminderPrefs, due: Due, now: datetime
) -> int:
    """Claim one reminder and, if this call claimed it, send it; messages delivered."""
    with storage.unit_of_work() as uow:
        claim = uow.reminders.claim(user_id=prefs.user_id, kind=due.kind, due_at=due.at, now=now)
        uow.commit()
    if claim is None:
        return 0
    title, body = message(due.kind)
    url = senders.base_url.rstrip("/") + LINKS[due.kind]
    count = _push(storage, senders, prefs, payload(title, body, url)) if prefs.push else 0
    if prefs.email and senders.mailer.enabled:
        count += _email(storage, senders, prefs, title, f"{body}\n\nOpen midback: {url}")
    with storage.unit_of_work() as uow:
        uow.reminders.record_sent(claim, count)
        uow.commit()
    return count


def _push(storage: Storage, senders: Senders, prefs: ReminderPrefs, data: bytes) -> int:
    """Push to each of the person's browsers, forgetting those the push service says are gone."""
    if not senders.pusher.enabled:
        return 0
    with storage.unit_of_work(read_only=True) as uow:
        subscriptions = uow.reminders.subscriptions(prefs.user_id)
    count = 0
    for subscription in subscriptions:
        outcome = senders.pusher.send(subscription, data)
        if outcome is Delivery.GONE:
            with storage.unit_of_work() as uow:
                uow.reminders.unsubscribe(endpoint=subscription.endpoint)
                uow.commit()
        count += outcome is Delivery.SENT
    return count


def _email(storage: Storage, senders: Senders, prefs: ReminderPrefs, title: str, text: str) -> int:
    with storage.unit_of_work(read_only=True) as uow:
        user = uow.users.get(prefs.user_id)
    if user is None:
        return 0
    link = unsubscribe_url(senders.base_url, senders.security, prefs.user_id, "email")
    return int(senders.mailer.send(Mail(user.email, title, text, unsubscribe_url=link)))
