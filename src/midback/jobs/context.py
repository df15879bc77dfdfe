"""What a job needs: storage, content, plan cache and the ways messages leave."""

from __future__ import annotations

from dataclasses import dataclass

from midback.config import Settings
from midback.content.loader import Content, load_content
from midback.exports.links import DEFAULT_BASE_URL
from midback.services.due_reminders import Senders
from midback.services.mail import Mailer
from midback.services.plans import PlanCache
from midback.services.push import Pusher
from midback.services.security import Security
from midback.storage.uow import Storage


@dataclass(frozen=True)
class JobContext:
    """Everything a job touches, built once per process."""

    settings: Settings
    storage: Storage
    content: Content
    cache: PlanCache
    senders: Senders


def base_url(settings: Settings) -> str:
    """Where links in messages point: MIDBACK_PUBLIC_URL, else the address the server binds."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    if (settings.host, settings.port) == ("127.0.0.1", 8000):
        return DEFAULT_BASE_URL
    return f"http://{settings.host}:{settings.port}"


def build_context(
    settings: Settings,
    *,
    storage: Storage | None = None,
    content: Content | None = None,
    cache: PlanCache | None = None,
    security: Security | None = None,
) -> JobContext:
    """A context for `settings`, sharing what the caller (a server) already built."""
    senders = Senders(
        pusher=Pusher(settings),
        mailer=Mailer(settings),
        security=security or Security.from_settings(settings),
        base_url=base_url(settings),
    )
    return JobContext(
        settings=settings,
        storage=storage or Storage.from_url(settings.resolved_database_url()),
        content=content or load_content(settings.content_dirs),
        cache=cache or PlanCache(),
        senders=senders,
    )
