"""Password reset by email: the link goes only to the account's own address.

The form always answers the same way, whether or not an account has that address (no account
enumeration); the work, and the wait for the mail server, happens in a background job. At most
one email per account per `RESET_EMAIL_EVERY`, so the form cannot flood someone's inbox. The token
in the link is the existing one-time reset token: stored hashed, single use, and expiring after
MIDBACK_RESET_TOKEN_LIFETIME.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from midback.services import accounts
from midback.services.due_reminders import Senders
from midback.services.errors import NotFound
from midback.services.mail import Mail
from midback.storage.uow import Storage

RESET_PATH = "/password/reset/{token}"
RESET_EMAIL_EVERY = timedelta(minutes=10)


def reset_link(base_url: str, token: str) -> str:
    """The page that sets a new password with `token`."""
    return base_url.rstrip("/") + RESET_PATH.format(token=token)


def _slot(now: datetime) -> datetime:
    """The start of the `RESET_EMAIL_EVERY` interval `now` is in."""
    step = int(RESET_EMAIL_EVERY.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=now.tzinfo)


def send_reset_email(storage: Storage, senders: Senders, email: str, now: datetime) -> bool:
    """Email a reset link if an account has this address; True if one was sent."""
    if not senders.mailer.enabled:
        return False
    with storage.unit_of_work(read_only=True) as uow:
        user = uow.users.by_email(accounts.lookup_email(email))
    if user is None:
        return False
    with storage.unit_of_work() as uow:
        claim = uow.reminders.claim(user_id=user.id, kind="reset", due_at=_slot(now), now=now)
        uow.commit()
    if claim is None:
        return False
    try:
        token = accounts.issue_reset_token(storage.unit_of_work(), senders.security, email=email)
    except NotFound:  # the account was deleted meanwhile
        return False
    minutes = int(senders.security.reset_token_lifetime.total_seconds() // 60)
    text = (
        "Someone asked to reset the password of your midback account.\n\n"
        f"Choose a new password here (the link works once, for {minutes} minutes):\n"
        f"{reset_link(senders.base_url, token)}\n\n"
        "If it was not you, ignore this email: your password stays as it is."
    )
    sent = senders.mailer.send(Mail(user.email, "Reset your midback password", text))
    with storage.unit_of_work() as uow:
        uow.reminders.record_sent(claim, int(sent))
        uow.commit()
    return sent
