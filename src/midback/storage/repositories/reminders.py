"""Reminder preferences, push subscriptions and send claims."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from midback.domain.reminders import ReminderPrefs
from midback.domain.webpush import Subscription
from midback.storage.reminder_tables import (
    PushSubscriptionRow,
    ReminderSendRow,
    ReminderSettingsRow,
)
from midback.storage.tables import PatientLinkRow, UserRow


def _time(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _prefs(row: ReminderSettingsRow) -> ReminderPrefs:
    return ReminderPrefs(
        user_id=row.user_id,
        time_zone=row.time_zone,
        push=row.push,
        email=row.email,
        sessions=row.sessions,
        session_time=time.fromisoformat(row.session_time),
        check_in=row.check_in,
        check_in_time=time.fromisoformat(row.check_in_time),
        breaks=row.breaks,
        work_start=time.fromisoformat(row.work_start),
        work_end=time.fromisoformat(row.work_end),
        break_minutes=row.break_minutes,
        quiet_start=_time(row.quiet_start),
        quiet_end=_time(row.quiet_end),
        alerts=row.alerts,
    )


def _subscription(row: PushSubscriptionRow) -> Subscription:
    return Subscription(row.id, row.user_id, row.endpoint, row.p256dh, row.auth)


class ReminderRepository:
    """Everything reminders keep: who wants what, where pushes go, and what was sent."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _insert(self, table: Any) -> Any:
        dialect = self._session.get_bind().dialect.name
        return (postgresql if dialect == "postgresql" else sqlite).insert(table)

    def prefs(self, user_id: int) -> ReminderPrefs | None:
        """The person's preferences, if they ever saved any."""
        row = self._session.get(ReminderSettingsRow, user_id)
        return _prefs(row) if row else None

    def put_prefs(self, prefs: ReminderPrefs, now: datetime) -> None:
        """Save the preferences (replacing earlier ones)."""
        row = self._session.get(ReminderSettingsRow, prefs.user_id)
        if row is None:
            row = ReminderSettingsRow(user_id=prefs.user_id)
            self._session.add(row)
        row.time_zone = prefs.time_zone
        row.push, row.email = prefs.push, prefs.email
        row.sessions, row.session_time = prefs.sessions, prefs.session_time.strftime("%H:%M")
        row.check_in, row.check_in_time = prefs.check_in, prefs.check_in_time.strftime("%H:%M")
        row.breaks, row.break_minutes = prefs.breaks, prefs.break_minutes
        row.work_start = prefs.work_start.strftime("%H:%M")
        row.work_end = prefs.work_end.strftime("%H:%M")
        row.quiet_start, row.quiet_end = _hhmm(prefs.quiet_start), _hhmm(prefs.quiet_end)
        row.alerts = prefs.alerts
        row.updated_at = now
        self._session.flush()

    def active_links(self) -> list[tuple[int, int, str]]:
        """Every active clinician-patient link: (clinician id, patient id, patient email)."""
        query = (
            select(PatientLinkRow.clinician_id, PatientLinkRow.patient_id, UserRow.email)
            .join(UserRow, UserRow.id == PatientLinkRow.patient_id)
            .where(PatientLinkRow.revoked_at.is_(None))
            .order_by(PatientLinkRow.id)
        )
        return [(c, p, e) for c, p, e in self._session.execute(query)]

    def reachable(self) -> list[ReminderPrefs]:
        """Everyone with push or email reminders on."""
        query = select(ReminderSettingsRow).where(
            or_(ReminderSettingsRow.push.is_(True), ReminderSettingsRow.email.is_(True))
        )
        return [_prefs(row) for row in self._session.scalars(query.order_by("user_id"))]

    def subscribe(
        self, *, user_id: int, endpoint: str, p256dh: str, auth: str, now: datetime
    ) -> None:
        """Keep a browser's subscription (an endpoint seen before moves to this person)."""
        self._session.execute(
            delete(PushSubscriptionRow).where(PushSubscriptionRow.endpoint == endpoint)
        )
        self._session.add(
            PushSubscriptionRow(
                user_id=user_id, endpoint=endpoint, p256dh=p256dh, auth=auth, created_at=now
            )
        )
        self._session.flush()

    def subscriptions(self, user_id: int) -> list[Subscription]:
        """The person's browsers, oldest first."""
        query = select(PushSubscriptionRow).where(PushSubscriptionRow.user_id == user_id)
        return [_subscription(r) for r in self._session.scalars(query.order_by("id"))]

    def unsubscribe(self, *, endpoint: str, user_id: int | None = None) -> bool:
        """Forget a subscription (of this person, if given); True if there was one."""
        query = delete(PushSubscriptionRow).where(PushSubscriptionRow.endpoint == endpoint)
        if user_id is not None:
            query = query.where(PushSubscriptionRow.user_id == user_id)
        return bool(getattr(self._session.execute(query), "rowcount", 0))

    def claim(self, *, user_id: int, kind: str, due_at: datetime, now: datetime) -> int | None:
        """Claim one send; its id if this call made the claim, None if someone already had."""
        statement = (
            self._insert(ReminderSendRow)
            .values(user_id=user_id, kind=kind, due_at=due_at, claimed_at=now, sent=0)
            .on_conflict_do_nothing(index_elements=["user_id", "kind", "due_at"])
            .returning(ReminderSendRow.id)
        )
        found: int | None = self._session.execute(statement).scalar()
        return found

    def record_sent(self, claim_id: int, count: int) -> None:
        """How many messages the claimed send delivered."""
        self._session.execute(
            update(ReminderSendRow).where(ReminderSendRow.id == claim_id).values(sent=count)
        )

    def sends(self, user_id: int) -> list[tuple[str, datetime, int]]:
        """The person's claimed sends (kind, due instant, messages delivered), oldest first."""
        query = (
            select(ReminderSendRow.kind, ReminderSendRow.due_at, ReminderSendRow.sent)
            .where(ReminderSendRow.user_id == user_id)
            .order_by(ReminderSendRow.due_at, ReminderSendRow.id)
        )
        return [(k, d, s) for k, d, s in self._session.execute(query)]
