"""The exercise library: search and filters, one page per exercise, and its illustration."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from midback.domain.browse import KIND_ORDER, LEVELS, LibraryQuery, find, group_by_kind
from midback.domain.exercise import Exercise, describe_dose
from midback.domain.library import UnknownExerciseError
from midback.domain.profile import Side
from midback.domain.vocabulary import Equipment, Position, Target
from midback.exports.illustration import describe, render_illustration
from midback.services import routines
from midback.web.deps import LibraryDep, StorageDep
from midback.web.pages.common import VisitorDep, render

router = APIRouter(include_in_schema=False)


def _is_partial(request: Request) -> bool:
    """An htmx request for the results only (a history restore needs the whole page)."""
    headers = request.headers
    return headers.get("hx-request") == "true" and not headers.get("hx-history-restore-request")


@router.get("/library")
def library_page(request: Request, visitor: VisitorDep, library: LibraryDep) -> Response:
    """Every exercise, narrowed by search words and filters; htmx swaps in just the results."""
    query = LibraryQuery.parse(request.query_params)
    found = find(library, query)
    context = {
        "query": query,
        "found": found,
        "groups": [] if query.text else group_by_kind(found),
        "total": len(library),
        "choices": {
            "target": list(Target),
            "position": list(Position),
            "equipment": list(Equipment),
            "level": LEVELS,
        },
        "kinds": KIND_ORDER,
    }
    template = "library/results.html" if _is_partial(request) else "library/index.html"
    response = render(request, visitor, template, context)
    response.headers["Vary"] = "HX-Request"
    return response


def _exercise(library: LibraryDep, exercise_id: str) -> Exercise:
    try:
        return library[exercise_id]
    except UnknownExerciseError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None


@router.get("/exercises/{exercise_id}")
def exercise_page(
    exercise_id: str,
    request: Request,
    visitor: VisitorDep,
    library: LibraryDep,
    storage: StorageDep,
) -> Response:
    """One exercise: steps, cues, what to avoid, dose and links to easier and harder ones; for
    someone signed in, a favourite toggle and adding it to a routine."""
    exercise = _exercise(library, exercise_id)
    favourite, own = None, []
    if visitor.user is not None:
        uid = visitor.user.id
        marked = routines.favourites_of(storage.unit_of_work(read_only=True), uid)
        favourite = any(f.exercise == exercise.id for f in marked)
        with_content = request.app.state.content
        views = routines.routines_of(storage.unit_of_work(read_only=True), with_content, uid)
        own = [v.routine for v in views if v.routine.owner_id == uid and not v.routine.shared_with]
    context = {
        "favourite": favourite,
        "my_routines": own,
        "exercise": exercise,
        "dose": describe_dose(exercise.dose, exercise.per_side),
        "seconds": exercise.estimated_seconds(),
        "library": library,
        "illustration": describe(exercise) if exercise.poses else None,
    }
    return render(request, visitor, "library/exercise.html", context)


@router.get("/exercises/{exercise_id}/illustration.svg")
def exercise_illustration(
    exercise_id: str,
    request: Request,
    library: LibraryDep,
    animated: bool = False,
    side: Side = Side.BOTH,
) -> Response:
    """The exercise drawn from its poses; `?animated=1` moves between them; `?side=right` draws
    a per-side exercise for that side (the mirror image when its poses show the other)."""
    exercise = _exercise(library, exercise_id)
    if exercise.poses is None:
        raise HTTPException(status_code=404, detail=f"'{exercise_id}' has no illustration yet")
    svg = _illustration(request, exercise, animated, side if exercise.per_side else Side.BOTH)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"})


def _illustration(request: Request, exercise: Exercise, animated: bool, side: Side) -> str:
    """Render once per app: content does not change while the app runs."""
    cache: dict[tuple[str, bool, Side], str] = getattr(request.app.state, "illustrations", {})
    request.app.state.illustrations = cache
    key = (exercise.id, animated, side)
    if key not in cache:
        cache[key] = render_illustration(exercise, animated=animated, side=side)
    return cache[key]
