"""Session logs and their items, written together or not at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from midback.domain.profile import Side
from midback.domain.training import LogInput, LogItemInput, SessionLog
from midback.storage.training_tables import SessionLogItemRow, SessionLogRow


class DuplicateKey(Exception):
    """Another log of the person already has this idempotency key."""


def _item(row: SessionLogItemRow) -> LogItemInput:
    return LogItemInput(
        exercise=row.exercise,
        side=Side(row.side),
        sets_done=row.sets_done,
        reps_done=row.reps_done,
        hold_s=row.hold_s,
        skipped=row.skipped,
        painful=row.painful,
        camera=row.camera,
    )


def _log(row: SessionLogRow, items: Sequence[LogItemInput]) -> SessionLog:
    return SessionLog(
        id=row.id,
        user_id=row.user_id,
        session_date=row.session_date,
        planned_session=row.planned_session,
        program_ref=row.program_id,
        routine_id=row.routine_id,
        completed=row.completed,
        pain_during=row.pain_during,
        pain_next_day=row.pain_next_day,
        difficulty=row.difficulty,
        note=row.note,
        created_at=row.created_at,
        items=tuple(items),
        idempotency_key=row.idempotency_key,
        request_hash=row.request_hash,
    )


class SessionLogRepository:
    """Logged sessions, each with its items."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        user_id: int,
        body: LogInput,
        program_ref: int | None,
        key: str,
        request_hash: str,
        now: datetime,
    ) -> SessionLog:
        """Store a log and its items; DuplicateKey if the person already used `key`."""
        row = SessionLogRow(
            user_id=user_id,
            session_date=body.session_date,
            planned_session=body.planned_session,
            program_id=program_ref,
            routine_id=body.routine_id,
            completed=body.completed,
            pain_during=body.pain_during,
            pain_next_day=body.pain_next_day,
            difficulty=body.difficulty,
            note=body.note,
            created_at=now,
            idempotency_key=key,
            request_hash=request_hash,
        )
        try:
            with self._session.begin_nested():  # a savepoint: the transaction survives a clash
                self._session.add(row)
                self._session.flush()
        except IntegrityError:
            raise DuplicateKey(key) from None
        self._session.add_all(
            SessionLogItemRow(log_id=row.id, position=index, **item.model_dump())
            for index, item in enumerate(body.items)
        )
        self._session.flush()
        return _log(row, body.items)

    def by_key(self, user_id: int, key: str) -> SessionLog | None:
        """The person's log created with this idempotency key."""
        query = select(SessionLogRow).where(
            SessionLogRow.user_id == user_id, SessionLogRow.idempotency_key == key
        )
        return self._one(self._session.scalar(query))

    def get(self, log_id: int) -> SessionLog | None:
        """One log by id, whoever's it is."""
        return self._one(self._session.get(SessionLogRow, log_id))

    def of_user(
        self,
        user_id: int,
        *,
        since: date | None = None,
        limit: int | None = None,
        with_items: bool = True,
    ) -> list[SessionLog]:
        """A person's logs by session date, newest first (from `since` on, if given);
        `with_items=False` leaves the items out, for readers that need only the ratings."""
        query = select(SessionLogRow).where(SessionLogRow.user_id == user_id)
        if since is not None:
            query = query.where(SessionLogRow.session_date >= since)
        query = query.order_by(SessionLogRow.session_date.desc(), SessionLogRow.id.desc())
        rows = list(self._session.scalars(query.limit(limit) if limit else query))
        items = self._items([row.id for row in rows]) if with_items else {}
        return [_log(row, items.get(row.id, [])) for row in rows]

    def camera_items(self, user_id: int) -> list[tuple[date, LogItemInput]]:
        """Items of a person's logs that the camera coach counted, with their session's date,
        oldest first (for Progress, which otherwise reads logs without items)."""
        query = (
            select(SessionLogRow.session_date, SessionLogItemRow)
            .join(SessionLogRow, SessionLogRow.id == SessionLogItemRow.log_id)
            .where(SessionLogRow.user_id == user_id, SessionLogItemRow.camera.is_not(None))
            .order_by(SessionLogRow.session_date, SessionLogRow.id, SessionLogItemRow.position)
        )
        return [(day, _item(row)) for day, row in self._session.execute(query)]

    def set_pain_next_day(self, log_id: int, pain: int | None) -> None:
        """Record (or clear) the pain felt the morning after."""
        statement = update(SessionLogRow).where(SessionLogRow.id == log_id)
        self._session.execute(statement.values(pain_next_day=pain))

    def _one(self, row: SessionLogRow | None) -> SessionLog | None:
        if row is None:
            return None
        return _log(row, self._items([row.id]).get(row.id, []))

    def _items(self, log_ids: list[int]) -> dict[int, list[LogItemInput]]:
        found: dict[int, list[LogItemInput]] = defaultdict(list)
        for start in range(0, len(log_ids), 500):  # bounded IN lists
            query = (
                select(SessionLogItemRow)
                .where(SessionLogItemRow.log_id.in_(log_ids[start : start + 500]))
                .order_by(SessionLogItemRow.log_id, SessionLogItemRow.position)
            )
            for row in self._session.scalars(query):
                found[row.log_id].append(_item(row))
        return found
