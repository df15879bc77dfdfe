"""Routines: the person's own, those their clinician gave them, and those a clinician gave their
patients; one routine to edit (or just read, when a clinician made it), delete or share."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain import routine_draft as drafts
from midback.domain.training import RoutineInput
from midback.services import routines, sharing
from midback.services.errors import Forbidden, InvalidInput, NotFound, ServiceError
from midback.web import forms
from midback.web.deps import StorageDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.errors import error_page
from midback.web.pages.member import (
    ContentDep,
    FormDep,
    first,
    is_clinician,
    refused,
    to_login,
)
from midback.web.pages.routine_builder import builder_page, edit

router = APIRouter(include_in_schema=False)


@router.get("/routines")
def routines_page(
    request: Request, visitor: VisitorDep, storage: StorageDep, content: ContentDep
) -> Response:
    """Every routine the person has, with its time, and favourites to build one from."""
    if visitor.user is None:
        return to_login(request)
    user = visitor.user
    views = routines.routines_of(storage.unit_of_work(read_only=True), content, user.id)
    favourites = routines.favourites_of(storage.unit_of_work(read_only=True), user.id)
    patients = {}
    if is_clinician(user):
        links = sharing.patients_of(storage.unit_of_work(read_only=True), user)
        patients = {link.patient_id: link.patient_shown for link in links}
    context = {
        "own": [v for v in views if v.routine.owner_id == user.id and not v.routine.shared_with],
        "given": [v for v in views if v.routine.shared_with == user.id],
        "shared": [v for v in views if v.routine.owner_id == user.id and v.routine.shared_with],
        "patients": patients,
        "favourites": [
            content.exercises[f.exercise] for f in favourites if f.exercise in content.exercises
        ],  # fmt: skip
        "deleted": request.query_params.get("deleted") == "1",
    }
    return render(request, visitor, "routines/index.html", context)


@router.post("/routines/add")
def add_exercise(
    request: Request, visitor: VisitorDep, storage: StorageDep, content: ContentDep, form: FormDep
) -> Response:
    """From an exercise page: into a new routine's builder, or onto the end of a saved one."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    exercise = content.exercises.get(first(form, "exercise"))
    target = first(form, "routine")
    if exercise is None:
        return error_page(request, 404)
    if target.strip() in ("", "new"):
        return RedirectResponse(f"/routines/new?add={exercise.id}", status_code=303)
    try:
        routine_id = forms.record_id(target, "routine")
    except forms.FieldError as error:
        return error_page(request, 400, error.message)
    uow = storage.unit_of_work(read_only=True)
    try:
        found = routines.get_routine(uow, content, visitor.user.id, routine_id)
        if len(found.routine.items) >= drafts.MAX_ROWS:
            raise InvalidInput(f"a routine holds at most {drafts.MAX_ROWS} exercises")
        draft = drafts.add(drafts.from_routine(found.routine), [exercise])
        body, _ = drafts.to_input(draft, content.exercises)
        if body is None:
            raise InvalidInput("this routine cannot be changed here; open it to fix it")
        routines.update_routine(storage.unit_of_work(), content, visitor.user.id, routine_id, body)
    except ServiceError as error:
        status = {NotFound: 404, InvalidInput: 422}.get(type(error), 403)
        return error_page(request, status, f"{error.message.capitalize()}.")
    return RedirectResponse(f"/routines/{routine_id}?added={exercise.id}", status_code=303)


@router.get("/routines/{routine_id}")
def routine_page(
    routine_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """The builder for a routine the person owns; a read-only view of one they were given."""
    if visitor.user is None:
        return to_login(request)
    user = visitor.user
    try:
        uow = storage.unit_of_work(read_only=True)
        found = routines.get_routine(uow, content, user.id, routine_id)
    except NotFound:
        return error_page(request, 404)
    routine = found.routine
    if routine.owner_id != user.id:
        context = {"view": found, "library": content.exercises}
        return render(request, visitor, "routines/given.html", context)
    links = []
    if is_clinician(user) and routine.shared_with is None:
        links = sharing.patients_of(storage.unit_of_work(read_only=True), user)
    draft = drafts.from_routine(routine)
    return builder_page(request, visitor, content, draft, routine_id=routine_id, patients=links)


@router.post("/routines/{routine_id}")
def update(
    routine_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    form: FormDep,
) -> Response:
    """Edit the routine's draft, or save it."""
    problem = refused(request, visitor, form)
    if problem is not None:
        return problem
    return edit(request, visitor, storage, content, form, routine_id)


@router.post("/routines/{routine_id}/delete")
def delete(
    routine_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    form: FormDep,
) -> Response:
    """Delete a routine the person made (sessions logged with it stay in the history)."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    try:
        routines.delete_routine(storage.unit_of_work(), visitor.user.id, routine_id)
    except (NotFound, Forbidden) as error:
        return error_page(request, 404 if isinstance(error, NotFound) else 403, error.message)
    return RedirectResponse("/routines?deleted=1", status_code=303)


@router.post("/routines/{routine_id}/share")
def share(
    routine_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    form: FormDep,
) -> Response:
    """A clinician gives a linked patient a copy of this routine."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    try:
        patient = forms.record_id(first(form, "patient"), "patient")
    except forms.FieldError as error:
        return error_page(request, 400, error.message)
    try:
        uow = storage.unit_of_work(read_only=True)
        found = routines.get_routine(uow, content, visitor.user.id, routine_id)
        body = RoutineInput(name=found.routine.name, items=list(found.routine.items))
        routines.assign_routine(storage.unit_of_work(), content, visitor.user, patient, body)
    except ServiceError as error:
        return error_page(request, 404 if isinstance(error, NotFound) else 403, error.message)
    return RedirectResponse(f"/routines/{routine_id}?shared=1", status_code=303)
