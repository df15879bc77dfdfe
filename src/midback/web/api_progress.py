"""`/api/v1/progress` and `/api/v1/favourites`."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Response

from midback.domain.exercise import EXERCISE_ID_PATTERN
from midback.domain.profile import Day
from midback.services import progress, routines
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, PlanCacheDep, StorageDep
from midback.web.progress_schemas import ProgressOut
from midback.web.training_schemas import FavouriteOut

router = APIRouter(prefix="/api/v1", tags=["progress"], responses=error_responses(401, 404))
ExerciseIdPath = Path(max_length=64, pattern=EXERCISE_ID_PATTERN, description="An exercise id.")


@router.get("/progress", response_model=ProgressOut)
def get_progress(
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    on: Day | None = Query(default=None, description="Your today (YYYY-MM-DD), if not UTC's."),
) -> ProgressOut:
    """Measurements against their references and MDC, adherence, streak and pain trend."""
    report = progress.progress_of(
        storage.unit_of_work(read_only=True), content, cache, user.id, on or storage.clock.today()
    )
    return ProgressOut.of(report)


@router.get("/favourites", response_model=list[FavouriteOut])
def list_favourites(user: CurrentUser, storage: StorageDep) -> list[FavouriteOut]:
    """Your favourite exercises."""
    found = routines.favourites_of(storage.unit_of_work(read_only=True), user.id)
    return [FavouriteOut.of(f) for f in found]


@router.put("/favourites/{exercise_id}", status_code=204, response_class=Response)
def add_favourite(
    user: CurrentUser, storage: StorageDep, content: ContentDep, exercise_id: str = ExerciseIdPath
) -> Response:
    """Mark an exercise as a favourite (doing it twice is fine)."""
    routines.add_favourite(storage.unit_of_work(), content, user.id, exercise_id)
    return Response(status_code=204)


@router.delete("/favourites/{exercise_id}", status_code=204, response_class=Response)
def remove_favourite(
    user: CurrentUser, storage: StorageDep, exercise_id: str = ExerciseIdPath
) -> Response:
    """Unmark a favourite."""
    routines.remove_favourite(storage.unit_of_work(), user.id, exercise_id)
    return Response(status_code=204)
