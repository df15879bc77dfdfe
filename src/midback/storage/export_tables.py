"""Prepared exports: a person's data built by a background job, kept for a day to download."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime


class ExportFileRow(Base):
    """One requested export: queued, running, ready (with its bytes) or failed."""

    __tablename__ = "export_files"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), doc="midback-export or fhir.")
    status: Mapped[str] = mapped_column(String(10), doc="queued, running, ready or failed.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="Deleted after this instant.")
    size: Mapped[int] = mapped_column(Integer, doc="Bytes in `body` (0 until ready).")
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
