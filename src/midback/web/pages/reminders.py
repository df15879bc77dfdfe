"""Reminder settings: which reminders, when, where; this browser's push subscription; one-tap
unsubscribe from the links in automated messages (the signed token is the credential)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Annotated

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from midback.config import Settings
from midback.domain.accounts import User
from midback.domain.reminders import ReminderPrefs
from midback.services import reminders
from midback.services.errors import InvalidInput
from midback.web import forms
from midback.web.deps import SecurityDep, StorageDep
from midback.web.pages.common import Visitor, VisitorDep, csrf_ok, render
from midback.web.pages.errors import error_page
from midback.web.pages.guards import SignedIn

router = APIRouter(include_in_schema=False)
PAGE = "settings/reminders.html"


class PushKeys(BaseModel):
    """The keys of a browser's PushSubscription.toJSON()."""

    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)


class PushSubscriptionIn(BaseModel):
    """What push.js posts: PushSubscription.toJSON()."""

    endpoint: str = Field(max_length=reminders.MAX_ENDPOINT_LENGTH)
    keys: PushKeys | None = None


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _page(
    request: Request,
    visitor: Visitor,
    prefs: ReminderPrefs,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    saved: bool = False,
) -> Response:
    settings = _settings(request)
    context = {
        "prefs": prefs,
        "errors": errors or {},
        "saved": saved,
        "push_on": settings.push_enabled(),
        "email_on": settings.email_enabled(),
        "vapid_public_key": settings.vapid_public_key,
    }
    return render(request, visitor, PAGE, context, status_code=status)


@router.get("/settings/reminders")
def reminders_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Reminder preferences, and the button that turns on push on this device."""
    prefs = reminders.prefs_of(storage.unit_of_work(read_only=True), user.id)
    return _page(request, visitor, prefs)


def _clock(form: dict[str, str], name: str, errors: dict[str, str], fallback: time) -> time:
    try:
        return forms.clock_time(form.get(name, ""), name)
    except forms.FieldError as error:
        errors[name] = error.message
        return fallback


def _read(form: dict[str, str], before: ReminderPrefs) -> tuple[ReminderPrefs, dict[str, str]]:
    """The preferences a posted form asks for, and what is wrong with it."""
    errors: dict[str, str] = {}
    quiet = bool(form.get("quiet"))
    minutes = before.break_minutes
    try:
        minutes = forms.whole_number(form.get("break_minutes"), "break_minutes", low=10, high=240)
    except forms.FieldError as error:
        errors["break_minutes"] = error.message
    prefs = replace(
        before,
        time_zone=form.get("time_zone", "").strip() or "UTC",
        email=bool(form.get("email")),
        push=bool(form.get("push")),
        sessions=bool(form.get("sessions")),
        session_time=_clock(form, "session_time", errors, before.session_time),
        check_in=bool(form.get("check_in")),
        check_in_time=_clock(form, "check_in_time", errors, before.check_in_time),
        breaks=bool(form.get("breaks")),
        work_start=_clock(form, "work_start", errors, before.work_start),
        work_end=_clock(form, "work_end", errors, before.work_end),
        break_minutes=minutes,
        quiet_start=_clock(form, "quiet_start", errors, time(21, 30)) if quiet else None,
        quiet_end=_clock(form, "quiet_end", errors, time(7, 0)) if quiet else None,
        alerts=bool(form.get("alerts")),
    )
    return prefs, errors


@router.post("/settings/reminders")
async def save_reminders(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Save the preferences (CSRF-checked); a wrong field is shown with its message."""
    posted = await request.form()
    form = {k: v for k, v in posted.items() if isinstance(v, str) and len(v) <= 200}
    if not csrf_ok(request, visitor, form.get("csrf_token")):
        return error_page(request, 403)
    before = reminders.prefs_of(storage.unit_of_work(read_only=True), user.id)
    prefs, errors = _read(form, before)
    if not errors:
        try:
            reminders.save_prefs(storage.unit_of_work(), prefs)
        except InvalidInput as error:
            errors = {p.field: p.message.capitalize() + "." for p in error.fields}
            if "time_zone" in errors:
                errors["time_zone"] = "Unknown time zone: try a name like Europe/London."
    if errors:
        return _page(request, visitor, prefs, status=422, errors=errors)
    return _page(request, visitor, prefs, saved=True)


def _json_caller(request: Request, visitor: Visitor) -> User | Response:
    """The signed-in account behind push.js's request (CSRF token in a header), or the JSON
    refusal to send back."""
    if visitor.user is None:
        return JSONResponse({"detail": "log in first"}, status_code=401)
    if not csrf_ok(request, visitor, request.headers.get("x-csrf-token")):
        return JSONResponse({"detail": "the page is out of date: reload it"}, status_code=403)
    return visitor.user


@router.post("/settings/reminders/push")
def push_subscribe(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    subscription: Annotated[PushSubscriptionIn, Body()],
) -> Response:
    """Keep this browser's push subscription (posted by push.js) and turn push reminders on."""
    user = _json_caller(request, visitor)
    if isinstance(user, Response):
        return user
    keys = subscription.keys or PushKeys(p256dh="", auth="")
    reminders.subscribe(
        storage.unit_of_work(),
        user.id,
        endpoint=subscription.endpoint,
        p256dh=keys.p256dh,
        auth=keys.auth,
        allow_http=_settings(request).environment == "development",
    )
    return JSONResponse({"subscribed": True}, status_code=201)


@router.post("/settings/reminders/push/remove")
def push_unsubscribe(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    subscription: Annotated[PushSubscriptionIn, Body()],
) -> Response:
    """Forget this browser's subscription (push.js calls it when turning push off here)."""
    user = _json_caller(request, visitor)
    if isinstance(user, Response):
        return user
    found = reminders.unsubscribe_device(storage.unit_of_work(), user.id, subscription.endpoint)
    return JSONResponse({"removed": found})


@router.get("/reminders/unsubscribe/{token}")
def unsubscribe_page(
    request: Request, visitor: VisitorDep, security: SecurityDep, token: str
) -> Response:
    """The page behind an email's unsubscribe link: one button, no login."""
    found = reminders.read_token(security, token[:100])
    if found is None:
        return error_page(request, 404, "This unsubscribe link is not valid.")
    context = {"token": token, "channel": found[1], "done": False}
    return render(request, visitor, "settings/unsubscribe.html", context)


@router.post("/reminders/unsubscribe/{token}")
def unsubscribe(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
    token: str,
) -> Response:
    """Turn the channel off: the page's button, or a mail client's one-click (RFC 8058)."""
    found = reminders.read_token(security, token[:100])
    if found is None:
        return error_page(request, 404, "This unsubscribe link is not valid.")
    reminders.unsubscribe(storage.unit_of_work(), *found)
    context = {"token": token, "channel": found[1], "done": True}
    return render(request, visitor, "settings/unsubscribe.html", context)
