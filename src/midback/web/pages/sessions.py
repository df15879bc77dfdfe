"""Playing what a person has: today's planned session (or any planned day), and routines."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain.guided import (
    MAX_SESSION_ITEMS,
    items_for_exercises,
    items_for_plan,
    items_for_routine,
)
from midback.domain.library import UnknownExerciseError
from midback.services import programs, routines
from midback.services.errors import NotFound
from midback.services.plans import session_for
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.pages.common import VisitorDep
from midback.web.pages.guards import PageRefused, SignedIn
from midback.web.pages.player import render_player
from midback.web.pages.templating import day_text

router = APIRouter(include_in_schema=False)


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _speed_query(request: Request) -> str:
    """`?speed=N` of this request, to keep on a redirect to the player ("" without one)."""
    speed = request.query_params.get("speed", "")
    return f"?{urlencode({'speed': speed})}" if speed else ""


@router.get("/sessions/today")
def todays_session(
    request: Request, user: SignedIn, storage: StorageDep, content: ContentDep, plans: PlanCacheDep
) -> Response:
    """Today's planned session, or the next one if today is a rest day."""
    uow = storage.unit_of_work(read_only=True)
    try:
        found = programs.today_session(uow, content, plans, user.id, storage.clock.today())
    except NotFound:
        return RedirectResponse("/today", status_code=303)
    if found.session is None:
        return RedirectResponse("/today", status_code=303)
    target = f"/sessions/{found.session.date.isoformat()}"
    return RedirectResponse(target + _speed_query(request), status_code=303)


@router.get("/sessions/{day}")
def planned_session(
    day: str,
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """The session the person's plan has on `day` (YYYY-MM-DD), at the planner's doses."""
    wanted = _day(day)
    uow = storage.unit_of_work(read_only=True)
    try:
        current = programs.require_plan(uow, content, plans, user.id)
    except NotFound:
        return RedirectResponse("/today", status_code=303)
    session = session_for(uow, content, current, user.id, wanted) if wanted else None
    if session is None or session.date != wanted:
        raise PageRefused(404, "There is no session planned on that day.")
    items = items_for_plan(session.items, content.exercises)
    is_today = session.date == storage.clock.today()
    title = "Today's session" if is_today else f"Session of {day_text(session.date)}"
    return render_player(
        request,
        visitor,
        items,
        content.exercises,
        title=title,
        back_url="/today",
        planned=wanted,
        note=current.clinician_note,
    )


@router.get("/routine")
def quick_routine(
    request: Request, visitor: VisitorDep, content: ContentDep, exercises: str = ""
) -> Response:
    """A routine made on the spot (`?exercises=a,b`), at each exercise's own dose."""
    ids = [i.strip() for i in exercises.split(",") if i.strip()]
    if not ids or len(ids) > MAX_SESSION_ITEMS:
        raise PageRefused(400, "Choose from one to 40 exercises for a routine.")
    try:
        chosen = [content.exercises[i] for i in ids]
    except UnknownExerciseError as error:
        raise PageRefused(404, f"{str(error).capitalize()}.") from None
    items = items_for_exercises(chosen)
    back = "/routines" if visitor.user else "/library"
    return render_player(
        request, visitor, items, content.exercises, title="Your routine", back_url=back
    )


@router.get("/routines/{routine_id}/play")
def play_routine(
    routine_id: forms.PathId,
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """One of the person's routines (their own or one their clinician gave them)."""
    found = routines.get_routine(storage.unit_of_work(read_only=True), content, user.id, routine_id)
    items = items_for_routine(found.routine.items, content.exercises)
    if not items:
        raise PageRefused(404, "None of this routine's exercises is in the library now.")
    return render_player(
        request,
        visitor,
        items,
        content.exercises,
        title=found.routine.name,
        back_url=f"/routines/{routine_id}",
        routine_id=routine_id,
    )
