"""This installation's own id: one row, made by the migration that added it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import UTCDateTime


class InstallationRow(Base):
    """The installation: a random UUID that names it in exported identifiers (FHIR)."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, doc="Always 1: a single row.")
    uuid: Mapped[str] = mapped_column(String(36), doc="A random UUID, never changed.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When it was made.")
