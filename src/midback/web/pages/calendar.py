"""The calendar feed in settings: see it, make a new secret address, turn it off (CSRF-checked).

The address is shown once, in the answer to the form that made it, because only its hash is
kept. `templates/settings/_calendar.html` is the block the settings page includes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import calendar_feed
from midback.services.errors import InvalidInput
from midback.web import forms
from midback.web.deps import StorageDep
from midback.web.files import public_base
from midback.web.pages.common import Visitor, VisitorDep, csrf_ok, render, safe_next
from midback.web.pages.errors import error_page
from midback.web.pages.member import to_login

router = APIRouter(include_in_schema=False)
FormText = Annotated[str, Form(max_length=200)]
PAGE = "settings/calendar.html"


def _page(
    request: Request, visitor: Visitor, storage: StorageDep, *, status: int = 200, **extra: object
) -> Response:
    assert visitor.user is not None
    found = calendar_feed.feed_status(storage.unit_of_work(read_only=True), visitor.user.id)
    return render(request, visitor, PAGE, {"calendar": found, **extra}, status_code=status)


@router.get("/settings/calendar")
def calendar_page(request: Request, visitor: VisitorDep, storage: StorageDep) -> Response:
    """The calendar feed: on or off, and its preferences."""
    if visitor.user is None:
        return to_login(request)
    return _page(request, visitor, storage)


@router.post("/settings/calendar")
def regenerate(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    csrf_token: FormText = "",
    time: FormText = "",
    time_zone: FormText = "",
    breaks: FormText = "",
) -> Response:
    """Make a new secret address with these preferences and show it, once."""
    if visitor.user is None:
        return to_login(request)
    if not csrf_ok(request, visitor, csrf_token):
        return error_page(request, 403)
    typed = {"time": time, "time_zone": time_zone, "breaks": breaks}  # shown again on errors
    try:
        session_time = forms.clock_time(time, "time")
    except forms.FieldError as error:
        errors = {"time": error.message}
        return _page(
            request, visitor, storage, status=422, calendar_errors=errors, calendar_values=typed
        )
    try:
        url, _ = calendar_feed.regenerate_feed(
            storage.unit_of_work(),
            visitor.user.id,
            base_url=public_base(request),
            session_time=session_time,
            time_zone=time_zone.strip() or "UTC",
            breaks=bool(breaks),
        )
    except InvalidInput as error:
        errors = {"time_zone": f"{error.message.capitalize()}: try a name like Europe/London."}
        return _page(
            request, visitor, storage, status=422, calendar_errors=errors, calendar_values=typed
        )
    return _page(request, visitor, storage, calendar_url=url)


@router.post("/settings/calendar/revoke")
def revoke(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    csrf_token: FormText = "",
    next: FormText = "",
) -> Response:
    """Turn the feed off at once; back to where the form was."""
    if visitor.user is None:
        return to_login(request)
    if not csrf_ok(request, visitor, csrf_token):
        return error_page(request, 403)
    calendar_feed.revoke_feed(storage.unit_of_work(), visitor.user.id)
    return RedirectResponse(safe_next(next, "/settings/calendar"), status_code=303)
