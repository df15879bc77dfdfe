"""The calendar feed in settings: see it, make a new secret address, turn it off (CSRF-checked).

The address is shown once, in the answer to the form that made it, because only its hash is
kept. `templates/settings/_calendar.html` is the block the settings page includes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain.accounts import User
from midback.services import calendar_feed
from midback.services.errors import InvalidInput
from midback.storage.uow import Storage
from midback.web import forms
from midback.web.deps import ShortFormText, StorageDep
from midback.web.files import public_base
from midback.web.pages.common import Visitor, VisitorDep, render, safe_next
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)
PAGE = "settings/calendar.html"


def _page(
    request: Request,
    visitor: Visitor,
    user: User,
    storage: Storage,
    *,
    status: int = 200,
    **extra: object,
) -> Response:
    found = calendar_feed.feed_status(storage.unit_of_work(read_only=True), user.id)
    return render(request, visitor, PAGE, {"calendar": found, **extra}, status_code=status)


@router.get("/settings/calendar")
def calendar_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """The calendar feed: on or off, and its preferences."""
    return _page(request, visitor, user, storage)


@router.post("/settings/calendar")
def regenerate(
    request: Request,
    user: SignedIn,
    _csrf: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    time: ShortFormText = "",
    time_zone: ShortFormText = "",
    breaks: ShortFormText = "",
) -> Response:
    """Make a new secret address with these preferences and show it, once."""
    typed = {"time": time, "time_zone": time_zone, "breaks": breaks}  # shown again on errors

    def refused(field: str, message: str) -> Response:
        return _page(
            request,
            visitor,
            user,
            storage,
            status=422,
            calendar_errors={field: message},
            calendar_values=typed,
        )

    try:
        session_time = forms.clock_time(time, "time")
    except forms.FieldError as error:
        return refused("time", error.message)
    try:
        url, _ = calendar_feed.regenerate_feed(
            storage.unit_of_work(),
            user.id,
            base_url=public_base(request),
            session_time=session_time,
            time_zone=time_zone.strip() or "UTC",
            breaks=bool(breaks),
        )
    except InvalidInput as error:
        return refused("time_zone", f"{error.message.capitalize()}: try a name like Europe/London.")
    return _page(request, visitor, user, storage, calendar_url=url)


@router.post("/settings/calendar/revoke")
def revoke(
    user: SignedIn,
    _csrf: CheckedForm,
    storage: StorageDep,
    next: ShortFormText = "",
) -> Response:
    """Turn the feed off at once; back to where the form was."""
    calendar_feed.revoke_feed(storage.unit_of_work(), user.id)
    return RedirectResponse(safe_next(next, "/settings/calendar"), status_code=303)
