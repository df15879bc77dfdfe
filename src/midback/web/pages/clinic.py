"""The clinician's desk: linked patients at a glance, invite codes, and one patient's record,
where a clinician assigns a routine or adjusts the program. Every read of a patient's data goes
through sharing.open_patient (services.desk), so it shows in the patient's audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain.browse import alternatives_to
from midback.domain.clearance import ClearanceRequest
from midback.domain.outcome_series import outcome_series
from midback.domain.progress import measurement_series
from midback.domain.training import DoseEdit, ProgramEdits, RoutineInput
from midback.exports.charts import measurement_chart, series_label
from midback.exports.outcome_charts import outcome_chart
from midback.services import clearances, desk, log_edits, outcomes, programs, routines, sharing
from midback.services.clinic import PatientSummary
from midback.services.errors import NotFound
from midback.services.plans import CurrentPlan
from midback.web import forms
from midback.web.deps import (
    ContentDep,
    PlanCacheDep,
    SecurityDep,
    StorageDep,
    ViewCacheDep,
)
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, Clinician, PageRefused, SignedIn

router = APIRouter(include_in_schema=False)
BAD_EDITS = "Check the adjustments: sets 1–10, reps 1–50, a short note."


def _desk(
    request: Request, visitor: Visitor, patients: Sequence[PatientSummary], **extra: Any
) -> Response:
    context = {"patients": patients, "code": "", "expires": None, **extra}
    return render(request, visitor, "clinic/index.html", context)


@router.get("/clinic")
def clinic_page(
    request: Request,
    clinician: Clinician,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """Patients with last session, adherence, last pain and flags; a new invite code."""
    uow = storage.unit_of_work()
    patients = desk.patient_desk(uow, content, plans, clinician, storage.clock.today())
    return _desk(request, visitor, patients)


@router.post("/clinic/invites")
def new_invite(
    request: Request,
    clinician: Clinician,
    _csrf: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """A single-use invite code, shown once on the desk (only its hash is stored)."""
    code, invite = sharing.create_invite(storage.unit_of_work(), security, clinician)
    uow = storage.unit_of_work()
    patients = desk.patient_desk(uow, content, plans, clinician, storage.clock.today())
    return _desk(request, visitor, patients, code=code, expires=invite.expires_at)


@router.get("/clinic/patients/{patient_id}")
def patient_page(
    patient_id: forms.PathId,
    request: Request,
    clinician: Clinician,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    views: ViewCacheDep,
) -> Response:
    """One patient's program, sessions, measurements and notes; assign a routine or adjust."""
    try:
        record = desk.patient_record(
            storage.unit_of_work(),
            content,
            plans,
            views,
            clinician,
            patient_id,
            storage.clock.today(),
        )
    except NotFound:
        raise PageRefused(404, "No such patient, or they ended the link.") from None
    library = content.exercises
    planned = []
    if record.current is not None:
        planned = list(dict.fromkeys(i.exercise for s in record.current.sessions for i in s.items))
    names = {p.id: p.name for p in content.protocols.values()}
    series = measurement_series(record.measurements, content.protocols)
    charts = [
        (
            series_label(s, names[s.protocol]),
            measurement_chart(f"pm{i}", s, names[s.protocol], series),
        )
        for i, s in enumerate(series)
    ]
    own = routines.routines_of(storage.unit_of_work(read_only=True), content, clinician.id)
    edits = record.current.program.edits if record.current else None
    context = {
        "record": record,
        "library": library,
        "planned": [library[i] for i in planned if i in library],
        "alternatives": {i: alternatives_to(library[i], library) for i in planned if i in library},
        "edits": edits or ProgramEdits(),
        "charts": charts,
        "outcome_charts": [
            (s, outcome_chart(f"po{i}", s))
            for i, s in enumerate(outcome_series(record.outcomes, outcomes.instruments()))
        ],
        "own_routines": [v for v in own if not v.routine.shared_with],
        "notice": request.query_params.get("done", ""),
        "program_name": _program_name(content, record.current),
        "screening": clearances.screening_report(
            storage.unit_of_work(read_only=True), content, patient_id
        ),
        "hold": record.current.plan.hold if record.current else None,
        "day": storage.clock.today(),
        # read after patient_record checked the link (and wrote the view to the trail)
        "changes": log_edits.changes_of(storage.unit_of_work(read_only=True), patient_id),
    }
    return render(request, visitor, "clinic/patient.html", context)


@router.post("/clinic/patients/{patient_id}/clearance")
def clear(
    patient_id: forms.PathId,
    clinician: SignedIn,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Record the clinician's clearance of a health-check outcome (audited for the patient).

    Signed in is enough here: the service answers anyone but the patient's linked clinician
    with "no such patient" (404), revealing nothing, after an odd id was refused (422).
    """
    try:
        body = ClearanceRequest(
            rule=forms.text(form, "rule"),
            cleared_on=date.fromisoformat(forms.text(form, "clearance_on")),
            scope=forms.text(form, "clearance_scope")[:200],
            note=forms.text(form, "clearance_note")[:1000],
        )
    except (ValueError, ValidationError):
        raise PageRefused(422, "Choose what you cleared and the date (YYYY-MM-DD).") from None
    clearances.record_for_patient(
        storage.unit_of_work(), content, clinician, patient_id, body, storage.clock.today()
    )
    return RedirectResponse(f"/clinic/patients/{patient_id}?done=cleared", status_code=303)


def _program_name(content: Content, current: CurrentPlan | None) -> str:
    if current is None:
        return ""
    template = content.programs.get(current.program.program)
    return template.name if template else current.program.program


@router.post("/clinic/patients/{patient_id}/routine")
def assign(
    patient_id: forms.PathId,
    clinician: Clinician,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Give the patient a copy of one of the clinician's routines."""
    routine_id = forms.record_id(forms.text(form, "routine"), "routine")
    uow = storage.unit_of_work(read_only=True)
    found = routines.get_routine(uow, content, clinician.id, routine_id)
    body = RoutineInput(name=found.routine.name, items=list(found.routine.items))
    routines.assign_routine(storage.unit_of_work(), content, clinician, patient_id, body)
    return RedirectResponse(f"/clinic/patients/{patient_id}?done=routine", status_code=303)


def read_edits(form: FormData) -> ProgramEdits:
    """The adjustments form as edits: left out, swapped, re-dosed, and a note.

    FieldError for a dose that is not a whole number in range; ValidationError for the rest.
    """
    swaps = {k[5:]: v[0] for k, v in form.items() if k.startswith("swap-") and v and v[0]}
    doses: dict[str, DoseEdit] = {}
    limits = {"sets": (1, 10, "a number of sets"), "reps": (1, 50, "a number of repetitions")}
    for prefix, (low, high, what) in limits.items():
        for key, values in form.items():
            if not key.startswith(f"{prefix}-") or not values:
                continue
            value = forms.optional_whole_number(values[0], key, low=low, high=high, what=what)
            if value is not None:
                exercise = key.removeprefix(f"{prefix}-")
                current = doses.get(exercise, DoseEdit())
                doses[exercise] = current.model_copy(update={prefix: value})
    return ProgramEdits(
        exclude=form.get("exclude", []),
        substitute=swaps,
        doses=doses,
        note=forms.text(form, "note"),
    )


@router.post("/clinic/patients/{patient_id}/program")
def adjust(
    patient_id: forms.PathId,
    clinician: Clinician,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Store the clinician's adjustments; they apply on top of every recomputed plan."""
    try:
        edits = read_edits(form)
    except ValidationError:
        raise PageRefused(400, BAD_EDITS) from None
    programs.edit_program(storage.unit_of_work(), content, clinician, patient_id, edits)
    return RedirectResponse(f"/clinic/patients/{patient_id}?done=program", status_code=303)
