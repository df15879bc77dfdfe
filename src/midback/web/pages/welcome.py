"""The welcome page and the health probe."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from midback.domain.guided import items_for_exercises, session_seconds
from midback.exports.illustration import describe
from midback.web.deps import LibraryDep
from midback.web.pages.common import VisitorDep, render

router = APIRouter(include_in_schema=False)

STARTER_SESSION = (
    "seated-rib-breathing",
    "seated-rotation-arms-crossed",
    "seated-chair-extension",
    "seated-lat-side-stretch",
)
"""A short seated sampler for people who have not signed up yet: no floor, no equipment."""

HERO = "wall-angel"
"""The exercise drawn on the welcome page (any illustrated one if it is missing)."""


@router.get("/healthz")
def health() -> dict[str, str]:
    """Liveness probe."""
    return {"status": "ok"}


@router.get("/", response_class=HTMLResponse)
def welcome(request: Request, visitor: VisitorDep, library: LibraryDep) -> Response:
    """What midback is, how it works in three steps, and where to start; signed-in people
    go on to Today, their home."""
    if visitor.user is not None:
        return RedirectResponse("/today", status_code=303)
    starter = [i for i in STARTER_SESSION if i in library]
    seconds = session_seconds(items_for_exercises([library[i] for i in starter]))
    drawn = sorted((e for e in library.values() if e.poses), key=lambda e: e.id != HERO)
    hero = drawn[0] if drawn else None
    context = {
        "exercise_count": len(library),
        "lesson_count": len(request.app.state.content.lessons),
        "starter_url": f"/play?exercises={','.join(starter)}" if starter else "/library",
        "starter_minutes": max(1, round(seconds / 60)),
        "hero": hero,
        "hero_alt": describe(hero, animated=True) if hero else "",
    }
    return render(request, visitor, "welcome/index.html", context)
