"""The state of a person's data import: which document, and how far it got.

An import is written in batches, each its own short transaction, so other writers keep moving
while it runs; this row says where it stopped, so sending the same document again resumes there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import DIGEST, Base
from midback.storage.types import Id, UTCDateTime


class ImportRow(Base):
    """A person's latest import (one row per person)."""

    __tablename__ = "data_imports"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(DIGEST, doc="SHA-256 of the document as checked.")
    sessions_total: Mapped[int] = mapped_column(Integer)
    sessions_done: Mapped[int] = mapped_column(Integer, doc="Sessions stored so far, in order.")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
