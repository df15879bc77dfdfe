"""The calendar feed table: one row per person, holding only the SHA-256 of the feed's secret."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import DIGEST, Base
from midback.storage.types import Id, UTCDateTime


class CalendarFeedRow(Base):
    """A person's calendar subscription; a new secret replaces the old one's hash."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    secret_hash: Mapped[str] = mapped_column(DIGEST, unique=True, doc="SHA-256 of the secret.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When the secret was made.")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_time: Mapped[str] = mapped_column(String(5), doc="Sessions' local time, HH:MM.")
    time_zone: Mapped[str] = mapped_column(String(64), doc="An IANA zone, e.g. Europe/London.")
    breaks: Mapped[bool] = mapped_column(Boolean, doc="Add movement-break reminders.")
