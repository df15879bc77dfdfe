"""A history a person can fix: past sessions newest first, a page at a time; correcting a pain
rating; deleting a mistaken log after a confirm step. Every change goes through
services.log_edits, which moves the plan on and writes the audit trail."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import log_edits, logs
from midback.web import forms
from midback.web.deps import StorageDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.guards import CheckedForm, PageRefused, SignedIn

router = APIRouter(include_in_schema=False)

MAX_PAGE = 10_000
BAD_PAIN = "Choose a pain rating from 0 to 10, or leave it empty."


@router.get("/history")
def history_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep, page: str = "1"
) -> Response:
    """The person's sessions, newest first, with a way to fix each."""
    try:
        number = forms.whole_number(page, "page", low=1, high=MAX_PAGE)
    except forms.FieldError:
        raise PageRefused(400, f"Choose a page from 1 to {MAX_PAGE}.") from None
    found = log_edits.history(storage.unit_of_work(read_only=True), user.id, number)
    context = {"history": found, "notice": request.query_params.get("done", "")}
    return render(request, visitor, "history/index.html", context)


@router.get("/history/{log_id}")
def log_page(
    log_id: forms.PathId, request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """One logged session, with its pain ratings to correct and a way to delete it."""
    log = logs.get_log(storage.unit_of_work(read_only=True), user.id, log_id)
    return render(request, visitor, "history/log.html", {"log": log, "errors": {}})


@router.post("/history/{log_id}/pain")
def correct_pain(
    log_id: forms.PathId, user: SignedIn, form: CheckedForm, storage: StorageDep
) -> Response:
    """Correct the pain during the session and the next morning."""
    try:
        during = forms.optional_whole_number(
            forms.text(form, "pain_during"), "pain_during", low=0, high=10
        )
        next_day = forms.optional_whole_number(
            forms.text(form, "pain_next_day"), "pain_next_day", low=0, high=10
        )
    except forms.FieldError:
        raise PageRefused(400, BAD_PAIN) from None
    log_edits.correct_pain(storage.unit_of_work(), user, log_id, during=during, next_day=next_day)
    return RedirectResponse("/history?done=corrected", status_code=303)


@router.get("/history/{log_id}/delete")
def confirm_delete(
    log_id: forms.PathId, request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Ask before deleting a log: it cannot be brought back."""
    log = logs.get_log(storage.unit_of_work(read_only=True), user.id, log_id)
    return render(request, visitor, "history/delete.html", {"log": log})


@router.post("/history/{log_id}/delete")
def delete_log(
    log_id: forms.PathId, user: SignedIn, form: CheckedForm, storage: StorageDep
) -> Response:
    """Delete a mistaken log; the plan is recomputed without it."""
    log_edits.delete_log(storage.unit_of_work(), user, log_id)
    return RedirectResponse("/history?done=deleted", status_code=303)
