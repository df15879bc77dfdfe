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
from midback.web import forms
from midback.web.deps import StorageDep
from midback.web.pages.common import VisitorDep
from midback.web.pages.errors import error_page
from midback.web.pages.member import ContentDep, PlansDep, to_login, today
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
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlansDep,
) -> Response:
    """Today's planned session, or the next one if today is a rest day."""
    if visitor.user is None:
        return to_login(request)
    uow = storage.unit_of_work(read_only=True)
    try:
        found = programs.today_session(uow, content, plans, visitor.user.id, today())
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
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlansDep,
) -> Response:
    """The session the person's plan has on `day` (YYYY-MM-DD), at the planner's doses."""
    if visitor.user is None:
        return to_login(request)
    wanted = _day(day)
    uow = storage.unit_of_work(read_only=True)
    try:
        current = programs.require_plan(uow, content, plans, visitor.user.id)
    except NotFound:
        return RedirectResponse("/today", status_code=303)
    session = current.session_on_or_after(wanted) if wanted else None
    if session is None or session.date != wanted:
        return error_page(request, 404, "There is no session planned on that day.")
    items = items_for_plan(session.items, content.exercises)
    title = "Today's session" if session.date == today() else f"Session of {day_text(session.date)}"
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
        return error_page(request, 400, "Choose from one to 40 exercises for a routine.")
    try:
        chosen = [content.exercises[i] for i in ids]
    except UnknownExerciseError as error:
        return error_page(request, 404, f"{str(error).capitalize()}.")
    items = items_for_exercises(chosen)
    back = "/routines" if visitor.user else "/library"
    return render_player(
        request, visitor, items, content.exercises, title="Your routine", back_url=back
    )


@router.get("/routines/{routine_id}/play")
def play_routine(
    routine_id: forms.PathId,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """One of the person's routines (their own or one their clinician gave them)."""
    if visitor.user is None:
        return to_login(request)
    uow = storage.unit_of_work(read_only=True)
    try:
        found = routines.get_routine(uow, content, visitor.user.id, routine_id)
    except NotFound:
        return error_page(request, 404)
    items = items_for_routine(found.routine.items, content.exercises)
    if not items:
        return error_page(request, 404, "None of this routine's exercises is in the library now.")
    return render_player(
        request,
        visitor,
        items,
        content.exercises,
        title=found.routine.name,
        back_url=f"/routines/{routine_id}",
        routine_id=routine_id,
    )
