"""The installation's id, made once (by the migration, or here on a database without it)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from midback.storage.installation_tables import InstallationRow

SINGLE_ROW = 1


class InstallationRepository:
    """Reads the single installation row."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def uuid(self) -> uuid.UUID:
        """The installation's UUID; made and added to the transaction if the row is missing."""
        row = self._session.get(InstallationRow, SINGLE_ROW)
        if row is None:
            row = InstallationRow(
                id=SINGLE_ROW, uuid=str(uuid.uuid4()), created_at=datetime.now(UTC)
            )
            self._session.add(row)
            self._session.flush()
        return uuid.UUID(row.uuid)
