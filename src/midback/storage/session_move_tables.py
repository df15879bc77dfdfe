"""The session-move table: a person's own skips and moves of single planned sessions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime


class SessionMoveRow(Base):
    """The session planned on `planned_on` in one program: moved to `moved_to`, or skipped
    on purpose when `moved_to` is NULL. One row per planned day (a later change replaces it)."""

    __tablename__ = "session_moves"
    __table_args__ = (
        UniqueConstraint("program_id", "planned_on", name="uq_session_moves_program_day"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    program_id: Mapped[int] = mapped_column(Id, ForeignKey("programs.id", ondelete="CASCADE"))
    planned_on: Mapped[date] = mapped_column(Date, doc="The day the session was planned on.")
    moved_to: Mapped[date | None] = mapped_column(Date, doc="Its new day; NULL if skipped.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
