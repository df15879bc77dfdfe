"""Server-rendered pages. Until the web-app issue lands: the library and exercise pages."""

from __future__ import annotations

from itertools import groupby

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from midback.domain.exercise import describe_dose
from midback.domain.library import UnknownExerciseError
from midback.web.deps import LibraryDep, TemplatesDep

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def health() -> dict[str, str]:
    """Liveness probe."""
    return {"status": "ok"}


@router.get("/", response_class=HTMLResponse)
def library_page(request: Request, library: LibraryDep, templates: TemplatesDep) -> HTMLResponse:
    """Every exercise, grouped by the kind of work it does."""
    by_kind = sorted(library.values(), key=lambda e: (e.kind.value, e.level, e.name))
    groups = [(kind, list(items)) for kind, items in groupby(by_kind, key=lambda e: e.kind)]
    return templates.TemplateResponse(
        request, "library.html", {"groups": groups, "count": len(library)}
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(
    exercise_id: str, request: Request, library: LibraryDep, templates: TemplatesDep
) -> HTMLResponse:
    """One exercise: steps, cues, what to avoid, dose and links to easier and harder ones."""
    try:
        exercise = library[exercise_id]
    except UnknownExerciseError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    context = {
        "exercise": exercise,
        "dose": describe_dose(exercise.dose, exercise.per_side),
        "library": library,
    }
    return templates.TemplateResponse(request, "exercise.html", context)
