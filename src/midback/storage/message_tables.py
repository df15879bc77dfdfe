"""The message table: a patient's and a linked clinician's thread (see services/messages.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime


class MessageRow(Base):
    """One message between a patient and a clinician; deleting either account deletes it."""

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("sender_id IN (patient_id, clinician_id)", name="sender_in_thread"),
        CheckConstraint("patient_id <> clinician_id", name="not_self"),
        Index("ix_messages_thread", "patient_id", "clinician_id", "id"),
        Index("ix_messages_clinician", "clinician_id", "patient_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    patient_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    clinician_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    sender_id: Mapped[int] = mapped_column(Id, doc="The patient or the clinician.")
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When the recipient opened the thread; NULL while unread."
    )
