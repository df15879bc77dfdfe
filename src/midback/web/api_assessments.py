"""`/api/v1/assessments` and `/api/v1/measurements`: the profile over time, and re-tests."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from midback.domain.training import MeasurementsInput
from midback.services import assessments
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, StorageDep
from midback.web.forms import PathId
from midback.web.training_schemas import AssessmentOut, MeasurementOut

router = APIRouter(prefix="/api/v1", tags=["assessments"], responses=error_responses(401, 404))

_PROFILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}},
    }
}


@router.post(
    "/assessments", status_code=201, response_model=AssessmentOut, openapi_extra=_PROFILE_BODY
)
def save_assessment(
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    data: Any = Body(...),  # noqa: B008  (validated by the intake, every problem listed)
) -> AssessmentOut:
    """Save your profile (see docs/examples/profile.json); 422 lists every problem by field."""
    record = assessments.save_assessment(
        storage.unit_of_work(), content, user.id, data, recorded_by=user.id
    )
    return AssessmentOut.of(record)


@router.get("/assessments", response_model=list[AssessmentOut])
def list_assessments(user: CurrentUser, storage: StorageDep) -> list[AssessmentOut]:
    """Your assessments, oldest first (the newest one drives your plan)."""
    found = assessments.assessments_of(storage.unit_of_work(read_only=True), user.id)
    return [AssessmentOut.of(a) for a in found]


@router.get("/assessments/{assessment_id}", response_model=AssessmentOut)
def get_assessment(assessment_id: PathId, user: CurrentUser, storage: StorageDep) -> AssessmentOut:
    """One of your assessments."""
    uow = storage.unit_of_work(read_only=True)
    return AssessmentOut.of(assessments.get_assessment(uow, user.id, assessment_id))


@router.post("/measurements", status_code=201, response_model=list[MeasurementOut])
def add_measurements(
    body: MeasurementsInput, user: CurrentUser, storage: StorageDep, content: ContentDep
) -> list[MeasurementOut]:
    """Record a re-test; measurements after your latest assessment steer the plan."""
    records = assessments.add_measurements(
        storage.unit_of_work(), content, user.id, body, recorded_by=user.id
    )
    return [MeasurementOut.of(m) for m in records]


@router.get("/measurements", response_model=list[MeasurementOut])
def list_measurements(user: CurrentUser, storage: StorageDep) -> list[MeasurementOut]:
    """All your measurements in time order (those of assessments included)."""
    found = assessments.measurements_of(storage.unit_of_work(read_only=True), user.id)
    return [MeasurementOut.of(m) for m in found]
