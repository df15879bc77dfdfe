"""`GET /api/v1/me/export`: everything stored about you, as one JSON document."""

from __future__ import annotations

from fastapi import APIRouter

from midback.services import data_export, routines
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, StorageDep
from midback.web.progress_schemas import ExportOut

router = APIRouter(prefix="/api/v1/me", tags=["me"], responses=error_responses(401))


@router.get("/export", response_model=ExportOut)
def export(user: CurrentUser, storage: StorageDep, content: ContentDep) -> ExportOut:
    """Your account, assessments, measurements, programs, routines, logs, favourites, clinician
    links and audit trail (DELETE /api/v1/me erases all of it)."""
    data = data_export.export_person(storage.unit_of_work(read_only=True), user)
    return ExportOut.of(data, [routines.view(content, r) for r in data.routines])
