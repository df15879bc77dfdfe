"""Prepared exports: ask for your data file, watch it being built by a background job, download
it. The synchronous downloads (GET /api/v1/me/export.json, /me/fhir, ...) stay as they are; this
form is the one to use for a long history, as nothing heavy runs inside the request."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Request, Response
from pydantic import BaseModel, Field

from midback.content.loader import Content
from midback.jobs.runner import Jobs, NoJobs
from midback.services import export_jobs
from midback.services.plans import PlanCache
from midback.storage.repositories.exports import ExportFile
from midback.storage.uow import Storage
from midback.web.accounts_schemas import error_responses
from midback.web.api_files import EXPORT_SCHEMA, FHIR_SCHEMA
from midback.web.deps import ContentDep, CurrentUser, PlanCacheDep, StorageDep
from midback.web.files import file_response, public_base
from midback.web.forms import PathId
from midback.web.jobs import JobsDep

router = APIRouter(prefix="/api/v1/me", tags=["files"], responses=error_responses(401, 404))
ExportKind = Literal["midback-export", "fhir", "handout"]


class ExportIn(BaseModel):
    """Which file to prepare."""

    kind: ExportKind = Field(
        description="midback-export (the JSON document of /me/export.json) or fhir (a FHIR "
        "R4B Bundle, as /me/fhir gives it) or handout (this week of your plan as an A4 PDF, as "
        "/programs/current/handout.pdf gives it)."
    )


class ExportJobOut(BaseModel):
    """A prepared export's state; `file_url` is set once it is ready."""

    id: int
    kind: str
    status: Literal["queued", "running", "ready", "failed"]
    progress: int = Field(ge=0, le=100, description="Percent done (100 when ready or failed).")
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime = Field(description="The file is deleted after this instant.")
    size: int = Field(description="Bytes in the file (0 until ready).")
    status_url: str
    file_url: str | None

    @classmethod
    def of(cls, found: ExportFile) -> ExportJobOut:
        """The API view of a stored export."""
        status_url = f"/api/v1/me/exports/{found.id}"
        return cls(
            id=found.id,
            kind=found.kind,
            status=found.status,
            progress=export_jobs.PROGRESS.get(found.status, 0),
            created_at=found.created_at,
            finished_at=found.finished_at,
            expires_at=found.expires_at,
            size=found.size,
            status_url=status_url,
            file_url=f"{status_url}/file" if found.status == "ready" else None,
        )


def start_export(
    request: Request,
    storage: Storage,
    jobs: Jobs,
    content: Content,
    cache: PlanCache,
    user_id: int,
    kind: str,
) -> ExportFile:
    """Record the export and hand its building to the jobs (built here only when background
    jobs are turned off, MIDBACK_JOBS=off, so it still gets made)."""
    found = export_jobs.request_export(storage.unit_of_work(), user_id, kind)
    if isinstance(jobs, NoJobs):
        base_url = public_base(request)
        export_jobs.build_export(storage, content, cache, found.id, base_url=base_url)
    else:
        jobs.defer("build_export", export_id=found.id)
    return found


@router.post(
    "/exports", status_code=202, response_model=ExportJobOut, responses=error_responses(422)
)
def prepare_export(
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    jobs: JobsDep,
    response: Response,
    http: Request,
    request: Annotated[ExportIn, Body()],
) -> ExportJobOut:
    """Start preparing your data file in the background (202); poll `status_url` until it is
    ready, then download `file_url`. Files are kept for 24 hours."""
    found = start_export(http, storage, jobs, content, cache, user.id, request.kind)
    out = ExportJobOut.of(export_jobs.export_status(storage.unit_of_work(), user.id, found.id))
    response.headers["Location"] = out.status_url
    return out


@router.get("/exports/{export_id}", response_model=ExportJobOut)
def export_state(export_id: PathId, user: CurrentUser, storage: StorageDep) -> ExportJobOut:
    """Where your prepared export stands (404 for an id that is not yours or has expired)."""
    return ExportJobOut.of(export_jobs.export_status(storage.unit_of_work(), user.id, export_id))


@router.get(
    "/exports/{export_id}/file",
    response_class=Response,
    responses={
        200: {
            "description": "The prepared file: a midback-export document or a FHIR Bundle.",
            "content": {
                "application/json": {"schema": EXPORT_SCHEMA},
                "application/fhir+json": {"schema": FHIR_SCHEMA},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **error_responses(409),
    },
)
def export_file(export_id: PathId, user: CurrentUser, storage: StorageDep) -> Response:
    """Download your prepared export once ready (409 while it is being prepared or failed)."""
    found, body = export_jobs.export_body(storage.unit_of_work(), user.id, export_id)
    kind = export_jobs.KINDS[found.kind]
    return file_response(body, kind.media_type, kind.filename)
