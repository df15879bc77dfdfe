"""Sign up, log in and log out, with cookie sessions from services.web_sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain.accounts import Role, User
from midback.services import accounts, names, web_sessions
from midback.services.errors import FieldProblem, InvalidCredentials, RateLimited, ServiceError
from midback.services.passwords import MIN_LENGTH, password_problems
from midback.web.deps import FormText, SecurityDep, StorageDep, client_address
from midback.web.pages.common import (
    Visitor,
    VisitorDep,
    csrf_ok,
    finish,
    render,
    safe_next,
    set_cookie,
    wait_message,
)
from midback.web.pages.errors import error_page, sentence
from midback.web.pages.guards import CheckedForm

router = APIRouter(include_in_schema=False)
MAX_FORM_PASSWORD = 1_000_000
PasswordText = Annotated[str, Form(max_length=MAX_FORM_PASSWORD)]
"""A password of any length reaches the form's own checks (too long is a field error, not a
bare validation answer); the bound only caps what a request may post."""


def _errors(problems: Iterable[FieldProblem]) -> dict[str, str]:
    """The first problem of each field, as sentences."""
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(problem.field, sentence(problem.message))
    return errors


def _form(
    request: Request, visitor: Visitor, template: str, *, status: int = 200, **context: object
) -> Response:
    defaults: dict[str, object] = {
        "errors": {},
        "email": "",
        "display_name": "",
        "next": "",
        "min_length": MIN_LENGTH,
    }
    return render(request, visitor, template, {**defaults, **context}, status_code=status)


def home_of(user: User) -> str:
    """Where signing in lands: a clinician's desk, or a member's Today."""
    return "/clinic" if user.role is Role.CLINICIAN else "/today"


def _signed_in(request: Request, cookie: str, lifetime: timedelta, target: str) -> Response:
    """Go on to `target` with the new session's cookie."""
    response = RedirectResponse(target, status_code=303)
    set_cookie(request, response, web_sessions.COOKIE_NAME, cookie, lifetime)
    return response


@router.get("/signup")
def signup_page(request: Request, visitor: VisitorDep, next: str = "") -> Response:
    """The sign-up form, with the statement of what midback is not."""
    if visitor.user:
        return RedirectResponse(safe_next(next), status_code=303)
    return _form(request, visitor, "accounts/signup.html", next=safe_next(next, ""))


def _name_problems(display_name: str) -> dict[str, str]:
    """The optional name's problem, if any."""
    try:
        names.clean_name(display_name)
    except ServiceError as error:
        return _errors(error.fields)
    return {}


def _signup_problems(email: str, password: str, disclaimer: str) -> dict[str, str]:
    """Everything wrong with the form, found without creating the account."""
    problems: list[FieldProblem] = []
    address = email
    try:
        address = accounts.normalize_email(email)
    except ServiceError as error:
        problems += error.fields
    problems += [FieldProblem("password", p) for p in password_problems(password, email=address)]
    if not disclaimer:
        problems.append(FieldProblem("disclaimer", "please confirm you have read this"))
    return _errors(problems)


@router.post("/signup")
def signup(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
    _csrf: CheckedForm,
    email: FormText = "",
    password: PasswordText = "",
    disclaimer: FormText = "",
    next: FormText = "",
    display_name: FormText = "",
) -> Response:
    """Create a member account and sign the person in."""
    errors = _signup_problems(email, password, disclaimer) | _name_problems(display_name)
    status = 422
    if not errors:
        try:
            accounts.register(
                storage.unit_of_work(),
                security,
                email=email,
                password=password,
                address=client_address(request),
            )
        except RateLimited as error:
            status, errors = 429, {"form": wait_message(error)}
        except ServiceError as error:
            errors = _errors(error.fields) or {"email": sentence(error.message)}
    if errors:
        return _form(
            request,
            visitor,
            "accounts/signup.html",
            status=status,
            errors=errors,
            email=email,
            display_name=display_name,
            next=safe_next(next, ""),
        )
    signed_in, cookie = web_sessions.log_in_web(
        storage.unit_of_work(),
        security,
        email=email,
        password=password,
        address=client_address(request),
    )
    if display_name.strip():
        names.set_display_name(storage.unit_of_work(), signed_in.user.id, display_name)
    target = safe_next(next, "/onboarding?welcome=1")
    return _signed_in(request, cookie, security.session_lifetime, target)


@router.get("/login")
def login_page(request: Request, visitor: VisitorDep, next: str = "") -> Response:
    """The log-in form."""
    if visitor.user:
        return RedirectResponse(safe_next(next), status_code=303)
    return _form(request, visitor, "accounts/login.html", next=safe_next(next, ""))


@router.post("/login")
def login(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    security: SecurityDep,
    _csrf: CheckedForm,
    email: FormText = "",
    password: PasswordText = "",
    next: FormText = "",
) -> Response:
    """Check the credentials (rate limited like the API) and start a cookie session."""
    try:
        signed_in, cookie = web_sessions.log_in_web(
            storage.unit_of_work(),
            security,
            email=email,
            password=password,
            address=client_address(request),
        )
    except RateLimited as error:
        return _form(
            request,
            visitor,
            "accounts/login.html",
            status=429,
            errors={"form": wait_message(error)},
            email=email,
            next=safe_next(next, ""),
        )
    except InvalidCredentials:
        errors = {"password": "That email and password do not match an account."}
        return _form(
            request,
            visitor,
            "accounts/login.html",
            status=401,
            errors=errors,
            email=email,
            next=safe_next(next, ""),
        )
    target = safe_next(next, home_of(signed_in.user))
    return _signed_in(request, cookie, security.session_lifetime, target)


@router.get("/logout")
def logout_page(request: Request, visitor: VisitorDep) -> Response:
    """Asks before logging out (logging out changes state, so it is a form, not a link)."""
    if not visitor.user:
        return RedirectResponse("/", status_code=303)
    return render(request, visitor, "accounts/logout.html")


@router.post("/logout")
def logout(
    request: Request, visitor: VisitorDep, storage: StorageDep, csrf_token: FormText = ""
) -> Response:
    """End the web session and forget its cookie."""
    if visitor.signed_in is None:
        return RedirectResponse("/", status_code=303)
    if not csrf_ok(request, visitor, csrf_token):
        return error_page(request, 403)
    web_sessions.log_out_web(storage.unit_of_work(), visitor.signed_in.session)
    response = RedirectResponse("/?goodbye=1", status_code=303)
    response.delete_cookie(web_sessions.COOKIE_NAME, path="/")
    return finish(request, visitor, response)
