"""The health check over the API: the person's verdict by tier, and clearances recorded by the
person (confirmed) or by a linked clinician (audited in the person's trail)."""

from __future__ import annotations

from fastapi import APIRouter

from midback.domain.clearance import ClearanceRecord, ClearanceRequest
from midback.domain.plan import AssessmentReport
from midback.services import clearances
from midback.services.errors import NotFound
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, StorageDep
from midback.web.forms import PathId

router = APIRouter(tags=["health check"], responses=error_responses(401, 404, 422))


@router.get("/api/v1/me/screening", response_model=AssessmentReport)
def screening(user: CurrentUser, storage: StorageDep, content: ContentDep) -> AssessmentReport:
    """Your latest health check: status, tier, each outcome with its reason and next step."""
    report = clearances.screening_report(storage.unit_of_work(read_only=True), content, user.id)
    if report is None:
        raise NotFound("no assessment yet")
    return report


@router.get("/api/v1/me/clearances", response_model=list[ClearanceRecord])
def my_clearances(user: CurrentUser, storage: StorageDep) -> list[ClearanceRecord]:
    """Every clearance recorded for you, oldest first."""
    return clearances.clearances_of(storage.unit_of_work(read_only=True), user.id)


@router.post("/api/v1/me/clearances", status_code=201, response_model=ClearanceRecord)
def clear_myself(
    body: ClearanceRequest, user: CurrentUser, storage: StorageDep, content: ContentDep
) -> ClearanceRecord:
    """Record that a clinician cleared an outcome on a date (`confirm` must be true).

    An emergency outcome can only be cleared by a linked clinician.
    """
    return clearances.record_own(storage.unit_of_work(), content, user, body, storage.clock.today())


@router.post(
    "/api/v1/clinician/patients/{patient_id}/clearances",
    status_code=201,
    response_model=ClearanceRecord,
)
def clear_patient(
    patient_id: PathId,
    body: ClearanceRequest,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
) -> ClearanceRecord:
    """As the patient's linked clinician, record a clearance (date, scope, note)."""
    return clearances.record_for_patient(
        storage.unit_of_work(), content, user, patient_id, body, storage.clock.today()
    )
