"""A person's skips and moves of planned sessions, mapped to domain session moves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from midback.domain.session_moves import SessionMove
from midback.storage.session_move_tables import SessionMoveRow


class SessionMoveRepository:
    """The skipped and moved sessions of each program."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_program(self, program_id: int) -> list[SessionMove]:
        """A program's moves and skips, by planned day."""
        query = (
            select(SessionMoveRow)
            .where(SessionMoveRow.program_id == program_id)
            .order_by(SessionMoveRow.planned_on)
        )
        return [SessionMove(row.planned_on, row.moved_to) for row in self._session.scalars(query)]

    def of_user(self, user_id: int) -> list[tuple[int, SessionMove]]:
        """Every move and skip of the person's programs, as (program id, move)."""
        query = (
            select(SessionMoveRow)
            .where(SessionMoveRow.user_id == user_id)
            .order_by(SessionMoveRow.planned_on, SessionMoveRow.id)
        )
        return [
            (row.program_id, SessionMove(row.planned_on, row.moved_to))
            for row in self._session.scalars(query)
        ]

    def put(self, *, user_id: int, program_id: int, move: SessionMove, now: datetime) -> None:
        """Record a move or a skip of the session planned on `move.planned` (replacing any)."""
        self._session.execute(
            delete(SessionMoveRow).where(
                SessionMoveRow.program_id == program_id,
                SessionMoveRow.planned_on == move.planned,
            )
        )
        self._session.add(
            SessionMoveRow(
                user_id=user_id,
                program_id=program_id,
                planned_on=move.planned,
                moved_to=move.to,
                created_at=now,
            )
        )
        self._session.flush()
