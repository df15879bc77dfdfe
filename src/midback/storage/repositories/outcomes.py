"""Outcome answers: stored per person, read back in the order they were given."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from midback.domain.outcomes import ActivityScore, OutcomeEntry, OutcomeRecord, Timepoint
from midback.storage.outcome_tables import OutcomeRow


def _record(row: OutcomeRow) -> OutcomeRecord:
    return OutcomeRecord(
        id=row.id,
        instrument=row.instrument,
        timepoint=Timepoint(row.timepoint),
        taken_on=row.taken_on,
        score=row.score,
        activities=[ActivityScore.model_validate(item) for item in row.activities],
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


class OutcomeRepository:
    """Each person's outcome answers."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        user_id: int,
        instrument: str,
        timepoint: Timepoint,
        taken_on: date,
        score: float,
        activities: Sequence[ActivityScore],
        recorded_by: int | None,
        now: datetime,
    ) -> OutcomeRecord:
        """Store one answer."""
        row = OutcomeRow(
            user_id=user_id,
            instrument=instrument,
            timepoint=timepoint.value,
            taken_on=taken_on,
            score=score,
            activities=[a.model_dump() for a in activities],
            recorded_by=recorded_by,
            recorded_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return _record(row)

    def add_many(
        self, *, user_id: int, records: Sequence[OutcomeEntry], recorded_by: int, now: datetime
    ) -> int:
        """Store answers given elsewhere (an import), in one statement."""
        rows = [
            {
                "user_id": user_id,
                "instrument": r.instrument,
                "timepoint": r.timepoint.value,
                "taken_on": r.taken_on,
                "score": r.score,
                "activities": [a.model_dump() for a in r.activities] or None,
                "recorded_by": recorded_by,
                "recorded_at": now,
            }
            for r in records
        ]
        if rows:
            self._session.execute(insert(OutcomeRow), rows)
        return len(rows)

    def of_user(self, user_id: int) -> list[OutcomeRecord]:
        """Every answer of the person, oldest first."""
        query = (
            select(OutcomeRow)
            .where(OutcomeRow.user_id == user_id)
            .order_by(OutcomeRow.taken_on, OutcomeRow.recorded_at, OutcomeRow.id)
        )
        return [_record(row) for row in self._session.scalars(query)]
