"""Prepared exports, always read through their owner: another account's id finds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from midback.storage.export_tables import ExportFileRow


@dataclass(frozen=True)
class ExportFile:
    """A prepared export's state, without its bytes."""

    id: int
    user_id: int
    kind: str
    status: str
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime
    size: int


def _file(row: ExportFileRow) -> ExportFile:
    return ExportFile(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        status=row.status,
        created_at=row.created_at,
        finished_at=row.finished_at,
        expires_at=row.expires_at,
        size=row.size,
    )


class ExportFileRepository:
    """Each person's prepared exports."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, user_id: int, kind: str, now: datetime, expires_at: datetime) -> ExportFile:
        """A queued export."""
        row = ExportFileRow(
            user_id=user_id,
            kind=kind,
            status="queued",
            created_at=now,
            expires_at=expires_at,
            size=0,
        )
        self._session.add(row)
        self._session.flush()
        return _file(row)

    def get(self, export_id: int, *, user_id: int | None = None) -> ExportFile | None:
        """The export, if it exists (and is `user_id`'s, when given)."""
        row = self._session.get(ExportFileRow, export_id)
        if row is None or (user_id is not None and row.user_id != user_id):
            return None
        return _file(row)

    def body(self, export_id: int, *, user_id: int) -> bytes | None:
        """The bytes of the person's export, if it is ready."""
        query = select(ExportFileRow.body).where(
            ExportFileRow.id == export_id,
            ExportFileRow.user_id == user_id,
            ExportFileRow.status == "ready",
        )
        return self._session.scalar(query)

    def claim(self, export_id: int) -> bool:
        """Move a queued export to running; False if another run already took it."""
        query = (
            update(ExportFileRow)
            .where(ExportFileRow.id == export_id, ExportFileRow.status == "queued")
            .values(status="running")
        )
        return int(getattr(self._session.execute(query), "rowcount", 0) or 0) == 1

    def set_status(
        self, export_id: int, status: str, *, now: datetime | None = None, body: bytes = b""
    ) -> None:
        """Move the export on; `now` marks it finished, `body` is its file."""
        values: dict[str, object] = {"status": status}
        if now is not None:
            values["finished_at"] = now
        if body:
            values.update(body=body, size=len(body))
        query = update(ExportFileRow).where(ExportFileRow.id == export_id)
        self._session.execute(query.values(**values))

    def delete_expired(self, now: datetime) -> int:
        """Remove every export past its expiry; how many went."""
        result = self._session.execute(delete(ExportFileRow).where(ExportFileRow.expires_at <= now))
        return int(getattr(result, "rowcount", 0) or 0)
