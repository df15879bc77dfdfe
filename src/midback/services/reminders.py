"""Reminder preferences, push subscriptions and one-tap unsubscribe links (use cases)."""

from __future__ import annotations

import hmac
from dataclasses import replace
from typing import Literal
from urllib.parse import urlsplit

from midback.domain.reminders import MIN_BREAK_MINUTES, ReminderPrefs
from midback.services.errors import FieldProblem, InvalidInput
from midback.services.export_files import zone
from midback.services.security import Security
from midback.storage.uow import UnitOfWork

Channel = Literal["push", "email", "alerts", "all"]
CHANNELS: tuple[Channel, ...] = ("push", "email", "alerts", "all")
UNSUBSCRIBE_PATH = "/reminders/unsubscribe/{token}"
MAX_ENDPOINT_LENGTH = 2000
MAX_BREAK_MINUTES = 240


def prefs_of(uow: UnitOfWork, user_id: int) -> ReminderPrefs:
    """The person's saved preferences, or the defaults (everything off) if none were saved."""
    with uow:
        found = uow.reminders.prefs(user_id)
    return found or ReminderPrefs(user_id=user_id)


def save_prefs(uow: UnitOfWork, prefs: ReminderPrefs) -> ReminderPrefs:
    """Check and save the preferences; InvalidInput names the field that is wrong."""
    zone(prefs.time_zone)
    if not MIN_BREAK_MINUTES <= prefs.break_minutes <= MAX_BREAK_MINUTES:
        message = f"choose between {MIN_BREAK_MINUTES} and {MAX_BREAK_MINUTES} minutes"
        raise InvalidInput(message, fields=(FieldProblem("break_minutes", message),))
    if prefs.breaks and prefs.work_end <= prefs.work_start:
        message = "the working day must end after it starts"
        raise InvalidInput(message, fields=(FieldProblem("work_end", message),))
    with uow:
        uow.reminders.put_prefs(prefs, uow.clock.now())
        uow.commit()
    return prefs


def subscribe(
    uow: UnitOfWork,
    user_id: int,
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    allow_http: bool = False,
) -> None:
    """Keep a browser's push subscription and turn push reminders on.

    Push services are reached over HTTPS only; `allow_http` (development only) lets a local test
    service in. The server will POST to this address, so nothing else is accepted.
    """
    parts = urlsplit(endpoint)
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise InvalidInput(
            "not a push address", fields=(FieldProblem("endpoint", "must be an https URL"),)
        )
    if len(endpoint) > MAX_ENDPOINT_LENGTH or not 20 <= len(p256dh) <= 200:
        raise InvalidInput("not a push subscription", fields=(FieldProblem("keys", "bad keys"),))
    if not 8 <= len(auth) <= 100:
        raise InvalidInput("not a push subscription", fields=(FieldProblem("keys", "bad keys"),))
    now = uow.clock.now()
    with uow:
        uow.reminders.subscribe(
            user_id=user_id, endpoint=endpoint, p256dh=p256dh, auth=auth, now=now
        )
        prefs = uow.reminders.prefs(user_id) or ReminderPrefs(user_id=user_id)
        uow.reminders.put_prefs(replace(prefs, push=True), now)
        uow.commit()


def unsubscribe_device(uow: UnitOfWork, user_id: int, endpoint: str) -> bool:
    """Forget one of the person's browsers; True if it was known."""
    with uow:
        found = uow.reminders.unsubscribe(endpoint=endpoint, user_id=user_id)
        uow.commit()
    return found


def unsubscribe_token(security: Security, user_id: int, channel: Channel) -> str:
    """A signed token that turns off `channel` for the person, usable without logging in."""
    signature = security.keyed("unsubscribe", f"{user_id}:{channel}")[:32]
    return f"{user_id}.{channel}.{signature}"


def unsubscribe_url(base_url: str, security: Security, user_id: int, channel: Channel) -> str:
    """The one-tap unsubscribe link for automated messages."""
    token = unsubscribe_token(security, user_id, channel)
    return base_url.rstrip("/") + UNSUBSCRIBE_PATH.format(token=token)


def read_token(security: Security, token: str) -> tuple[int, Channel] | None:
    """The person and channel a genuine token names; None for anything else."""
    user, _, rest = token.partition(".")
    channel, _, _signature = rest.partition(".")
    if not user.isdigit() or len(user) > 18 or channel not in CHANNELS:
        return None
    known: Channel = channel
    if not hmac.compare_digest(unsubscribe_token(security, int(user), known), token):
        return None
    return int(user), known


def unsubscribe(uow: UnitOfWork, user_id: int, channel: Channel) -> None:
    """Turn the channel off (every reminder and alert for `all`); the person keeps their data."""
    with uow:
        prefs = uow.reminders.prefs(user_id)
        if prefs is None and uow.users.get(user_id) is None:
            return  # the account was deleted since the message went out
        prefs = prefs or ReminderPrefs(user_id=user_id)
        off_all = channel == "all"
        prefs = replace(
            prefs,
            push=prefs.push and not (off_all or channel == "push"),
            email=prefs.email and not (off_all or channel == "email"),
            alerts=prefs.alerts and not (off_all or channel == "alerts"),
        )
        uow.reminders.put_prefs(prefs, uow.clock.now())
        uow.commit()
