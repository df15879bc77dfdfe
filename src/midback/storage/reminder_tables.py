"""Reminder tables: preferences, push subscriptions, and the claim that makes each send unique."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime


def _user_fk() -> ForeignKey:
    return ForeignKey("users.id", ondelete="CASCADE")


class ReminderSettingsRow(Base):
    """A person's reminder preferences; times are local (HH:MM) in `time_zone`."""

    __tablename__ = "reminder_settings"

    user_id: Mapped[int] = mapped_column(Id, _user_fk(), primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64), doc="An IANA zone, e.g. Europe/London.")
    push: Mapped[bool] = mapped_column(Boolean, doc="Send reminders to this person's devices.")
    email: Mapped[bool] = mapped_column(Boolean, doc="Send reminders by email.")
    sessions: Mapped[bool] = mapped_column(Boolean, doc="Remind on planned session days.")
    session_time: Mapped[str] = mapped_column(String(5))
    check_in: Mapped[bool] = mapped_column(Boolean, doc="Ask about the back the next morning.")
    check_in_time: Mapped[str] = mapped_column(String(5))
    breaks: Mapped[bool] = mapped_column(Boolean, doc="Movement-break nudges in working hours.")
    work_start: Mapped[str] = mapped_column(String(5))
    work_end: Mapped[str] = mapped_column(String(5))
    break_minutes: Mapped[int] = mapped_column(Integer)
    quiet_start: Mapped[str | None] = mapped_column(String(5), doc="Nothing sent from here...")
    quiet_end: Mapped[str | None] = mapped_column(String(5), doc="...until here (may wrap).")
    alerts: Mapped[bool] = mapped_column(Boolean, doc="A clinician's emails about patients.")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PushSubscriptionRow(Base):
    """One browser's Web Push subscription (its endpoint URL and encryption keys)."""

    __tablename__ = "push_subscriptions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    endpoint: Mapped[str] = mapped_column(Text, unique=True, doc="The push service's URL.")
    p256dh: Mapped[str] = mapped_column(String(200), doc="The browser's public key.")
    auth: Mapped[str] = mapped_column(String(100), doc="The browser's auth secret.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReminderSendRow(Base):
    """A claimed send: one row per (person, kind, due instant), inserted once by whichever
    process gets there first; the others' inserts do nothing, so nothing is sent twice."""

    __tablename__ = "reminder_sends"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "due_at", name="uq_reminder_sends_once"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk())
    kind: Mapped[str] = mapped_column(String(40), doc="session, check_in, break, alert:...")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent: Mapped[int] = mapped_column(Integer, doc="Messages delivered (push and email).")
