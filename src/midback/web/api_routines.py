"""`/api/v1/routines`: build your own routines; see the ones your clinician assigned."""

from __future__ import annotations

from fastapi import APIRouter, Response

from midback.domain.training import RoutineInput
from midback.services import routines
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, StorageDep
from midback.web.forms import PathId
from midback.web.training_schemas import RoutineOut

router = APIRouter(
    prefix="/api/v1/routines", tags=["routines"], responses=error_responses(401, 403, 404)
)


@router.post("", status_code=201, response_model=RoutineOut)
def create(
    body: RoutineInput, user: CurrentUser, storage: StorageDep, content: ContentDep
) -> RoutineOut:
    """Create a routine: exercises in order, each with sets, reps, hold, rest and side."""
    return RoutineOut.of(routines.create_routine(storage.unit_of_work(), content, user.id, body))


@router.get("", response_model=list[RoutineOut])
def list_routines(user: CurrentUser, storage: StorageDep, content: ContentDep) -> list[RoutineOut]:
    """Your routines and those your clinician assigned you."""
    uow = storage.unit_of_work(read_only=True)
    return [RoutineOut.of(r) for r in routines.routines_of(uow, content, user.id)]


@router.get("/{routine_id}", response_model=RoutineOut)
def get(
    routine_id: PathId, user: CurrentUser, storage: StorageDep, content: ContentDep
) -> RoutineOut:
    """One routine."""
    uow = storage.unit_of_work(read_only=True)
    return RoutineOut.of(routines.get_routine(uow, content, user.id, routine_id))


@router.put("/{routine_id}", response_model=RoutineOut)
def replace(
    routine_id: PathId,
    body: RoutineInput,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
) -> RoutineOut:
    """Rename a routine and replace its items (403 for one your clinician assigned)."""
    view = routines.update_routine(storage.unit_of_work(), content, user.id, routine_id, body)
    return RoutineOut.of(view)


@router.delete("/{routine_id}", status_code=204, response_class=Response)
def delete(routine_id: PathId, user: CurrentUser, storage: StorageDep) -> Response:
    """Delete a routine you own; logs of it stay."""
    routines.delete_routine(storage.unit_of_work(), user.id, routine_id)
    return Response(status_code=204)
