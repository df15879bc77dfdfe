"""Where each person's data import stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from midback.storage.import_tables import ImportRow


@dataclass(frozen=True, slots=True)
class ImportState:
    """A person's latest import: the document's digest and how many sessions are stored."""

    digest: str
    sessions_total: int
    sessions_done: int
    finished: bool


class ImportRepository:
    """One import state per person."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_user(self, user_id: int) -> ImportState | None:
        """The person's latest import, if any."""
        row = self._session.get(ImportRow, user_id)
        if row is None:
            return None
        finished = row.finished_at is not None
        return ImportState(row.digest, row.sessions_total, row.sessions_done, finished)

    def start(self, *, user_id: int, digest: str, sessions: int, now: datetime) -> None:
        """Begin a new import (replacing any finished one's row)."""
        self._session.execute(delete(ImportRow).where(ImportRow.user_id == user_id))
        row = ImportRow(
            user_id=user_id,
            digest=digest,
            sessions_total=sessions,
            sessions_done=0,
            started_at=now,
            finished_at=None,
        )
        self._session.add(row)
        self._session.flush()

    def advance(self, user_id: int, *, done: int, finished_at: datetime | None = None) -> None:
        """Record that the first `done` sessions are stored (and, at the end, when it finished)."""
        statement = update(ImportRow).where(ImportRow.user_id == user_id)
        self._session.execute(statement.values(sessions_done=done, finished_at=finished_at))
