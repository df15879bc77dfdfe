"""Forgot your password: ask for a link by email, then choose a new password on the link's page.

The request form answers the same whether or not the address has an account, and sends nothing
itself: a background job looks the account up and emails the link (services.reset_mail).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from midback.config import Settings
from midback.services import accounts
from midback.services.errors import InvalidInput, ServiceError
from midback.services.passwords import MIN_LENGTH
from midback.web.deps import SecurityDep, StorageDep
from midback.web.jobs import JobsDep
from midback.web.pages.common import Visitor, VisitorDep, csrf_ok, render
from midback.web.pages.errors import error_page

router = APIRouter(include_in_schema=False)
FormText = Annotated[str, Form(max_length=1024)]
MAX_TOKEN_LENGTH = 100


def _email_on(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return settings.email_enabled()


def _forgot(request: Request, visitor: Visitor, *, status: int = 200, **extra: object) -> Response:
    context = {"email_on": _email_on(request), "errors": {}, "email": "", "sent": False, **extra}
    return render(request, visitor, "accounts/forgot.html", context, status_code=status)


@router.get("/password/forgot")
def forgot_page(request: Request, visitor: VisitorDep) -> Response:
    """The form asking for the account's email address."""
    return _forgot(request, visitor)


@router.post("/password/forgot")
def forgot(
    request: Request,
    visitor: VisitorDep,
    jobs: JobsDep,
    email: FormText = "",
    csrf_token: FormText = "",
) -> Response:
    """Queue the reset email (if email is set up) and say the same thing for any address."""
    if not csrf_ok(request, visitor, csrf_token):
        return error_page(request, 403)
    if not _email_on(request):
        return _forgot(request, visitor, status=409)
    try:
        address = accounts.normalize_email(email)
    except ServiceError:
        errors = {"email": "Enter the email address you log in with, like name@example.org."}
        return _forgot(request, visitor, status=422, errors=errors, email=email)
    jobs.defer("reset_email", email=address)
    return _forgot(request, visitor, sent=True, email=address)


def _reset(
    request: Request, visitor: Visitor, token: str, *, status: int = 200, **extra: object
) -> Response:
    context = {"token": token, "errors": {}, "min_length": MIN_LENGTH, **extra}
    return render(request, visitor, "accounts/reset.html", context, status_code=status)


@router.get("/password/reset/{token}")
def reset_page(request: Request, visitor: VisitorDep, token: str) -> Response:
    """The new-password form behind the emailed link."""
    if len(token) > MAX_TOKEN_LENGTH:
        return error_page(request, 404)
    return _reset(request, visitor, token)


@router.post("/password/reset/{token}")
def reset(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
    token: str,
    new_password: FormText = "",
    csrf_token: FormText = "",
) -> Response:
    """Set the new password; the link then stops working and every session ends."""
    if len(token) > MAX_TOKEN_LENGTH:
        return error_page(request, 404)
    if not csrf_ok(request, visitor, csrf_token):
        return error_page(request, 403)
    try:
        accounts.reset_password(
            storage.unit_of_work(), security, token=token, new_password=new_password
        )
    except InvalidInput as error:
        fields = {p.field: p.message for p in error.fields}
        if "token" in fields:
            return _reset(request, visitor, token, status=400, expired=True)
        message = fields.get("new_password", error.message)
        errors = {"new_password": message[:1].upper() + message[1:] + "."}
        return _reset(request, visitor, token, status=422, errors=errors)
    return RedirectResponse("/login?reset=1", status_code=303)
