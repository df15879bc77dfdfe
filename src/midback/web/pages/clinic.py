"""The clinician's desk: linked patients at a glance, invite codes, and one patient's record,
where a clinician assigns a routine or adjusts the program. Every read of a patient's data goes
through sharing.open_patient (services.desk), so it shows in the patient's audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from midback.domain.browse import alternatives_to
from midback.domain.clearance import ClearanceRequest
from midback.domain.progress import measurement_series
from midback.domain.training import DoseEdit, ProgramEdits, RoutineInput
from midback.exports.charts import measurement_chart, series_label
from midback.services import clearances, desk, programs, routines, sharing
from midback.services.errors import NotFound, ServiceError
from midback.services.plans import CurrentPlan
from midback.web import forms
from midback.web.deps import SecurityDep, StorageDep
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.errors import error_page
from midback.web.pages.member import (
    ContentDep,
    FormData,
    FormDep,
    PlansDep,
    ViewsDep,
    first,
    is_clinician,
    refused,
    to_login,
    today,
)

router = APIRouter(include_in_schema=False)
BAD_EDITS = "Check the adjustments: sets 1–10, reps 1–50, a short note."
FOR_CLINICIANS = "The clinician's desk is for clinician accounts. Ask your administrator."


def _desk(
    request: Request,
    visitor: Visitor,
    storage: StorageDep,
    content: ContentDep,
    plans: PlansDep,
    views: ViewsDep,
    **extra: Any,
) -> Response:
    assert visitor.user is not None
    uow = storage.unit_of_work()
    patients = desk.patient_desk(uow, content, plans, views, visitor.user, today())
    context = {"patients": patients, "code": "", "expires": None, **extra}
    return render(request, visitor, "clinic/index.html", context)


@router.get("/clinic")
def clinic_page(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlansDep,
    views: ViewsDep,
) -> Response:
    """Patients with last session, adherence, last pain and flags; a new invite code."""
    if visitor.user is None:
        return to_login(request)
    if not is_clinician(visitor.user):
        return error_page(request, 403, FOR_CLINICIANS)
    return _desk(request, visitor, storage, content, plans, views)


@router.post("/clinic/invites")
def new_invite(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
    content: ContentDep,
    plans: PlansDep,
    views: ViewsDep,
    form: FormDep,
) -> Response:
    """A single-use invite code, shown once on the desk (only its hash is stored)."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    if not is_clinician(visitor.user):
        return error_page(request, 403, FOR_CLINICIANS)
    code, invite = sharing.create_invite(storage.unit_of_work(), security, visitor.user)
    return _desk(
        request, visitor, storage, content, plans, views, code=code, expires=invite.expires_at
    )


@router.get("/clinic/patients/{patient_id}")
def patient_page(
    patient_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlansDep,
    views: ViewsDep,
) -> Response:
    """One patient's program, sessions, measurements and notes; assign a routine or adjust."""
    if visitor.user is None:
        return to_login(request)
    if not is_clinician(visitor.user):
        return error_page(request, 403, FOR_CLINICIANS)
    try:
        record = desk.patient_record(
            storage.unit_of_work(), content, plans, views, visitor.user, patient_id, today()
        )
    except NotFound:
        return error_page(request, 404, "No such patient, or they ended the link.")
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
    own = routines.routines_of(storage.unit_of_work(read_only=True), content, visitor.user.id)
    edits = record.current.program.edits if record.current else None
    context = {
        "record": record,
        "library": library,
        "planned": [library[i] for i in planned if i in library],
        "alternatives": {i: alternatives_to(library[i], library) for i in planned if i in library},
        "edits": edits or ProgramEdits(),
        "charts": charts,
        "own_routines": [v for v in own if not v.routine.shared_with],
        "notice": request.query_params.get("done", ""),
        "program_name": _program_name(content, record.current),
        "screening": clearances.screening_report(
            storage.unit_of_work(read_only=True), content, patient_id
        ),
        "hold": record.current.plan.hold if record.current else None,
        "day": today(),
    }
    return render(request, visitor, "clinic/patient.html", context)


@router.post("/clinic/patients/{patient_id}/clearance")
def clear(
    patient_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    form: FormDep,
) -> Response:
    """Record the clinician's clearance of a health-check outcome (audited for the patient)."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    try:
        body = ClearanceRequest(
            rule=first(form, "rule"),
            cleared_on=date.fromisoformat(first(form, "clearance_on")),
            scope=first(form, "clearance_scope")[:200],
            note=first(form, "clearance_note")[:1000],
        )
        clearances.record_for_patient(
            storage.unit_of_work(), content, visitor.user, patient_id, body, today()
        )
    except (ValueError, ValidationError):
        return error_page(request, 422, "Choose what you cleared and the date (YYYY-MM-DD).")
    except ServiceError as error:
        return error_page(request, 404 if isinstance(error, NotFound) else 422, error.message)
    return RedirectResponse(f"/clinic/patients/{patient_id}?done=cleared", status_code=303)


def _program_name(content: ContentDep, current: CurrentPlan | None) -> str:
    if current is None:
        return ""
    template = content.programs.get(current.program.program)
    return template.name if template else current.program.program


@router.post("/clinic/patients/{patient_id}/routine")
def assign(
    patient_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    form: FormDep,
) -> Response:
    """Give the patient a copy of one of the clinician's routines."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    try:
        routine_id = forms.record_id(first(form, "routine"), "routine")
    except forms.FieldError as error:
        return error_page(request, 400, error.message)
    try:
        uow = storage.unit_of_work(read_only=True)
        found = routines.get_routine(uow, content, visitor.user.id, routine_id)
        body = RoutineInput(name=found.routine.name, items=list(found.routine.items))
        routines.assign_routine(storage.unit_of_work(), content, visitor.user, patient_id, body)
    except ServiceError as error:
        return error_page(request, 404 if isinstance(error, NotFound) else 403, error.message)
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
        note=first(form, "note"),
    )


@router.post("/clinic/patients/{patient_id}/program")
def adjust(
    patient_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    form: FormDep,
) -> Response:
    """Store the clinician's adjustments; they apply on top of every recomputed plan."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    try:
        edits = read_edits(form)
    except forms.FieldError as error:
        return error_page(request, 400, error.message)
    except ValidationError:
        return error_page(request, 400, BAD_EDITS)
    try:
        programs.edit_program(storage.unit_of_work(), content, visitor.user, patient_id, edits)
    except ServiceError as error:
        return error_page(request, 404 if isinstance(error, NotFound) else 409, error.message)
    return RedirectResponse(f"/clinic/patients/{patient_id}?done=program", status_code=303)
