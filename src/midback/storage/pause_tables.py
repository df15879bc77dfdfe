"""The pause table: days a person took off their program (a holiday, an illness)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime


class ProgramPauseRow(Base):
    """One pause of one program: from `starts_on` up to `ends_on` (NULL while still paused)."""

    __tablename__ = "program_pauses"
    __table_args__ = (Index("ix_program_pauses_program", "program_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    program_id: Mapped[int] = mapped_column(Id, ForeignKey("programs.id", ondelete="CASCADE"))
    starts_on: Mapped[date] = mapped_column(Date, doc="The first day off.")
    ends_on: Mapped[date | None] = mapped_column(Date, doc="The first day back; NULL if paused.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
