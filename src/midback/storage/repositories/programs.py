"""Programs started for people: the generated snapshot, its number, and clinician edits."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from midback.domain.plan import Plan
from midback.domain.training import ProgramEdits, ProgramRecord
from midback.storage.training_tables import ProgramRow


def _program(row: ProgramRow) -> ProgramRecord:
    edits = ProgramEdits.model_validate_json(row.edits) if row.edits else None
    return ProgramRecord(
        id=row.id,
        user_id=row.user_id,
        program=row.program,
        version=row.version,
        start_date=row.start_date,
        created_at=row.created_at,
        snapshot=Plan.model_validate_json(row.snapshot),
        assessment_id=row.assessment_id,
        edits=edits,
        edited_by=row.edited_by,
        edited_at=row.edited_at,
    )


class ProgramRepository:
    """A person's programs, numbered 1, 2, 3… ; the highest number is the current one."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        user_id: int,
        program: str,
        start_date: date,
        snapshot: Plan,
        assessment_id: int | None,
        now: datetime,
    ) -> ProgramRecord:
        """Store a new program as the person's next version."""
        latest = select(func.max(ProgramRow.version)).where(ProgramRow.user_id == user_id)
        version = (self._session.scalar(latest) or 0) + 1
        row = ProgramRow(
            user_id=user_id,
            program=program,
            version=version,
            start_date=start_date,
            snapshot=snapshot.model_dump_json(),
            assessment_id=assessment_id,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return _program(row)

    def current(self, user_id: int) -> ProgramRecord | None:
        """The person's newest program."""
        query = (
            select(ProgramRow)
            .where(ProgramRow.user_id == user_id)
            .order_by(ProgramRow.version.desc())
            .limit(1)
        )
        row = self._session.scalar(query)
        return _program(row) if row else None

    def current_id(self, user_id: int) -> int | None:
        """Just the id of the newest program (cheap: no snapshot is read)."""
        query = (
            select(ProgramRow.id)
            .where(ProgramRow.user_id == user_id)
            .order_by(ProgramRow.version.desc())
            .limit(1)
        )
        return self._session.scalar(query)

    def of_user(self, user_id: int) -> list[ProgramRecord]:
        """Every program of a person, oldest first."""
        query = select(ProgramRow).where(ProgramRow.user_id == user_id).order_by(ProgramRow.version)
        return [_program(row) for row in self._session.scalars(query)]

    def set_edits(
        self, program_id: int, edits: ProgramEdits | None, *, by: int, now: datetime
    ) -> None:
        """Replace a program's clinician edits (None clears them)."""
        values = {
            "edits": edits.model_dump_json() if edits else None,
            "edited_by": by,
            "edited_at": now,
        }
        self._session.execute(update(ProgramRow).where(ProgramRow.id == program_id).values(values))
