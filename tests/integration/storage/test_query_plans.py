"""Every query on the hot paths, checked against its plan on SQLite and PostgreSQL: it finds its
rows through an index (no sequential scan of a table, and a person's logs and items come in index
order, unsorted); the clinician's desk reads any number of patients in a fixed number of queries.

The queries are not written out here: the services run (Today, progress, the desk, a patient's
page, a log write, a token check, the data export, messages) and every statement they send is
captured and explained with the parameters it was sent with. On PostgreSQL sequential scans are
switched off for the EXPLAIN, so a scan that still appears means no index can serve the query
(the planner picks sequential scans for tables this small otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, event
from tests.integration.services.test_training import member, started
from tests.support.training import log_body, profile, today

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.training import LogInput
from midback.services import (
    accounts,
    assessments,
    data_export,
    desk,
    home,
    logs,
    messages,
    programs,
    sharing,
)
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.services.views import ViewCache
from midback.storage.uow import Storage

Captured = list[tuple[str, Any]]
EXPLAINED = ("SELECT", "WITH", "UPDATE", "DELETE", "INSERT")


@contextmanager
def captured(storage: Storage) -> Iterator[Captured]:
    """The statements (with their parameters) the engine sends meanwhile."""
    seen: Captured = []

    def note(_: Any, __: Any, sql: str, parameters: Any, *___: Any) -> None:
        seen.append((sql, parameters))

    event.listen(storage.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(storage.engine, "before_cursor_execute", note)


def explain(connection: Connection, sql: str, parameters: Any) -> str:
    """The plan of one statement as text (of an executemany: with its first parameters)."""
    if isinstance(parameters, list):
        parameters = parameters[0]
    if connection.dialect.name == "postgresql":
        rows = connection.exec_driver_sql(f"EXPLAIN {sql}", parameters).fetchall()
        return "\n".join(str(row[0]) for row in rows)
    rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters).fetchall()
    return "\n".join(str(row[-1]) for row in rows)


def full_scans(plan: str, dialect: str) -> list[str]:
    """Steps of a plan that read a whole table (or, for logs and items, a whole index)."""
    if dialect == "postgresql":
        return re.findall(r"Seq Scan on (\w+)", plan)
    found = re.findall(r"^SCAN ([a-z_]\w*)$", plan, flags=re.MULTILINE)
    found += [
        table
        for table in re.findall(r"^SCAN (\w+) USING", plan, flags=re.MULTILINE)
        if table in {"session_logs", "session_log_items"}
    ]
    return found


def clinician_with_patients(
    storage: Storage, security: Security, content: Content, count: int
) -> User:
    """A clinician following `count` assessed members.

    Each has an assessment: a summary is cached per plan-inputs version, and version 0 (a person
    with no data at all) is never cached, so that a reused or purged account cannot be served.
    """
    clinician = accounts.create_user(
        storage.unit_of_work(),
        security,
        email=f"sam{count}@example.org",
        password="a long and rare passphrase",
        role=Role.CLINICIAN,
    )
    for n in range(count):
        patient_id = member(storage, security, email=f"p{count}-{n}@example.org")
        patient = accounts.get_user(storage.unit_of_work(), email=f"p{count}-{n}@example.org")
        assert patient.id == patient_id
        assessments.save_assessment(
            storage.unit_of_work(), content, patient_id, profile(), recorded_by=patient_id
        )
        code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
        sharing.redeem_invite(storage.unit_of_work(), patient, code)
    return clinician


def run_hot_paths(storage: Storage, security: Security, content: Content) -> Captured:
    """Every hot path once, cold (so the caches read everything), statements captured."""
    user_id = started(storage, security, content)
    for n in range(5):
        body = LogInput.model_validate(log_body(today() - timedelta(days=n + 1)))
        logs.log_session(storage.unit_of_work(), content, user_id, body, key=f"seed-{n}")
    clinician = clinician_with_patients(storage, security, content, 2)
    ada = accounts.get_user(storage.unit_of_work(), email="ada@example.org")
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    sharing.redeem_invite(storage.unit_of_work(), ada, code)
    issued = accounts.log_in(
        storage.unit_of_work(),
        security,
        email="ada@example.org",
        password="a long and rare passphrase",
        address="127.0.0.1",
    )
    messages.send(storage.unit_of_work(), ada, clinician.id, "A question")
    plans, views = PlanCache(), ViewCache()
    with captured(storage) as seen:
        accounts.authenticate(storage.unit_of_work(read_only=True), issued.token)
        home.today_view(storage.unit_of_work(), content, plans, views, user_id, today())
        # Today's session from the cache: the token, its user and the version in one query.
        programs.cached_today(storage.unit_of_work(read_only=True), plans, issued.token, today())
        home.progress_report(storage.unit_of_work(), content, plans, views, user_id, today())
        body = LogInput.model_validate(log_body())
        logs.log_session(storage.unit_of_work(), content, user_id, body, key="hot")
        logs.log_session(storage.unit_of_work(), content, user_id, body, key="hot")  # replay
        logs.logs_of(storage.unit_of_work(read_only=True), user_id)
        desk.patient_desk(storage.unit_of_work(), content, plans, clinician, today())  # makes
        desk.patient_desk(storage.unit_of_work(), content, plans, clinician, today())  # reads
        desk.patient_record(
            storage.unit_of_work(), content, plans, views, clinician, user_id, today()
        )
        data_export.export_person(storage.unit_of_work(read_only=True), ada)
        data_export.export_person(storage.unit_of_work(read_only=True), clinician)
        messages.inbox(storage.unit_of_work(read_only=True), ada)
        messages.threads(storage.unit_of_work(read_only=True), clinician)
        messages.open_thread(storage.unit_of_work(), clinician, ada.id)
        messages.send(storage.unit_of_work(), clinician, ada.id, "An answer")
    return seen


def test_every_hot_query_uses_an_index(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    seen = run_hot_paths(storage, security, builtin_content)
    statements = [(sql, p) for sql, p in seen if sql.lstrip().upper().startswith(EXPLAINED)]
    assert len(statements) > 20  # the paths really ran
    touched: set[str] = set()
    problems: list[str] = []
    dialect = storage.engine.dialect.name
    with storage.engine.connect() as connection:
        if dialect == "postgresql":
            connection.exec_driver_sql("SET enable_seqscan = off")
        for sql, parameters in statements:
            plan = explain(connection, sql, parameters)
            touched.update(re.findall(r"\b(session_logs|session_log_items)\b", sql))
            problems += [f"{table}: {sql[:120]}" for table in full_scans(plan, dialect)]
            if dialect == "sqlite" and "session_log" in sql and "TEMP B-TREE" in plan:
                problems.append(f"sorted, not read in index order: {sql[:120]}")
        connection.rollback()
    assert touched == {"session_logs", "session_log_items"}
    assert problems == []


def desk_statements(storage: Storage, content: Content, clinician: User) -> list[str]:
    """Statements one look at the desk sends (in a new process: no plan cached)."""
    plans = PlanCache()
    with captured(storage) as seen:
        desk.patient_desk(storage.unit_of_work(), content, plans, clinician, today())
    return [sql for sql, _ in seen if not sql.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


@pytest.mark.parametrize("patients", [3, 12])
def test_the_desk_reads_any_number_of_patients_in_a_fixed_number_of_queries(
    storage: Storage, security: Security, builtin_content: Content, patients: int
) -> None:
    clinician = clinician_with_patients(storage, security, builtin_content, patients)
    made = desk_statements(storage, builtin_content, clinician)  # the first look stores lines
    assert sum("desk_summaries" in sql and sql.lstrip().startswith("INSERT") for sql in made) == 1
    # Then, in any process and on any day: the links with every patient's version and stored
    # line (one SELECT), every thread's unread count (one SELECT), their audit entries (one
    # INSERT).
    again = desk_statements(storage, builtin_content, clinician)
    assert len(again) == 3
    assert "desk_summaries" in again[0] and "messages" in again[1] and "audit" in again[2]


def test_the_desk_reads_again_only_the_patient_whose_data_changed(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    clinician = clinician_with_patients(storage, security, builtin_content, 6)
    desk_statements(storage, builtin_content, clinician)
    patient = sharing.patients_of(storage.unit_of_work(), clinician)[2].patient_id
    assessments.save_assessment(
        storage.unit_of_work(), builtin_content, patient, profile(), recorded_by=patient
    )
    one = desk_statements(storage, builtin_content, clinician)
    six = clinician_with_patients(storage, security, builtin_content, 1)  # for scale: one cold
    cold = desk_statements(storage, builtin_content, six)
    assert len(one) == len(cold) and len(one) < 20
