"""Session logs and their items, written together or not at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    ScalarSelect,
    Select,
    column,
    delete,
    insert,
    literal,
    null,
    select,
    true,
    update,
    values,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import bindparam

from midback.domain.profile import RedFlag, Side
from midback.domain.training import LogInput, LogItemInput, SessionLog
from midback.storage.integrity import is_foreign_key
from midback.storage.repositories.assessments import bump_parameters, bump_statement
from midback.storage.training_tables import (
    PlanInputsRow,
    ProgramRow,
    SessionLogItemRow,
    SessionLogRow,
)

ITEM_CHUNK = 500
"""Item rows per INSERT statement (SQLite allows 32,766 bound values; 9 columns each)."""


def _current_program(user_id: int) -> ScalarSelect[int]:
    """The person's newest program id, as a subquery of the log's INSERT."""
    return (
        select(ProgramRow.id)
        .where(ProgramRow.user_id == user_id)
        .order_by(ProgramRow.version.desc())
        .limit(1)
        .scalar_subquery()
    )


def _bound(table: Any, name: str) -> Any:
    return bindparam(name, type_=table.c[name].type)


@cache
def _log_insert(dialect: str, current_program: bool) -> Any:
    """The log's INSERT, built once: values come as parameters, the program as a subquery."""
    table: Any = SessionLogRow.__table__
    module = postgresql if dialect == "postgresql" else sqlite
    columns = {name: _bound(table, name) for name in LOG_COLUMNS}
    program: Any = null()
    if current_program:
        program = (
            select(ProgramRow.id)
            .where(ProgramRow.user_id == columns["user_id"])
            .order_by(ProgramRow.version.desc())
            .limit(1)
            .scalar_subquery()
        )
    return (
        module.insert(table)
        .values({**columns, "program_id": program})
        .on_conflict_do_nothing(index_elements=["user_id", "idempotency_key"])
        .returning(table.c.id, table.c.program_id)
    )


LOG_COLUMNS = (
    "user_id",
    "session_date",
    "planned_session",
    "routine_id",
    "completed",
    "pain_during",
    "pain_next_day",
    "difficulty",
    "note",
    "created_at",
    "idempotency_key",
    "request_hash",
    "new_symptoms",
    "seen_clinician",
)
_ITEMS = insert(SessionLogItemRow)


class MissingReference(Exception):
    """The log points at a person, program or routine that no longer exists (deleted meanwhile)."""


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
        new_symptoms=tuple(RedFlag(flag) for flag in row.new_symptoms or ()),
        seen_clinician=bool(row.seen_clinician),
    )


def _row_values(
    user_id: int,
    body: LogInput,
    program: ScalarSelect[int] | None,
    key: str,
    request_hash: str,
    now: datetime,
) -> dict[str, Any]:
    """The columns of a new log's row."""
    return {
        "user_id": user_id,
        "session_date": body.session_date,
        "planned_session": body.planned_session,
        "program_id": program,
        "routine_id": body.routine_id,
        "completed": body.completed,
        "pain_during": body.pain_during,
        "pain_next_day": body.pain_next_day,
        "difficulty": body.difficulty,
        "note": body.note,
        "created_at": now,
        "idempotency_key": key,
        "request_hash": request_hash,
        "new_symptoms": [flag.value for flag in body.new_symptoms],
        "seen_clinician": body.seen_clinician,
    }


def _all_at_once(log: Any, items: list[dict[str, Any]], user_id: int) -> Select[Any]:
    """One PostgreSQL statement: the log, its items and the counter as data-modifying CTEs that
    run only if the log went in (one round trip where three would be)."""
    new_log = log.cte("new_log")
    statement = select(new_log.c.id, new_log.c.program_id)
    if items:
        names = ["position", *items[0]]
        table = SessionLogItemRow.__table__.c
        given = values(*(column(name, table[name].type) for name in names), name="given")
        given = given.data([(n, *item.values()) for n, item in enumerate(items)])
        rows = select(new_log.c.id, *(given.c[name] for name in names)).select_from(
            new_log.join(given, true())
        )
        statement = statement.add_cte(
            insert(SessionLogItemRow).from_select(["log_id", *names], rows).cte("new_items")
        )
    counted = select(literal(user_id), literal(1)).select_from(new_log)
    bump = (
        postgresql.insert(PlanInputsRow)
        .from_select(["user_id", "version"], counted)
        .on_conflict_do_update(
            index_elements=[PlanInputsRow.user_id], set_={"version": PlanInputsRow.version + 1}
        )
    )
    return statement.add_cte(bump.cte("bump"))


class SessionLogRepository:
    """Logged sessions, each with its items."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        user_id: int,
        body: LogInput,
        current_program: bool,
        key: str,
        request_hash: str,
        now: datetime,
    ) -> SessionLog | None:
        """Store a log and its items in two statements; None if the person already used `key`
        (the unique index reports the clash: no read first). `current_program` links the log to
        the person's newest program, looked up inside the insert. MissingReference if the person
        or the routine is gone."""
        values = _row_values(user_id, body, None, key, request_hash, now)
        parameters = {name: values[name] for name in LOG_COLUMNS}
        items = [item.model_dump(mode="json") for item in body.items]
        connection = self._session.connection()
        stored: tuple[int, int | None] | None
        try:
            if self._dialect == "postgresql":
                program = _current_program(user_id) if current_program else None
                log = (
                    self._insert()
                    .values(_row_values(user_id, body, program, key, request_hash, now))
                    .on_conflict_do_nothing(index_elements=["user_id", "idempotency_key"])
                    .returning(SessionLogRow.id, SessionLogRow.program_id)
                )
                row = connection.execute(_all_at_once(log, items, user_id)).one_or_none()
                stored = (row[0], row[1]) if row is not None else None
            else:
                log = _log_insert(self._dialect, current_program)
                stored = self._in_steps(connection, log, parameters, items, user_id)
        except IntegrityError as error:
            if not is_foreign_key(error):  # anything else is a bug, not a deleted reference
                raise
            raise MissingReference(str(error.orig)) from None
        if stored is None:
            return None
        log_id, program_id = stored
        made = SessionLogRow(id=log_id, **{**values, "program_id": program_id})
        return _log(made, body.items)

    def _in_steps(
        self,
        connection: Connection,
        log: Any,
        parameters: dict[str, Any],
        items: list[dict[str, Any]],
        user_id: int,
    ) -> tuple[int, int | None] | None:
        """The log, its items and the counter as three statements built once (cheap in-process
        on SQLite, where only building and compiling statements would cost)."""
        stored = connection.execute(log, parameters).one_or_none()
        if stored is None:
            return None
        if items:
            rows = [{"log_id": stored[0], "position": n, **item} for n, item in enumerate(items)]
            connection.execute(_ITEMS, rows)
        connection.execute(bump_statement(self._dialect), bump_parameters(user_id))
        return stored[0], stored[1]

    def add_many(
        self, *, user_id: int, logs: Sequence[tuple[LogInput, str, str]], now: datetime
    ) -> int:
        """Store many logs (body, key, request hash) without a program, in a few statements;
        keys the person already used are skipped (so a batch can be written again). Returns how
        many were new."""
        if not logs:
            return 0
        values = [_row_values(user_id, body, None, key, digest, now) for body, key, digest in logs]
        statement = (
            self._insert()
            .values(values)
            .on_conflict_do_nothing(index_elements=["user_id", "idempotency_key"])
            .returning(SessionLogRow.id, SessionLogRow.idempotency_key)
        )
        ids = {key: log_id for log_id, key in self._session.execute(statement)}
        items = [
            {"log_id": ids[key], "position": index, **item.model_dump()}
            for body, key, _ in logs
            if key in ids
            for index, item in enumerate(body.items)
        ]
        for start in range(0, len(items), ITEM_CHUNK):
            self._session.execute(
                insert(SessionLogItemRow).values(items[start : start + ITEM_CHUNK])
            )
        return len(ids)

    @property
    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name

    def _insert(self) -> Any:
        """INSERT for this dialect (both speak ON CONFLICT ... RETURNING)."""
        module = postgresql if self._dialect == "postgresql" else sqlite
        return module.insert(SessionLogRow)

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
        offset: int = 0,
    ) -> list[SessionLog]:
        """A person's logs by session date, newest first (from `since` on, if given);
        `with_items=False` leaves the items out, for readers that need only the ratings."""
        query = select(SessionLogRow).where(SessionLogRow.user_id == user_id)
        if since is not None:
            query = query.where(SessionLogRow.session_date >= since)
        query = query.order_by(SessionLogRow.session_date.desc(), SessionLogRow.id.desc())
        if offset:
            query = query.offset(offset)
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

    def rate(self, log_id: int, body: LogInput, *, request_hash: str) -> None:
        """Give an unrated log the ratings of `body` (its items keep what was done; those
        `body` marks painful become painful); the stored hash becomes `body`'s."""
        statement = update(SessionLogRow).where(SessionLogRow.id == log_id)
        self._session.execute(
            statement.values(
                completed=body.completed,
                pain_during=body.pain_during,
                difficulty=body.difficulty,
                note=body.note,
                new_symptoms=[flag.value for flag in body.new_symptoms],
                seen_clinician=body.seen_clinician,
                request_hash=request_hash,
            )
        )
        painful = sorted({item.exercise for item in body.items if item.painful})
        if painful:
            items = update(SessionLogItemRow).where(
                SessionLogItemRow.log_id == log_id, SessionLogItemRow.exercise.in_(painful)
            )
            self._session.execute(items.values(painful=True))

    def set_pain(self, log_id: int, *, during: int | None, next_day: int | None) -> None:
        """Correct both pain ratings of a log."""
        statement = update(SessionLogRow).where(SessionLogRow.id == log_id)
        self._session.execute(statement.values(pain_during=during, pain_next_day=next_day))

    def delete(self, log_id: int) -> None:
        """Remove a log and its items (items first: SQLite may not enforce the cascade)."""
        self._session.execute(delete(SessionLogItemRow).where(SessionLogItemRow.log_id == log_id))
        self._session.execute(delete(SessionLogRow).where(SessionLogRow.id == log_id))

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
