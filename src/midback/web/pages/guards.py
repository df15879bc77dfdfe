"""Who may use a page, decided once, as dependencies that raise.

A page handler names what it needs: `SignedIn` (anyone signed in; the anonymous go to log in
and come back), `Clinician` (a clinician account; anyone else is refused) and `CheckedForm`
(a posted form that carried this visitor's CSRF token; else refused). List `SignedIn` or
`Clinician` before `CheckedForm`: FastAPI runs dependencies in the order of the parameters,
and someone who is not signed in is sent to log in rather than told their form expired.

The refusals are exceptions; `midback.web.pages.errors` turns them, and any `ServiceError` a
page lets through, into the redirect or the error page, with the API's status for each error.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from midback.domain.accounts import Role, User
from midback.web import forms
from midback.web.deps import FormDep
from midback.web.forms import FormData
from midback.web.pages.common import VisitorDep, csrf_ok

FOR_CLINICIANS = "The clinician's desk is for clinician accounts. Ask your administrator."


class SignInRequired(Exception):
    """No one is signed in: the page answers with a way to log in and come back."""


class PageRefused(Exception):
    """The page answers with the error page: `status`, and `message` (or the status's own)."""

    def __init__(self, status: int, message: str | None = None) -> None:
        super().__init__(message or str(status))
        self.status = status
        self.message = message


def to_login(request: Request) -> RedirectResponse:
    """Off to log in, and back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def is_clinician(user: User | None) -> bool:
    """The account may use the clinician's desk."""
    return user is not None and user.role is Role.CLINICIAN


async def signed_in(visitor: VisitorDep) -> User:
    """The signed-in account; SignInRequired for anyone else."""
    if visitor.user is None:
        raise SignInRequired
    return visitor.user


SignedIn = Annotated[User, Depends(signed_in)]


async def clinician(user: SignedIn) -> User:
    """The signed-in account, if a clinician's; refused (403) for anyone else."""
    if not is_clinician(user):
        raise PageRefused(403, FOR_CLINICIANS)
    return user


Clinician = Annotated[User, Depends(clinician)]


async def checked_form(request: Request, visitor: VisitorDep, form: FormDep) -> FormData:
    """The posted form, if it carried this visitor's CSRF token; refused (403) otherwise."""
    if not csrf_ok(request, visitor, forms.text(form, "csrf_token")):
        raise PageRefused(403)
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]
