"""Today, the signed-in home: the session card, the week, the streak, this week's lesson, a nudge
to break up sitting, and, the morning after a session, how the pain is today."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain.guided import items_for_plan, session_seconds
from midback.domain.today import DayState
from midback.services import home, logs, messages, outcomes, pauses
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep, ViewCacheDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.guards import CheckedForm, PageRefused, SignedIn
from midback.web.pages.plan_manage import session_choices

router = APIRouter(include_in_schema=False)

DESK_BREAK = ("seated-rotation-arms-crossed", "seated-chair-extension", "seated-chin-tuck")
"""Two minutes in the chair, offered to people who sit a lot."""


@router.get("/today")
def today_page(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    views: ViewCacheDep,
) -> Response:
    """The person's day: what to do, how the week is going, and what to read."""
    uow = storage.unit_of_work(read_only=True)
    view = home.today_view(uow, content, plans, views, user.id, storage.clock.today())
    session = view.session
    items = items_for_plan(session.items, content.exercises) if session else []
    names = list(dict.fromkeys(item.name for item in items))
    desk_break = [i for i in DESK_BREAK if i in content.exercises]
    check_in = None
    if view.current is not None and not view.referred:
        status = outcomes.cached_status(uow, content, plans, views, user.id, view.day)
        check_in = status.due
    context: dict[str, Any] = {
        "check_in": check_in,
        "view": view,
        "names": names,
        "minutes": session_seconds(items) / 60 if items else 0,
        "states": DayState,
        "desk_break_url": f"/routine?exercises={','.join(desk_break)}" if desk_break else "",
        "noted": request.query_params.get("noted") == "1",
        "paused": pauses.open_pause(uow, user.id) if view.current else None,
        "resumed": request.query_params.get("resumed") == "1",
        "inbox": messages.inbox(uow, user),
        "changed": request.query_params.get("changed", ""),
    }
    if context["paused"] is None and view.current is not None and session is not None:
        choices = session_choices(view.current, view.day)
        context["moves"] = choices.get(session.date)
    return render(request, visitor, "today/index.html", context)


@router.post("/today/pain")
def pain_next_day(user: SignedIn, form: CheckedForm, storage: StorageDep) -> Response:
    """Record how yesterday's session left the back this morning."""
    try:
        log_id = forms.record_id(forms.text(form, "log_id"), "log_id")
        pain = forms.whole_number(forms.text(form, "pain"), "pain", low=0, high=10)
    except forms.FieldError:
        raise PageRefused(400, "Choose how your back feels today, from 0 to 10.") from None
    logs.set_pain_next_day(storage.unit_of_work(), user.id, log_id, pain)
    return RedirectResponse("/today?noted=1", status_code=303)
