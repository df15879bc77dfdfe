"""What the signed-in pages share: the visitor's account or a way to log in, posted forms with
their CSRF check, the day, and the app's content and caches."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.services.plans import PlanCache
from midback.services.security import utcnow
from midback.services.views import ViewCache
from midback.web.pages.common import Visitor, csrf_ok
from midback.web.pages.errors import error_page

FormData = dict[str, list[str]]


async def get_form(request: Request) -> FormData:
    """A posted form's text fields, each with every value sent under its name."""
    form = await request.form()
    fields: FormData = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value)
    return fields


def get_content(request: Request) -> Content:
    """Exercises, protocols, programs and lessons loaded at start-up."""
    content: Content = request.app.state.content
    return content


def get_plans(request: Request) -> PlanCache:
    """This process's cache of computed plans."""
    plans: PlanCache = request.app.state.plan_cache
    return plans


def get_views(request: Request) -> ViewCache:
    """This process's cache of per-person page views (made on first use)."""
    views = getattr(request.app.state, "view_cache", None)
    if not isinstance(views, ViewCache):
        views = request.app.state.view_cache = ViewCache()
    return views


FormDep = Annotated[FormData, Depends(get_form)]
ContentDep = Annotated[Content, Depends(get_content)]
PlansDep = Annotated[PlanCache, Depends(get_plans)]
ViewsDep = Annotated[ViewCache, Depends(get_views)]


def first(form: FormData, name: str) -> str:
    """The first value posted under `name` ('' if none)."""
    values = form.get(name) or [""]
    return values[0]


def to_login(request: Request) -> RedirectResponse:
    """Off to log in, and back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def refused(request: Request, visitor: Visitor, form: FormData) -> Response | None:
    """A page saying why a post is refused (not signed in, or a bad CSRF token), else None."""
    if visitor.user is None:
        return to_login(request)
    if not csrf_ok(request, visitor, first(form, "csrf_token")):
        return error_page(request, 403)
    return None


def is_clinician(user: User | None) -> bool:
    """The account may use the clinician's desk."""
    return user is not None and user.role is Role.CLINICIAN


def today() -> date:
    """Today's date in UTC (the server does not know the person's time zone)."""
    return utcnow().date()
