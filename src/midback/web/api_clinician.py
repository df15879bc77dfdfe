"""`/api/v1/clinician`: invite codes and linked patients (clinicians only; every read audited).

A patient who is not linked to you, or no longer is, gets the same 404 as one who does not exist.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from midback.domain.training import MeasurementsInput, ProgramEdits, RoutineInput
from midback.services import assessments, clinic, desk, programs, progress, routines, sharing
from midback.web.accounts_schemas import InviteOut, error_responses
from midback.web.deps import (
    ContentDep,
    CurrentUser,
    PlanCacheDep,
    SecurityDep,
    StorageDep,
    require_clinician,
)
from midback.web.forms import PathId
from midback.web.progress_schemas import PatientDetailOut, PatientSummaryOut, ProgressOut
from midback.web.training_schemas import LogOut, MeasurementOut, ProgramOut, RoutineOut

router = APIRouter(
    prefix="/api/v1/clinician",
    tags=["clinician"],
    responses=error_responses(401, 403, 404, 409),
    dependencies=[Depends(require_clinician)],
)


@router.post("/invites", status_code=201, response_model=InviteOut)
def create_invite(user: CurrentUser, storage: StorageDep, security: SecurityDep) -> InviteOut:
    """A single-use code a patient redeems to link with you (expires after 7 days by default)."""
    code, invite = sharing.create_invite(storage.unit_of_work(), security, user)
    return InviteOut(code=code, expires_at=invite.expires_at)


@router.get("/patients", response_model=list[PatientSummaryOut])
def list_patients(
    user: CurrentUser, storage: StorageDep, content: ContentDep, cache: PlanCacheDep
) -> list[PatientSummaryOut]:
    """Your linked patients: last session, adherence, last pain and flags."""
    found = desk.patient_desk(storage.unit_of_work(), content, cache, user, storage.clock.today())
    return [PatientSummaryOut.of(s) for s in found]


@router.get("/patients/{patient_id}", response_model=PatientDetailOut)
def get_patient(
    patient_id: PathId,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
) -> PatientDetailOut:
    """One linked patient: summary, latest assessment, program and next session."""
    detail = clinic.patient_detail(
        storage.unit_of_work(), content, cache, user, patient_id, storage.clock.today()
    )
    return PatientDetailOut.of_detail(detail)


@router.get("/patients/{patient_id}/logs", response_model=list[LogOut])
def patient_logs(patient_id: PathId, user: CurrentUser, storage: StorageDep) -> list[LogOut]:
    """The patient's session logs, newest first."""
    uow = storage.unit_of_work()
    sharing.open_patient(uow, user, patient_id, action="clinician.read", detail="session logs")
    return [LogOut.of(g) for g in clinic.patient_logs(uow, patient_id)]


@router.get("/patients/{patient_id}/measurements", response_model=list[MeasurementOut])
def patient_measurements(
    patient_id: PathId, user: CurrentUser, storage: StorageDep
) -> list[MeasurementOut]:
    """The patient's measurements in time order."""
    uow = storage.unit_of_work()
    sharing.open_patient(uow, user, patient_id, action="clinician.read", detail="measurements")
    return [MeasurementOut.of(m) for m in assessments.measurements_of(uow, patient_id)]


@router.post(
    "/patients/{patient_id}/measurements", status_code=201, response_model=list[MeasurementOut]
)
def add_patient_measurements(
    patient_id: PathId,
    body: MeasurementsInput,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
) -> list[MeasurementOut]:
    """Record measurements you took of the patient (you are noted as who recorded them)."""
    uow = storage.unit_of_work()
    sharing.open_patient(uow, user, patient_id, action="clinician.add_measurements")
    records = assessments.add_measurements(uow, content, patient_id, body, recorded_by=user.id)
    return [MeasurementOut.of(m) for m in records]


@router.get("/patients/{patient_id}/progress", response_model=ProgressOut)
def patient_progress(
    patient_id: PathId,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
) -> ProgressOut:
    """The patient's progress, as they see it."""
    uow = storage.unit_of_work()
    sharing.open_patient(uow, user, patient_id, action="clinician.read", detail="progress")
    return ProgressOut.of(
        progress.progress_of(uow, content, cache, patient_id, storage.clock.today())
    )


@router.post("/patients/{patient_id}/routines", status_code=201, response_model=RoutineOut)
def assign_routine(
    patient_id: PathId,
    body: RoutineInput,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
) -> RoutineOut:
    """Give the patient a routine; it shows in their routines, and you can still change it."""
    view = routines.assign_routine(storage.unit_of_work(), content, user, patient_id, body)
    return RoutineOut.of(view)


@router.put("/patients/{patient_id}/program", response_model=ProgramOut)
def edit_program(
    patient_id: PathId,
    body: ProgramEdits,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
) -> ProgramOut:
    """Adjust the patient's current program: leave out, swap or re-dose exercises, add a note.

    The edits replace earlier ones and apply on top of every recomputed plan.
    """
    record = programs.edit_program(storage.unit_of_work(), content, user, patient_id, body)
    return ProgramOut.of(record)
