"""A person's private calendar subscription: when sessions go in their calendar, and whether the
feed (its secret URL) still works. Plain values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

DEFAULT_SESSION_TIME = time(7, 30)
"""Before the working day: the calendar export's default (docs/exports.md)."""
DEFAULT_TIME_ZONE = "UTC"


@dataclass(frozen=True, slots=True)
class CalendarFeed:
    """A person's feed: its preferences, when the current secret was made, and if it was revoked.

    Only the secret's hash is stored, so the URL itself is shown once, when it is made.
    """

    user_id: int
    created_at: datetime
    revoked_at: datetime | None
    session_time: time
    time_zone: str
    breaks: bool

    @property
    def active(self) -> bool:
        """True while the secret URL answers."""
        return self.revoked_at is None
