"""The outcome-measure table: one filled-in instrument (pain rating, activities, rating of
change) per row, with its date and timepoint; deleting the account deletes them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, JsonRows, OptionalJSONList, UTCDateTime


class OutcomeRow(Base):
    """One answer to one instrument."""

    __tablename__ = "outcomes"
    __table_args__ = (
        Index("ix_outcomes_user_taken_id", "user_id", "taken_on", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    instrument: Mapped[str] = mapped_column(String(32), doc="nprs, psfs, groc (content ids).")
    timepoint: Mapped[str] = mapped_column(String(16), doc="baseline, week_4 or week_8.")
    taken_on: Mapped[date] = mapped_column(Date, doc="The day the person answered.")
    score: Mapped[float] = mapped_column(Float, doc="The rating, or the activities' average.")
    activities: Mapped[JsonRows] = mapped_column(
        OptionalJSONList, nullable=True, doc="psfs: [{activity, score}], NULL otherwise."
    )
    recorded_by: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="SET NULL"), index=True, doc="Who entered it."
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
