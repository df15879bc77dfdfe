"""Settings: the account (password, delete), linked clinicians, the person's data (download,
and who looked at it), and the calendar link when the calendar feed is installed."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import (
    accounts,
    calendar_feed,
    data_export,
    routines,
    sharing,
    web_sessions,
)
from midback.services.errors import RateLimited, ServiceError
from midback.storage.uow import Storage
from midback.web import forms
from midback.web.caches import forget_account
from midback.web.deps import ContentDep, SecurityDep, StorageDep, client_address
from midback.web.pages.common import Visitor, VisitorDep, render, set_cookie, wait_message
from midback.web.pages.guards import CheckedForm, SignedIn
from midback.web.progress_schemas import ExportOut

router = APIRouter(include_in_schema=False)
AUDIT_SHOWN = 50

ACTIONS = {
    "clinician.list": "saw you in their patient list",
    "clinician.read": "looked at your record",
    "clinician.edit_program": "adjusted your program",
    "clinician.assign_routine": "gave you a routine",
    "clinician.add_measurements": "recorded measurements for you",
    "clinician_link.created": "linked you with a clinician",
    "clinician_link.revoked": "ended a clinician's access",
    "password.changed": "changed the password",
    "password.reset_issued": "issued a password reset",
    "password.reset": "reset the password",
    "cleared": "recorded a clinician's go-ahead after the health check",
    "session_log.corrected": "corrected the pain rating of a session",
    "session_log.deleted": "deleted a logged session",
}
"""Audit actions in plain words; anything else is shown as recorded."""


def calendar_context(storage: Storage, user_id: int) -> dict[str, Any]:
    """What the calendar partial (templates/settings/_calendar.html) documents it needs."""
    feed = calendar_feed.feed_status(storage.unit_of_work(read_only=True), user_id)
    return {"calendar": feed, "calendar_next": "/settings#calendar"}


def settings_page(
    request: Request,
    visitor: Visitor,
    storage: Storage,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    **notes: str,
) -> Response:
    """The settings page, with any problems of the form just posted."""
    assert visitor.user is not None
    user = visitor.user
    trail = sharing.audit_trail(storage.unit_of_work(read_only=True), user)
    context = {
        "links": sharing.links_of(storage.unit_of_work(read_only=True), user),
        "trail": trail[:AUDIT_SHOWN],
        "trail_total": len(trail),
        "actions": ACTIONS,
        "errors": errors or {},
        "notes": {
            **{k: request.query_params.get(k, "") for k in ("changed", "linked", "named")},
            **notes,
        },
        **calendar_context(storage, user.id),
    }
    return render(request, visitor, "settings/index.html", context, status_code=status_code)


@router.get("/settings")
def settings(request: Request, _: SignedIn, visitor: VisitorDep, storage: StorageDep) -> Response:
    """Account, clinicians, data and calendar."""
    return settings_page(request, visitor, storage)


@router.post("/settings/password")
def change_password(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
) -> Response:
    """Change the password; every other session ends, this browser stays signed in."""
    current, new = forms.text(form, "current_password"), forms.text(form, "new_password")
    try:
        accounts.change_password(
            storage.unit_of_work(),
            security,
            user,
            current=current,
            new=new,
            address=client_address(request),
        )
    except RateLimited as error:
        found = {"current_password": wait_message(error)}
        return settings_page(request, visitor, storage, errors=found, status_code=429)
    except ServiceError as error:
        found = {p.field: p.message.capitalize() + "." for p in error.fields}
        return settings_page(request, visitor, storage, errors=found, status_code=422)
    _, cookie = web_sessions.log_in_web(
        storage.unit_of_work(),
        security,
        email=user.email,
        password=new,
        address=client_address(request),
    )
    response = RedirectResponse("/settings?changed=1", status_code=303)
    set_cookie(request, response, web_sessions.COOKIE_NAME, cookie, security.session_lifetime)
    return response


@router.get("/settings/export.json")
def export(user: SignedIn, storage: StorageDep, content: ContentDep) -> Response:
    """Everything stored about the person, as one JSON file to download."""
    data = data_export.export_person(storage.unit_of_work(read_only=True), user)
    document = ExportOut.of(data, [routines.view(content, r) for r in data.routines])
    stamp = data.exported_at.astimezone(UTC).strftime("%Y-%m-%d")
    headers = {
        "Content-Disposition": f'attachment; filename="midback-export-{stamp}.json"',
        "Cache-Control": "no-store",
    }
    body = document.model_dump_json(indent=2)
    return Response(body, media_type="application/json", headers=headers)


@router.post("/settings/links")
def link_clinician(
    request: Request, user: SignedIn, form: CheckedForm, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Enter a clinician's invite code: they can then follow and adjust your program."""
    try:
        sharing.redeem_invite(storage.unit_of_work(), user, forms.text(form, "code"))
    except ServiceError as error:
        message = "That code is not valid or has expired. Ask your clinician for a new one."
        if error.code == "conflict":
            message = "You are already linked to this clinician."
        return settings_page(request, visitor, storage, errors={"code": message}, status_code=422)
    return RedirectResponse("/settings?linked=1#clinicians", status_code=303)


@router.post("/settings/links/{link_id}/revoke")
def revoke(
    link_id: forms.PathId, user: SignedIn, _csrf: CheckedForm, storage: StorageDep
) -> Response:
    """End a clinician's access at once."""
    sharing.revoke_link(storage.unit_of_work(), user, link_id)
    return RedirectResponse("/settings#clinicians", status_code=303)


@router.get("/settings/delete")
def delete_page(request: Request, _: SignedIn, visitor: VisitorDep) -> Response:
    """Ask before erasing the account."""
    return render(request, visitor, "settings/delete.html", {"errors": {}})


@router.post("/settings/delete")
def delete_account(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
) -> Response:
    """Erase the account and everything stored about the person, after the password."""
    try:
        accounts.close_account(
            storage.unit_of_work(),
            security,
            user,
            password=forms.text(form, "password"),
            address=client_address(request),
        )
    except RateLimited as error:
        errors = {"form": wait_message(error)}
        return render(request, visitor, "settings/delete.html", {"errors": errors}, status_code=429)
    except ServiceError:
        errors = {"password": "That is not your password."}
        return render(request, visitor, "settings/delete.html", {"errors": errors}, status_code=422)
    forget_account(request.app, user.id)
    response = RedirectResponse("/?deleted=1", status_code=303)
    response.delete_cookie(web_sessions.COOKIE_NAME, path="/")
    return response
