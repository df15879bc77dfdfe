"""Calendar feeds: one per person, found by the hash of its secret."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import Insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from midback.domain.feeds import CalendarFeed
from midback.storage.feed_tables import CalendarFeedRow


def _feed(row: CalendarFeedRow) -> CalendarFeed:
    return CalendarFeed(
        user_id=row.user_id,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        session_time=time.fromisoformat(row.session_time),
        time_zone=row.time_zone,
        breaks=row.breaks,
    )


class CalendarFeedRepository:
    """Each person's feed; making a new secret overwrites the old hash, so the old URL dies."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_user(self, user_id: int) -> CalendarFeed | None:
        """The person's feed, active or revoked, if they ever made one."""
        row = self._session.get(CalendarFeedRow, user_id)
        return _feed(row) if row else None

    def by_secret(self, secret_hash: str) -> CalendarFeed | None:
        """The active feed with this secret hash (a revoked one answers None)."""
        query = select(CalendarFeedRow).where(
            CalendarFeedRow.secret_hash == secret_hash, CalendarFeedRow.revoked_at.is_(None)
        )
        row = self._session.scalar(query)
        return _feed(row) if row else None

    def put(
        self,
        *,
        user_id: int,
        secret_hash: str,
        session_time: time,
        time_zone: str,
        breaks: bool,
        now: datetime,
    ) -> CalendarFeed:
        """Store a new secret and preferences for the person (replacing any earlier feed)."""
        values = {
            "secret_hash": secret_hash,
            "created_at": now,
            "revoked_at": None,
            "session_time": session_time.isoformat("minutes"),
            "time_zone": time_zone,
            "breaks": breaks,
        }
        # One statement, so two requests regenerating at once cannot both insert.
        module = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        insert = module.insert(CalendarFeedRow).values(user_id=user_id, **values)
        statement: Insert = insert.on_conflict_do_update(
            index_elements=[CalendarFeedRow.user_id], set_=values
        )
        self._session.execute(statement)
        row = self._session.get(CalendarFeedRow, user_id, populate_existing=True)
        assert row is not None
        return _feed(row)

    def revoke(self, user_id: int, now: datetime) -> None:
        """Stop the person's feed answering (a no-op if it already does not)."""
        statement = update(CalendarFeedRow).where(
            CalendarFeedRow.user_id == user_id, CalendarFeedRow.revoked_at.is_(None)
        )
        self._session.execute(statement.values(revoked_at=now))
