"""Messages between patients and clinicians, mapped to domain messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from midback.domain.messages import Message
from midback.storage.message_tables import MessageRow
from midback.storage.repositories.common import rowcount
from midback.storage.tables import UserRow


@dataclass(frozen=True, slots=True)
class ThreadCounts:
    """One thread at a glance: messages to the viewer still unread, and the latest message."""

    unread: int
    last_sent_at: datetime


def _to_message(row: MessageRow) -> Message:
    return Message(
        row.id, row.patient_id, row.clinician_id, row.sender_id, row.body, row.sent_at, row.read_at
    )


class MessageRepository:
    """Each pair's thread, unread counts per viewer in one query, and a person's whole mail."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, *, patient_id: int, clinician_id: int, sender_id: int, body: str, now: datetime
    ) -> Message:
        """Store a new, unread message."""
        row = MessageRow(
            patient_id=patient_id,
            clinician_id=clinician_id,
            sender_id=sender_id,
            body=body,
            sent_at=now,
            read_at=None,
        )
        self._session.add(row)
        self._session.flush()
        return _to_message(row)

    def thread(self, *, patient_id: int, clinician_id: int, limit: int) -> list[Message]:
        """The pair's latest `limit` messages, oldest first."""
        query = (
            select(MessageRow)
            .where(MessageRow.patient_id == patient_id, MessageRow.clinician_id == clinician_id)
            .order_by(MessageRow.id.desc())
            .limit(limit)
        )
        return [_to_message(row) for row in reversed(list(self._session.scalars(query)))]

    def mark_read(
        self, *, patient_id: int, clinician_id: int, reader_id: int, now: datetime
    ) -> int:
        """Mark what `reader_id` received in the pair's thread as read; how many were unread."""
        statement = (
            update(MessageRow)
            .where(
                MessageRow.patient_id == patient_id,
                MessageRow.clinician_id == clinician_id,
                MessageRow.sender_id != reader_id,
                MessageRow.read_at.is_(None),
            )
            .values(read_at=now)
        )
        return rowcount(self._session.execute(statement))

    def counts(
        self, side: Literal["patient", "clinician"], user_id: int
    ) -> dict[int, ThreadCounts]:
        """Every thread of `user_id` as the patient (or the clinician), by the other's id, in one
        query: how many messages from the other are unread, and when the latest was sent."""
        mine = MessageRow.patient_id if side == "patient" else MessageRow.clinician_id
        other = MessageRow.clinician_id if side == "patient" else MessageRow.patient_id
        unread = func.count(MessageRow.id).filter(
            MessageRow.sender_id == other, MessageRow.read_at.is_(None)
        )
        query = (
            select(other, unread, func.max(MessageRow.sent_at))
            .where(mine == user_id)
            .group_by(other)
        )
        return {
            other_id: ThreadCounts(count, last)
            for other_id, count, last in self._session.execute(query)
        }

    def of_user(self, user_id: int) -> list[Message]:
        """Every message of every thread the person is in, oldest first (for their export)."""
        rows: list[MessageRow] = []
        for column in (MessageRow.patient_id, MessageRow.clinician_id):
            rows += self._session.scalars(select(MessageRow).where(column == user_id))
        return [_to_message(row) for row in sorted(rows, key=lambda r: r.id)]

    def names(self, user_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """Each person's (display name, email), for naming the other side of a thread."""
        if not user_ids:
            return {}
        query = select(UserRow.id, UserRow.display_name, UserRow.email).where(
            UserRow.id.in_(sorted(set(user_ids)))
        )
        return {i: (name or "", email) for i, name, email in self._session.execute(query)}
