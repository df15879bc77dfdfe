"""Settings' "Prepare my data export": a background job builds the file while the page polls
(htmx, every two seconds) and then offers the download; without scripts the status page has a
link to check again."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import export_jobs
from midback.storage.repositories.exports import ExportFile
from midback.web import forms
from midback.web.api_exports import start_export
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.files import file_response
from midback.web.forms import PathId
from midback.web.jobs import JobsDep
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)


def _status(request: Request, visitor: Visitor, found: ExportFile) -> Response:
    context = {"export": found, "progress": export_jobs.PROGRESS.get(found.status, 0)}
    if request.headers.get("hx-request") == "true":
        response = render(request, visitor, "settings/_export.html", context)
    else:
        response = render(request, visitor, "settings/export.html", context)
    response.headers["Vary"] = "HX-Request"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@router.post("/settings/exports")
def prepare(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    jobs: JobsDep,
) -> Response:
    """Start preparing the data file; htmx gets the status to poll, others its page."""
    kind = forms.text(form, "kind") or "midback-export"
    found = start_export(request, storage, jobs, content, cache, user.id, kind)
    if request.headers.get("hx-request") == "true":
        found = export_jobs.export_status(storage.unit_of_work(), user.id, found.id)
        return _status(request, visitor, found)
    return RedirectResponse(f"/settings/exports/{found.id}", status_code=303)


@router.get("/settings/exports/{export_id}")
def status(
    export_id: PathId, request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Where the prepared file stands (not found for anyone else's)."""
    found = export_jobs.export_status(storage.unit_of_work(), user.id, export_id)
    return _status(request, visitor, found)


@router.get("/settings/exports/{export_id}/file")
def download(export_id: PathId, user: SignedIn, storage: StorageDep) -> Response:
    """The prepared file, once ready."""
    found, body = export_jobs.export_body(storage.unit_of_work(), user.id, export_id)
    kind = export_jobs.KINDS[found.kind]
    return file_response(body, kind.media_type, kind.filename)
