"""The jobs themselves, as plain functions of a context; the runners only decide where they run."""

from __future__ import annotations

import logging
from datetime import datetime

from midback.jobs.context import JobContext
from midback.services.alerts import send_alerts
from midback.services.due_reminders import send_due
from midback.services.export_jobs import build_export as build_export_file
from midback.services.export_jobs import purge_expired
from midback.services.reset_mail import send_reset_email
from midback.services.security import utcnow

log = logging.getLogger("midback.jobs")


def tick(context: JobContext, now: datetime | None = None) -> int:
    """Send due reminders and clinicians' alerts (and delete expired prepared exports); how
    many messages went."""
    now = now or utcnow()
    purge_expired(context.storage, now)  # prepared exports past their day
    if not (context.senders.pusher.enabled or context.senders.mailer.enabled):
        return 0
    sent = send_due(context.storage, context.content, context.cache, context.senders, now)
    sent += send_alerts(context.storage, context.content, context.cache, context.senders, now)
    if sent:
        log.info("sent %d reminder or alert messages", sent)
    return sent


def reset_email(context: JobContext, email: str, now: datetime | None = None) -> bool:
    """Email a password reset link to the account with this address, if there is one."""
    return send_reset_email(context.storage, context.senders, email, now or utcnow())


def build_export(context: JobContext, export_id: int) -> str:
    """Build a person's prepared export (services.export_jobs); its final status."""
    return build_export_file(
        context.storage,
        context.content,
        context.cache,
        export_id,
        base_url=context.senders.base_url,
    )
