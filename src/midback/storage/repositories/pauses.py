"""Pauses of a program, mapped to domain pauses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from midback.domain.pauses import Pause
from midback.storage.pause_tables import ProgramPauseRow


class PauseRepository:
    """The pauses of each program."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_program(self, program_id: int) -> list[Pause]:
        """A program's pauses, oldest first."""
        query = (
            select(ProgramPauseRow)
            .where(ProgramPauseRow.program_id == program_id)
            .order_by(ProgramPauseRow.starts_on, ProgramPauseRow.id)
        )
        return [Pause(row.starts_on, row.ends_on) for row in self._session.scalars(query)]

    def of_user(self, user_id: int) -> list[tuple[int, Pause]]:
        """Every pause of the person's programs, as (program id, pause), oldest first."""
        query = (
            select(ProgramPauseRow)
            .where(ProgramPauseRow.user_id == user_id)
            .order_by(ProgramPauseRow.starts_on, ProgramPauseRow.id)
        )
        return [
            (row.program_id, Pause(row.starts_on, row.ends_on))
            for row in self._session.scalars(query)
        ]

    def add(self, *, user_id: int, program_id: int, start: date, now: datetime) -> None:
        """Start an open pause."""
        row = ProgramPauseRow(
            user_id=user_id, program_id=program_id, starts_on=start, ends_on=None, created_at=now
        )
        self._session.add(row)

    def end(self, program_id: int, day: date) -> None:
        """Close the program's open pause on `day` (dropped if it began that day)."""
        open_pause = (ProgramPauseRow.program_id == program_id) & ProgramPauseRow.ends_on.is_(None)
        self._session.execute(
            delete(ProgramPauseRow).where(open_pause, ProgramPauseRow.starts_on >= day)
        )
        self._session.execute(update(ProgramPauseRow).where(open_pause).values(ends_on=day))
