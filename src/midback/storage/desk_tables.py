"""The clinician desk's line per patient, kept with the plan-inputs version it was made at."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import Id


class DeskSummaryRow(Base):
    """A patient's desk facts (domain.desk_summary.DeskFacts as JSON text) at `version` of their
    plan inputs; a row whose version is not the person's current one is stale and made again.

    Keyed by the person (no id of its own), so deleting the account deletes it.
    """

    __tablename__ = "desk_summaries"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Id, doc="The plan-inputs version the facts are of.")
    facts: Mapped[str] = mapped_column(Text, doc="DeskFacts as JSON, dates as ISO ordinals.")
