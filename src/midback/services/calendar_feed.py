"""The private calendar subscription: a secret URL that serves the person's plan as it adapts.

The secret is the only credential (calendar apps cannot log in), so it is 256 random bits, shown
once when made, and stored only as its SHA-256. Making a new one replaces the old, which stops
working at once; revoking stops the feed until a new one is made. Every fetch recomputes the plan
(cached per plan-inputs version), and events keep their UIDs, so subscribed calendars update in
place as the plan adapts.
"""

from __future__ import annotations

from datetime import time

from midback.content.loader import Content
from midback.domain.feeds import DEFAULT_SESSION_TIME, DEFAULT_TIME_ZONE, CalendarFeed
from midback.services.errors import InvalidInput, NotFound
from midback.services.export_files import When, calendar_bytes, exportable, zone
from midback.services.plans import PlanCache
from midback.services.security import digest, new_secret
from midback.storage.uow import UnitOfWork

FEED_PATH = "/calendar/{secret}.ics"
MAX_SECRET_LENGTH = 100
"""Longer than any secret we make (43 characters); anything longer is not worth hashing."""
UNKNOWN_FEED = (
    "no calendar feed at this address: the link was revoked or replaced by a newer one; "
    "copy the current link from your midback settings"
)


def feed_url(base_url: str, secret: str) -> str:
    """The subscription URL of a secret."""
    return base_url.rstrip("/") + FEED_PATH.format(secret=secret)


def feed_status(uow: UnitOfWork, user_id: int) -> CalendarFeed | None:
    """The person's feed (active or revoked), or None if they never made one."""
    with uow:
        return uow.calendar_feeds.of_user(user_id)


def regenerate_feed(
    uow: UnitOfWork,
    user_id: int,
    *,
    base_url: str,
    session_time: time | None = None,
    time_zone: str | None = None,
    breaks: bool | None = None,
) -> tuple[str, CalendarFeed]:
    """Make a new secret URL (returned only now) and set preferences; the old URL stops working.

    Preferences not given keep their earlier values (or the defaults: 07:30, UTC, no breaks).
    """
    if time_zone is not None:
        zone(time_zone)  # InvalidInput for an unknown zone, before anything is written
    secret = new_secret()
    with uow:
        earlier = uow.calendar_feeds.of_user(user_id)
        if earlier is not None:
            session_time = session_time or earlier.session_time
            time_zone = time_zone or earlier.time_zone
            breaks = earlier.breaks if breaks is None else breaks
        feed = uow.calendar_feeds.put(
            user_id=user_id,
            secret_hash=digest(secret),
            session_time=session_time or DEFAULT_SESSION_TIME,
            time_zone=time_zone or DEFAULT_TIME_ZONE,
            breaks=bool(breaks),
            now=uow.clock.now(),
        )
        uow.commit()
    return feed_url(base_url, secret), feed


def revoke_feed(uow: UnitOfWork, user_id: int) -> CalendarFeed | None:
    """Stop the feed answering (at once); nothing happens if there is none or it already was."""
    with uow:
        uow.calendar_feeds.revoke(user_id, uow.clock.now())
        uow.commit()
        return uow.calendar_feeds.of_user(user_id)


def feed_calendar(
    uow: UnitOfWork,
    secret: str,
    content: Content,
    cache: PlanCache,
    *,
    base_url: str,
) -> bytes:
    """The calendar behind a secret: NotFound for an unknown or revoked one, and the same
    errors as a download for a person without a program or with a referral."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        raise NotFound(UNKNOWN_FEED)
    with uow:
        feed = uow.calendar_feeds.by_secret(digest(secret))
    if feed is None:
        raise NotFound(UNKNOWN_FEED)
    found = exportable(uow, content, cache, feed.user_id)
    when = When(feed.session_time, _known_zone(feed.time_zone), feed.breaks)
    return calendar_bytes(found, content, feed.user_id, when, base_url, feed=True)


def _known_zone(name: str) -> str:
    """The stored zone, or UTC if this server's time-zone database no longer knows it."""
    try:
        zone(name)
    except InvalidInput:
        return DEFAULT_TIME_ZONE
    return name
