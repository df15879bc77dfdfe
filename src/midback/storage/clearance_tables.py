"""The clearance table: a clinician's go-ahead for one health-check outcome, with who said so."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime


class ClearanceRow(Base):
    """One clearance: which outcome (rule), on which day, recorded by whom and how."""

    __tablename__ = "clearances"
    __table_args__ = (Index("ix_clearances_user", "user_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(64), doc="The screen rule or hold that was cleared.")
    cleared_on: Mapped[date] = mapped_column(Date, doc="The day the clinician cleared it.")
    by: Mapped[str] = mapped_column(String(10), doc="'self' (the person says so) or 'clinician'.")
    scope: Mapped[str] = mapped_column(String(200), doc="What the clearance covers, in words.")
    note: Mapped[str] = mapped_column(String(1000), doc="Anything the clinician added.")
    recorded_by: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="SET NULL"), doc="Who recorded it."
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
