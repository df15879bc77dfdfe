"""The clinician's desk as pages show it: the patient list and one patient's whole record, each
view opened through the audit.

The list is one indexed read however many patients: each patient's line is stored as facts
that hold on any day (domain.desk_summary.DeskFacts) with the plan-inputs version they were made
at, and the day's figures (adherence, sessions missed in a row) are derived when shown. Every
write a line depends on moves the version on (services.plans), so a line whose version is not
the person's current one is made again from their data, and stored, when the desk next opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from midback.content.instruments import builtin_instruments
from midback.content.loader import Content
from midback.domain.accounts import PatientLink, User
from midback.domain.desk_summary import DeskFacts, desk_facts, on_day
from midback.domain.outcome_series import outcome_series
from midback.domain.outcomes import OutcomeRecord
from midback.domain.plan import PlannedSession
from midback.domain.training import AssessmentRecord, MeasurementRecord, Routine, SessionLog
from midback.services import sharing
from midback.services.clinic import RECENT_LOGS, PatientSummary, summarize
from midback.services.plans import CurrentPlan, PlanCache, current_plan
from midback.services.views import ViewCache, cached
from midback.storage.uow import UnitOfWork

RECORD_LOGS = RECENT_LOGS
"""Sessions the patient page lists (newest first): some two months, as the summary reads."""

LIST_DETAIL = "patient list: last session, adherence, pain"


def patient_desk(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    clinician: User,
    today: date,
) -> list[PatientSummary]:
    """The clinician's linked patients at a glance on `today`; the view goes in each patient's
    trail (one entry each, written in one statement).

    Three statements when every stored line is current (the lines, the unread message counts,
    the audit entries); a patient whose data changed since their line was made is read again
    and their line stored anew.
    """
    sharing.require_clinician(clinician)
    with uow:
        lines = uow.desk.lines(clinician.id, clinician.email)
        if not lines:
            return []
        unread = uow.messages.counts("clinician", clinician.id)
        uow.audit.add_for_each(
            [line.link.patient_id for line in lines],
            actor_id=clinician.id,
            actor_role=clinician.role,
            action="clinician.list",
            now=uow.clock.now(),
            detail=LIST_DETAIL,
        )
        uow.commit()
    made = [
        (line.link.patient_id, line.version, facts_of(uow, content, plans, line.link.patient_id))
        for line in lines
        if not line.current
    ]
    if made:
        with uow:
            uow.desk.store(made)
            uow.commit()
    fresh = {person: facts for person, _, facts in made}
    summaries = []
    for line in lines:
        facts = fresh.get(line.link.patient_id) or line.facts
        assert facts is not None  # stale or missing lines were made just now
        summary = shown(line.link, facts, today)
        thread = unread.get(line.link.patient_id)
        summaries.append(replace(summary, unread=thread.unread) if thread else summary)
    return summaries


def facts_of(uow: UnitOfWork, content: Content, plans: PlanCache, patient_id: int) -> DeskFacts:
    """A patient's desk facts made from their data (read after the version the caller holds,
    so never older than it)."""
    current = current_plan(uow, content, plans, patient_id)
    with uow:
        logs = uow.logs.of_user(patient_id, limit=RECENT_LOGS)
        answers = uow.outcomes.of_user(patient_id)
    series = outcome_series(answers, builtin_instruments())
    if current is None:
        return desk_facts(None, [], logs, series)
    planned = [s.date for s in current.sessions]
    return desk_facts(current.program.start_date, planned, logs, series)


def shown(link: PatientLink, facts: DeskFacts, today: date) -> PatientSummary:
    """The patient's desk line on `today`."""
    day = on_day(facts, today)
    outcomes = list(facts.outcomes)
    percent, pain = day.adherence_percent, day.last_pain
    return PatientSummary(link, facts.last_session, percent, pain, day.flags, outcomes)


@dataclass(frozen=True)
class PatientRecord:
    """One patient as their page shows them."""

    summary: PatientSummary
    assessment: AssessmentRecord | None
    current: CurrentPlan | None
    next_session: PlannedSession | None
    logs: list[SessionLog]
    measurements: list[MeasurementRecord]
    routines: list[Routine]
    """Routines the clinician gave this patient."""
    outcomes: list[OutcomeRecord] = field(default_factory=list)
    """Outcome-measure answers, oldest first."""


def patient_record(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    views: ViewCache,
    clinician: User,
    patient_id: int,
    today: date,
) -> PatientRecord:
    """A linked patient's program, sessions, measurements and notes (NotFound unless linked).

    Every view writes one entry in the patient's trail saying what it showed; what it read is
    cached until the patient's data changes (routines and the patient's name, which do not move
    that, are read anew).
    """
    link = sharing.open_patient(
        uow,
        clinician,
        patient_id,
        action="clinician.read",
        detail="patient page: program, sessions, measurements, outcome measures, notes",
    )

    def compute() -> PatientRecord:
        current = current_plan(uow, content, plans, patient_id)
        with uow:
            assessment = uow.assessments.latest(patient_id)
            logs = uow.logs.of_user(patient_id, limit=RECORD_LOGS)
            measurements = uow.measurements.of_user(patient_id)
            answers = uow.outcomes.of_user(patient_id)
        summary = summarize(link, current, logs, today)
        upcoming = current.session_on_or_after(today) if current else None
        return PatientRecord(
            summary, assessment, current, upcoming, logs, measurements, [], answers
        )

    record = cached(views, uow, ("record", link.id), patient_id, today, compute)
    with uow:
        given = [r for r in uow.routines.visible_to(patient_id) if r.owner_id == clinician.id]
    # the name as just read: a new display name does not move the version the view is kept at
    return replace(record, summary=replace(record.summary, link=link), routines=given)
