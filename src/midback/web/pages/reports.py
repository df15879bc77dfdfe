"""The clinician's outcome report on one patient: a page, and the same as a one-page PDF.

Like the patient page, only a clinician linked to the patient may read it (anyone else who is a
clinician is told there is no such patient); each read goes in the patient's audit trail.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from midback.domain.outcome_report import error_words, pain_words
from midback.domain.progress import WeekAdherence
from midback.exports.charts import PAIN_POINTS, adherence_chart, measurement_chart, pain_chart
from midback.exports.outcome_charts import outcome_chart
from midback.services import outcome_report
from midback.services.errors import NotFound
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.files import PDF, file_response
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.guards import Clinician, PageRefused

router = APIRouter(include_in_schema=False)
NO_SUCH_PATIENT = "No such patient, or they ended the link."


def _found(
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    clinician: Clinician,
    patient_id: int,
) -> outcome_report.PatientReport:
    try:
        return outcome_report.patient_report(
            storage.unit_of_work(), content, plans, clinician, patient_id, storage.clock.today()
        )
    except NotFound:
        raise PageRefused(404, NO_SUCH_PATIENT) from None


@router.get("/clinic/patients/{patient_id}/report")
def report_page(
    patient_id: forms.PathId,
    request: Request,
    clinician: Clinician,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """Adherence, pain, outcome measures and range of motion of a linked patient, at a glance."""
    found = _found(storage, content, plans, clinician, patient_id)
    report = found.report
    names = {p.id: p.name for p in content.protocols.values()}
    due = [
        WeekAdherence(week=w.week, planned=w.due, done=w.done, percent=w.percent)
        for w in (report.adherence.weeks if report.adherence else [])
        if w.due
    ]
    shown = len(report.pain.during.points[-PAIN_POINTS:])
    context = {
        "found": found,
        "report": report,
        "adherence_chart": adherence_chart("ra", due) if due else "",
        "pain_chart": pain_chart("rp", report.pain.during.points, report.pain.usual)
        if shown
        else "",
        "pain_words": pain_words(report.pain, shown),
        "outcome_charts": [(s, outcome_chart(f"ro{i}", s)) for i, s in enumerate(found.series)],
        "motion": [
            (
                s,
                names.get(s.protocol, s.protocol),
                measurement_chart(f"rm{i}", s, names.get(s.protocol, s.protocol), report.motion),
                error_words(s),
            )
            for i, s in enumerate(report.motion)
        ],
    }
    return render(request, visitor, "clinic/report.html", context)


@router.get("/clinic/patients/{patient_id}/report.pdf")
def report_pdf(
    patient_id: forms.PathId,
    clinician: Clinician,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """The report as one A4 page, shown in the browser ready to print."""
    found = _found(storage, content, plans, clinician, patient_id)
    body = outcome_report.report_pdf(found, content, clinician)
    return file_response(body, PDF, "midback-outcome-report.pdf", inline=True)
