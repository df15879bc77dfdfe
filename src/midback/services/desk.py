"""The clinician's desk as pages show it: the patient list (each summary cached until that
patient's data changes) and one patient's whole record, each view opened through the audit."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from midback.content.loader import Content
from midback.domain.accounts import PatientLink, User
from midback.domain.outcomes import OutcomeRecord
from midback.domain.plan import PlannedSession
from midback.domain.training import AssessmentRecord, MeasurementRecord, Routine, SessionLog
from midback.services import sharing
from midback.services.clinic import (
    RECENT_LOGS,
    PatientSummary,
    listed_patients,
    patient_summary,
    summarize,
)
from midback.services.plans import CurrentPlan, PlanCache, current_plan
from midback.services.views import ViewCache, cached
from midback.storage.uow import UnitOfWork

RECORD_LOGS = RECENT_LOGS
"""Sessions the patient page lists (newest first): some two months, as the summary reads."""


def patient_desk(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    views: ViewCache,
    clinician: User,
    today: date,
) -> list[PatientSummary]:
    """The clinician's linked patients at a glance; the view goes in each patient's trail.

    A fixed number of queries however many patients: the links (and their audit entries), then
    every patient's plan-inputs version at once, then every unread message count at once; only
    patients whose data changed since their summary was cached are read again.
    """
    links = listed_patients(uow, clinician)
    if not links:
        return []
    with uow:
        versions = uow.plan_inputs.versions([link.patient_id for link in links])
        counts = uow.messages.counts("clinician", clinician.id)
    summaries = [
        _summary(uow, content, plans, views, link, today, versions.get(link.patient_id, 0))
        for link in links
    ]
    return [
        replace(s, unread=counts[s.link.patient_id].unread) if s.link.patient_id in counts else s
        for s in summaries
    ]


def _summary(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    views: ViewCache,
    link: PatientLink,
    today: date,
    version: int,
) -> PatientSummary:
    """The cached summary at `version` (read before anything else, as `views.cached` does),
    naming the patient as the link just read does: a new display name does not move the
    version, so the cached summary's own link may carry the old one."""
    key = ("summary", link.id)
    hit, view = views.get(key, version, today)
    if hit:
        return replace(cast(PatientSummary, view), link=link)
    fresh = patient_summary(uow, content, plans, link, today)
    views.put(key, version, fresh, day=today)
    return fresh


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
