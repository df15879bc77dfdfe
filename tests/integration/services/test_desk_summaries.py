"""The clinician's desk shows, after any sequence of writes and on any later day, exactly what
computing each patient's summary from scratch gives (services.clinic.patient_summary), on
SQLite and PostgreSQL; its stored lines survive a restart and a new day without recomputing."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from tests.integration.services.test_training import member
from tests.support.training import log_body, profile, today

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.outcomes import OutcomeInput, Timepoint
from midback.domain.training import LogInput, ProgramRequest
from midback.services import (
    accounts,
    assessments,
    clinic,
    desk,
    log_edits,
    logs,
    outcomes,
    pauses,
    programs,
    sharing,
)
from midback.services.errors import ServiceError
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.storage.desk_tables import DeskSummaryRow
from midback.storage.uow import Storage

_people = itertools.count()
pains = st.none() | st.integers(0, 10)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("log"), st.integers(-13, 0), st.booleans(), pains),
        st.tuples(st.just("pain"), pains),
        st.tuples(st.just("delete")),
        st.tuples(st.just("outcome"), st.integers(0, 10)),
        st.tuples(st.just("pause")),
        st.tuples(st.just("resume")),
        st.tuples(st.just("program")),
        st.tuples(st.just("look"), st.integers(0, 12)),
    ),
    min_size=1,
    max_size=8,
)


def linked_patient(storage: Storage, security: Security, content: Content) -> tuple[User, User]:
    """A new clinician and their new patient, assessed and on a program that began 14 days ago."""
    n = next(_people)
    clinician = accounts.create_user(
        storage.unit_of_work(), security, email=f"doc{n}@example.org",
        password="a long and rare passphrase", role=Role.CLINICIAN,
    )  # fmt: skip
    patient_id = member(storage, security, email=f"pat{n}@example.org")
    assessments.save_assessment(
        storage.unit_of_work(), content, patient_id, profile(), recorded_by=patient_id
    )
    request = ProgramRequest(start_date=today() - timedelta(days=14))
    programs.create_program(storage.unit_of_work(), content, patient_id, request, today=today())
    patient = accounts.get_user(storage.unit_of_work(), email=f"pat{n}@example.org")
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    sharing.redeem_invite(storage.unit_of_work(), patient, code)
    return clinician, patient


def write(
    storage: Storage, content: Content, plans: PlanCache, patient: User, step: tuple[object, ...]
) -> None:
    """One write by the patient (some refused, which changes nothing)."""
    uow = storage.unit_of_work()
    kind = step[0]
    latest = logs.logs_of(storage.unit_of_work(), patient.id, limit=1)
    try:
        if kind == "log":
            _, back, completed, pain = step
            day = today() + timedelta(days=int(str(back)))
            during = pain if pain is not None or not completed else 0
            body = LogInput.model_validate(
                log_body(day, completed=completed, pain_during=during, difficulty=3)
            )
            logs.log_session(uow, content, patient.id, body, key=f"k{next(_people)}")
        elif kind == "pain" and latest:
            logs.set_pain_next_day(uow, patient.id, latest[0].id, step[1])  # type: ignore[arg-type]
        elif kind == "delete" and latest:
            log_edits.delete_log(uow, patient, latest[0].id)
        elif kind == "outcome":
            answer = OutcomeInput(
                instrument="nprs", timepoint=Timepoint.BASELINE, score=int(str(step[1]))
            )
            outcomes.record_outcomes(
                uow, content, plans, patient.id, [answer], recorded_by=patient.id, today=today()
            )
        elif kind == "pause":
            pauses.pause(uow, patient.id, today())
        elif kind == "resume":
            pauses.resume(uow, patient.id, today())
        elif kind == "program":
            request = ProgramRequest(start_date=today() - timedelta(days=3))
            programs.create_program(uow, content, patient.id, request, today=today())
    except ServiceError:
        pass


def assert_desk_is_from_scratch(
    storage: Storage, content: Content, plans: PlanCache, clinician: User, ahead: int = 0
) -> None:
    day = today() + timedelta(days=ahead)
    shown = desk.patient_desk(storage.unit_of_work(), content, plans, clinician, day)
    links = sharing.patients_of(storage.unit_of_work(), clinician)
    scratch = [
        clinic.patient_summary(storage.unit_of_work(), content, PlanCache(), link, day)
        for link in links
    ]
    assert shown == scratch


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=steps)
def test_the_desk_equals_the_summary_from_scratch_after_any_writes(
    storage: Storage,
    security: Security,
    builtin_content: Content,
    sequence: list[tuple[object, ...]],
) -> None:
    clinician, patient = linked_patient(storage, security, builtin_content)
    plans = PlanCache()  # one process's plans, kept across the writes as the app keeps them
    assert_desk_is_from_scratch(storage, builtin_content, plans, clinician)
    for step in sequence:
        if step[0] == "look":
            assert_desk_is_from_scratch(
                storage, builtin_content, plans, clinician, ahead=int(str(step[1]))
            )
            continue
        write(storage, builtin_content, plans, patient, step)
        assert_desk_is_from_scratch(storage, builtin_content, plans, clinician)


def test_a_stored_line_serves_a_new_process_and_a_new_day_without_recomputing(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    clinician, patient = linked_patient(storage, security, builtin_content)
    body = LogInput.model_validate(log_body(today() - timedelta(days=1), pain_during=7))
    logs.log_session(storage.unit_of_work(), builtin_content, patient.id, body, key="one")
    first = desk.patient_desk(
        storage.unit_of_work(), builtin_content, PlanCache(), clinician, today()
    )
    with storage.engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(DeskSummaryRow)).scalar_one()
    assert stored == 1 and first[0].flags[0] == "pain 7/10 at the last session"
    restarted = PlanCache()  # another process: nothing cached
    later = today() + timedelta(days=5)
    again = desk.patient_desk(storage.unit_of_work(), builtin_content, restarted, clinician, later)
    assert len(restarted._items) == 0  # no plan was computed: the stored line served
    scratch = clinic.patient_summary(
        storage.unit_of_work(), builtin_content, PlanCache(), again[0].link, later
    )
    assert again == [scratch]
    assert again[0].adherence_percent != first[0].adherence_percent  # five more days due
    entries = [e.action for e in sharing.audit_trail(storage.unit_of_work(), patient)]
    assert entries.count("clinician.list") == 2
