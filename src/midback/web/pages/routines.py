"""Routines: the person's own, those their clinician gave them, and those a clinician gave their
patients; one routine to edit (or just read, when a clinician made it), delete or share."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain import routine_draft as drafts
from midback.domain.training import RoutineInput
from midback.services import routines, sharing
from midback.services.errors import InvalidInput
from midback.web import forms
from midback.web.deps import ContentDep, StorageDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.guards import CheckedForm, PageRefused, SignedIn, is_clinician
from midback.web.pages.routine_builder import builder_page, edit

router = APIRouter(include_in_schema=False)


@router.get("/routines")
def routines_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep, content: ContentDep
) -> Response:
    """Every routine the person has, with its time, and favourites to build one from."""
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
    user: SignedIn, form: CheckedForm, storage: StorageDep, content: ContentDep
) -> Response:
    """From an exercise page: into a new routine's builder, or onto the end of a saved one."""
    exercise = content.exercises.get(forms.text(form, "exercise"))
    target = forms.text(form, "routine")
    if exercise is None:
        raise PageRefused(404)
    if target.strip() in ("", "new"):
        return RedirectResponse(f"/routines/new?add={exercise.id}", status_code=303)
    routine_id = forms.record_id(target, "routine")
    found = routines.get_routine(storage.unit_of_work(read_only=True), content, user.id, routine_id)
    if len(found.routine.items) >= drafts.MAX_ROWS:
        raise InvalidInput(f"a routine holds at most {drafts.MAX_ROWS} exercises")
    draft = drafts.add(drafts.from_routine(found.routine), [exercise])
    body, _ = drafts.to_input(draft, content.exercises)
    if body is None:
        raise InvalidInput("this routine cannot be changed here; open it to fix it")
    routines.update_routine(storage.unit_of_work(), content, user.id, routine_id, body)
    return RedirectResponse(f"/routines/{routine_id}?added={exercise.id}", status_code=303)


@router.get("/routines/{routine_id}")
def routine_page(
    routine_id: forms.PathId,
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """The builder for a routine the person owns; a read-only view of one they were given."""
    found = routines.get_routine(storage.unit_of_work(read_only=True), content, user.id, routine_id)
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
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Edit the routine's draft, or save it."""
    return edit(request, visitor, user, storage, content, form, routine_id)


@router.post("/routines/{routine_id}/delete")
def delete(
    routine_id: forms.PathId, user: SignedIn, _csrf: CheckedForm, storage: StorageDep
) -> Response:
    """Delete a routine the person made (sessions logged with it stay in the history)."""
    routines.delete_routine(storage.unit_of_work(), user.id, routine_id)
    return RedirectResponse("/routines?deleted=1", status_code=303)


@router.post("/routines/{routine_id}/share")
def share(
    routine_id: forms.PathId,
    user: SignedIn,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """A clinician gives a linked patient a copy of this routine."""
    patient = forms.record_id(forms.text(form, "patient"), "patient")
    found = routines.get_routine(storage.unit_of_work(read_only=True), content, user.id, routine_id)
    body = RoutineInput(name=found.routine.name, items=list(found.routine.items))
    routines.assign_routine(storage.unit_of_work(), content, user, patient, body)
    return RedirectResponse(f"/routines/{routine_id}?shared=1", status_code=303)
