"""A linked clinician's outcome report on one patient: the page and its one-page PDF.

Opened through `sharing.open_patient`, like the patient page, so an unlinked clinician gets
"no such patient" and every read goes in the patient's audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from midback.content.loader import Content
from midback.domain.accounts import PatientLink, User
from midback.domain.outcome_report import OutcomeReport, outcome_report
from midback.domain.outcome_series import OutcomeSeries, outcome_series
from midback.exports.report_pdf import render_report
from midback.services import outcomes, sharing
from midback.services.plans import PlanCache, current_plan
from midback.storage.uow import UnitOfWork

READ_DETAIL = "outcome report: adherence, pain, outcome measures, range of motion"


@dataclass(frozen=True)
class PatientReport:
    """The report with who it is about and the program it covers."""

    link: PatientLink
    program_name: str
    report: OutcomeReport
    series: list[OutcomeSeries]
    """The outcome measures over time, as the patient page charts them."""

    @property
    def patient(self) -> str:
        """The patient's display name, else their email (as the desk shows them)."""
        return self.link.patient_shown


def patient_report(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    clinician: User,
    patient_id: int,
    today: date,
) -> PatientReport:
    """The report on a linked patient (NotFound unless linked; the read is audited)."""
    link = sharing.open_patient(
        uow, clinician, patient_id, action="clinician.read", detail=READ_DETAIL
    )
    current = current_plan(uow, content, plans, patient_id)
    with uow:
        assessment = uow.assessments.latest(patient_id)
        logs = uow.logs.of_user(patient_id)
        measurements = uow.measurements.of_user(patient_id)
        answers = uow.outcomes.of_user(patient_id)
    name = ""
    if current is not None:
        template = content.programs.get(current.program.program)
        name = template.name if template else current.program.program
    instruments = outcomes.instruments()
    report = outcome_report(
        today=today,
        start=current.program.start_date if current else None,
        planned=[s.date for s in current.sessions] if current else [],
        logs=logs,
        usual_pain=assessment.profile.current_pain() if assessment else None,
        answers=answers,
        instruments=instruments,
        measurements=measurements,
        protocols=content.protocols,
    )
    return PatientReport(link, name, report, outcome_series(answers, instruments))


def report_pdf(found: PatientReport, content: Content, clinician: User) -> bytes:
    """The report as a one-page A4 PDF."""
    names = {p.id: p.name for p in content.protocols.values()}
    return render_report(
        found.report,
        patient=found.patient,
        program=found.program_name,
        clinician=clinician.shown_name,
        protocol_names=names,
    )
