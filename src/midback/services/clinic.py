"""The clinician's desk: linked patients at a glance, and each one's data (every read audited).

A patient is flagged when their last logged pain was above 5 (clinical-facts §5) or the last two
planned sessions went undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from midback.content.instruments import builtin_instruments
from midback.content.loader import Content
from midback.domain.accounts import PatientLink, User
from midback.domain.desk_summary import MISSED_FLAG, OutcomeGlance, glances, last_pain
from midback.domain.feedback import PAIN_TOO_MUCH
from midback.domain.outcome_series import outcome_series
from midback.domain.plan import PlannedSession
from midback.domain.progress import adherence, counts_as_done, missed_in_a_row
from midback.domain.training import AssessmentRecord, SessionLog
from midback.services import sharing
from midback.services.plans import CurrentPlan, PlanCache, current_plan
from midback.storage.uow import UnitOfWork

RECENT_LOGS = 60


@dataclass(frozen=True)
class PatientSummary:
    """One patient as the clinician's list shows them."""

    link: PatientLink
    last_session: date | None
    adherence_percent: int | None
    last_pain: int | None
    flags: list[str]
    outcomes: list[OutcomeGlance] = field(default_factory=list)
    """The outcome measures answered so far, first and latest score."""
    unread: int = 0
    """Messages from the patient the clinician has not read (the desk fills it in, uncached)."""


@dataclass(frozen=True)
class PatientDetail:
    """A patient's summary, latest assessment, program and next session."""

    summary: PatientSummary
    assessment: AssessmentRecord | None
    current: CurrentPlan | None
    next_session: PlannedSession | None


def summarize(
    link: PatientLink, current: CurrentPlan | None, logs: list[SessionLog], today: date
) -> PatientSummary:
    """Last session, adherence, last pain and flags of one patient, computed from scratch (the
    desk shows the same from its stored facts: domain.desk_summary)."""
    pain = last_pain(logs)
    flags = (
        [f"pain {pain}/10 at the last session"] if pain is not None and pain > PAIN_TOO_MUCH else []
    )
    percent = None
    if current is not None:
        start, planned = current.program.start_date, [s.date for s in current.sessions]
        in_program = [g for g in logs if g.session_date >= start]
        percent = adherence(start, planned, in_program, today)[1]
        missed = missed_in_a_row(planned, in_program, today)
        if missed >= MISSED_FLAG:
            flags.append(f"{missed} planned sessions missed in a row")
    done = [g.session_date for g in logs if counts_as_done(g)]
    return PatientSummary(link, max(done, default=None), percent, pain, flags)


def patient_summary(
    uow: UnitOfWork, content: Content, cache: PlanCache, link: PatientLink, today: date
) -> PatientSummary:
    """Read and summarise one linked patient's recent sessions against their plan."""
    current = current_plan(uow, content, cache, link.patient_id)
    with uow:
        logs = uow.logs.of_user(link.patient_id, limit=RECENT_LOGS)
        answers = uow.outcomes.of_user(link.patient_id)
    summary = summarize(link, current, logs, today)
    return replace(summary, outcomes=list(glances(outcome_series(answers, builtin_instruments()))))


def patient_detail(
    uow: UnitOfWork,
    content: Content,
    cache: PlanCache,
    clinician: User,
    patient_id: int,
    today: date,
) -> PatientDetail:
    """One linked patient in full (NotFound unless linked; audited)."""
    link = sharing.open_patient(
        uow, clinician, patient_id, action="clinician.read", detail="patient summary"
    )
    summary = patient_summary(uow, content, cache, link, today)
    with uow:
        assessment = uow.assessments.latest(patient_id)
    current = current_plan(uow, content, cache, patient_id)
    upcoming = current.session_on_or_after(today) if current else None
    return PatientDetail(summary, assessment, current, upcoming)


def patient_logs(uow: UnitOfWork, patient_id: int) -> list[SessionLog]:
    """A patient's logs, newest first (call after `sharing.open_patient`)."""
    with uow:
        return uow.logs.of_user(patient_id, limit=500)
