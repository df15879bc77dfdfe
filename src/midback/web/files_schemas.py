"""Request and response bodies of the calendar feed settings and the data import."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from midback.domain.feeds import DEFAULT_SESSION_TIME, DEFAULT_TIME_ZONE, CalendarFeed

HH_MM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
ZONE = Field(
    default=None,
    min_length=1,
    max_length=64,
    pattern=r"^[A-Za-z0-9_+\-/]+$",
    description="An IANA time zone, e.g. Europe/London.",
    examples=["Europe/London"],
)


class CalendarIn(BaseModel):
    """Preferences for the calendar; any left out keep their earlier values."""

    model_config = ConfigDict(extra="forbid")

    time: str | None = Field(
        default=None, pattern=HH_MM, description="Sessions' local time, HH:MM.", examples=["07:30"]
    )
    time_zone: str | None = ZONE
    breaks: bool | None = Field(
        default=None, description="Add movement-break reminders (every 30 min, 09:00–17:00)."
    )

    def session_time(self) -> dt.time | None:
        """The time as a time of day."""
        return dt.time.fromisoformat(self.time) if self.time else None


class CalendarOut(BaseModel):
    """Whether your calendar feed answers, and how it places sessions.

    `url` is only given in the answer to POST, once: only a hash of it is kept.
    """

    active: bool
    url: str | None = Field(default=None, description="Only in the answer to POST.")
    created_at: dt.datetime | None
    revoked_at: dt.datetime | None
    time: str = Field(description="Sessions' local time, HH:MM.")
    time_zone: str
    breaks: bool

    @classmethod
    def of(cls, feed: CalendarFeed | None, url: str | None = None) -> CalendarOut:
        """The API view of a feed (defaults if there is none)."""
        if feed is None:
            at = DEFAULT_SESSION_TIME.isoformat("minutes")
            return cls(
                active=False,
                created_at=None,
                revoked_at=None,
                time=at,
                time_zone=DEFAULT_TIME_ZONE,
                breaks=False,
            )
        return cls(
            active=feed.active,
            url=url,
            created_at=feed.created_at,
            revoked_at=feed.revoked_at,
            time=feed.session_time.isoformat("minutes"),
            time_zone=feed.time_zone,
            breaks=feed.breaks,
        )


class ImportOut(BaseModel):
    """What an import stored."""

    profile: bool = Field(description="The profile was stored as an assessment.")
    sessions: int = Field(description="Session entries stored as logs.")
    measurements: int = Field(description="Measurements stored besides the profile's.")
    program: bool = Field(
        default=False, description="The current program was started again from the profile."
    )
    pauses: int = Field(default=0, description="The program's pauses stored.")
