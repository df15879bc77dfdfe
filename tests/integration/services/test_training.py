"""Training services on SQLite and PostgreSQL: idempotent logs under concurrency, the plan cache
following every write, and the export holding everything that deletion then erases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import func, select
from tests.support.training import log_body, profile, today

from midback.content.loader import Content
from midback.domain.accounts import Role
from midback.domain.training import (
    LogInput,
    MeasurementsInput,
    ProgramEdits,
    ProgramRequest,
    RoutineInput,
)
from midback.services import accounts, assessments, data_export, logs, programs, routines
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security
from midback.storage.tables import Base
from midback.storage.uow import Storage

THREADS = 8


def member(storage: Storage, security: Security, email: str = "ada@example.org") -> int:
    """A new member's id."""
    user = accounts.create_user(
        storage.unit_of_work(), security, email=email, password="a long and rare passphrase"
    )
    return user.id


def started(storage: Storage, security: Security, content: Content) -> int:
    """A member with an assessment and a program."""
    user_id = member(storage, security)
    assessments.save_assessment(
        storage.unit_of_work(), content, user_id, profile(), recorded_by=user_id
    )
    programs.create_program(
        storage.unit_of_work(), content, user_id, ProgramRequest(), today=today()
    )
    return user_id


def count_logs(storage: Storage) -> int:
    """Session logs stored, whoever's."""
    table = Base.metadata.tables["session_logs"]
    with storage.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_concurrent_requests_with_one_key_store_one_log(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    body = LogInput.model_validate(log_body())

    def send(_: int) -> logs.Logged:
        return logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="one")

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(send, range(THREADS)))
    assert count_logs(storage) == 1, f"stored {count_logs(storage)} logs for {THREADS} requests"
    assert sorted(r.replayed for r in results) == [False] + [True] * (THREADS - 1)
    assert len({r.log.id for r in results}) == 1
    with ThreadPoolExecutor(THREADS) as pool:
        list(
            pool.map(
                lambda i: logs.log_session(
                    storage.unit_of_work(), builtin_content, user_id, body, key=f"k{i}"
                ),
                range(THREADS),
            )
        )
    assert count_logs(storage) == 1 + THREADS


def test_the_cached_plan_follows_every_write(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    cache = PlanCache()

    def plan_version() -> int:
        found = current_plan(storage.unit_of_work(read_only=True), builtin_content, cache, user_id)
        assert found is not None
        return found.version

    seen = [plan_version()]
    assert plan_version() == seen[-1]  # nothing written: the cached plan is served
    day = today() - timedelta(days=1)
    logged = logs.log_session(
        storage.unit_of_work(),
        builtin_content,
        user_id,
        LogInput.model_validate(log_body(day)),
        key="a",
    )
    seen.append(plan_version())
    logs.set_pain_next_day(storage.unit_of_work(), user_id, logged.log.id, 2)
    seen.append(plan_version())
    measured = MeasurementsInput.model_validate(
        {"measurements": [{"protocol": "seated_rotation", "side": "left", "degrees": 44}]}
    )
    assessments.add_measurements(
        storage.unit_of_work(), builtin_content, user_id, measured, recorded_by=user_id
    )
    seen.append(plan_version())
    doc = accounts.create_user(
        storage.unit_of_work(),
        security,
        email="doc@example.org",
        password="a long and rare passphrase",
        role=Role.CLINICIAN,
    )
    with storage.unit_of_work() as uow:
        uow.links.add(clinician_id=doc.id, patient_id=user_id, now=logged.log.created_at)
        uow.commit()
    programs.edit_program(
        storage.unit_of_work(), builtin_content, doc, user_id, ProgramEdits(note="hi")
    )
    seen.append(plan_version())
    assert seen == sorted(set(seen)), seen
    found = current_plan(storage.unit_of_work(read_only=True), builtin_content, cache, user_id)
    assert found is not None and "Note from your clinician: hi" in found.plan.reasons
    assert found.plan.assessment.changes  # the re-measurement reached the planner


def test_export_then_delete_erases_everything(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    other = member(storage, security, "bob@example.org")
    logs.log_session(
        storage.unit_of_work(),
        builtin_content,
        user_id,
        LogInput.model_validate(log_body()),
        key="x",
    )
    routine = RoutineInput.model_validate(
        {"name": "Mine", "items": [{"exercise": "open-book", "sets": 1, "reps": 5}]}
    )
    routines.create_routine(storage.unit_of_work(), builtin_content, user_id, routine)
    routines.add_favourite(storage.unit_of_work(), builtin_content, user_id, "open-book")
    routines.create_routine(storage.unit_of_work(), builtin_content, other, routine)
    with storage.unit_of_work(read_only=True) as uow:
        user = uow.users.get(user_id)
    assert user is not None
    data = data_export.export_person(storage.unit_of_work(read_only=True), user)
    assert (len(data.assessments), len(data.programs), len(data.logs), len(data.routines)) == (
        1,
        1,
        1,
        1,
    )
    assert len(data.measurements) == 3 and len(data.favourites) == 1
    accounts.delete_account(storage.unit_of_work(), user_id)
    leftovers = _rows_of(storage, user_id)
    assert leftovers == {}, leftovers
    assert count_logs(storage) == 0
    assert len(routines.routines_of(storage.unit_of_work(), builtin_content, other)) == 1


def _rows_of(storage: Storage, user_id: int) -> dict[str, int]:
    """Rows that still point at the user, per table and column."""
    found = {}
    with storage.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                    query = select(func.count()).select_from(table).where(column == user_id)
                    count = int(connection.execute(query).scalar_one())
                    if count:
                        found[f"{table.name}.{column.name}"] = count
    return found
