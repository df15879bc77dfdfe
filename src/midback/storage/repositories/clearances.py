"""Clearances: recorded per person, read back in the order they were recorded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from midback.domain.clearance import ClearanceRecord
from midback.domain.screening import Clearance
from midback.storage.clearance_tables import ClearanceRow


def _record(row: ClearanceRow) -> ClearanceRecord:
    by = "clinician" if row.by == "clinician" else "self"
    return ClearanceRecord(
        id=row.id,
        clearance=Clearance(rule=row.rule, cleared_on=row.cleared_on, by=by),
        scope=row.scope,
        note=row.note,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


class ClearanceRepository:
    """Each person's clearances."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        user_id: int,
        clearance: Clearance,
        scope: str,
        note: str,
        recorded_by: int,
        now: datetime,
    ) -> ClearanceRecord:
        """Record a clearance."""
        row = ClearanceRow(
            user_id=user_id,
            rule=clearance.rule,
            cleared_on=clearance.cleared_on,
            by=clearance.by,
            scope=scope,
            note=note,
            recorded_by=recorded_by,
            recorded_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return _record(row)

    def records_of(self, user_id: int) -> list[ClearanceRecord]:
        """Every clearance of the person, oldest first."""
        query = (
            select(ClearanceRow)
            .where(ClearanceRow.user_id == user_id)
            .order_by(ClearanceRow.recorded_at, ClearanceRow.id)
        )
        return [_record(row) for row in self._session.scalars(query)]

    def of_user(self, user_id: int) -> list[Clearance]:
        """The clearances as the planner takes them."""
        return [record.clearance for record in self.records_of(user_id)]
