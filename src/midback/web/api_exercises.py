"""JSON API for the exercise library: `/api/v1/exercises`."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from midback.domain.exercise import Exercise
from midback.domain.library import UnknownExerciseError
from midback.domain.vocabulary import Equipment, Position, Target
from midback.web.accounts_schemas import error_responses
from midback.web.deps import LibraryDep

router = APIRouter(prefix="/api/v1/exercises", tags=["exercises"])


@router.get("", response_model=list[Exercise])
def list_exercises(
    library: LibraryDep,
    target: Target | None = None,
    position: Position | None = None,
    equipment: Equipment | None = None,
    level: int | None = Query(default=None, ge=1, le=3),
    q: str | None = Query(default=None, max_length=200, description="Words to search for."),
) -> list[Exercise]:
    """Exercises matching every given filter (and search words, if any)."""
    found = library.filter(target=target, position=position, uses=equipment, level=level)
    if q:
        matching = {e.id for e in library.search(q)}
        found = [e for e in found if e.id in matching]
    return found


@router.get("/{exercise_id}", response_model=Exercise, responses=error_responses(404))
def get_exercise(exercise_id: str, library: LibraryDep) -> Exercise:
    """One exercise by id."""
    try:
        return library[exercise_id]
    except UnknownExerciseError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
