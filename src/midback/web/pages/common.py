"""What every page shares: who is visiting, CSRF tokens, cookies and rendering a template.

A signed-in visitor's CSRF token is the one stored with their web session. An anonymous visitor
(signing up or logging in, or sending session feedback) gets a random cookie, and forms carry
an HMAC of it under the app's secret: a page on another site can neither read the cookie nor
compute the token, so it cannot post our forms on the visitor's behalf.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from midback.domain.accounts import User
from midback.services import web_sessions
from midback.services.errors import NotAuthenticated, RateLimited
from midback.services.security import Security, new_secret
from midback.storage.uow import Storage

ANON_COOKIE = "midback_visitor"
ANON_COOKIE_LIFETIME = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Visitor:
    """The person on the other end: signed in or not, and the secrets behind their forms."""

    signed_in: web_sessions.SignedIn | None
    anon_secret: str
    anon_is_new: bool
    stale_session: bool

    @property
    def user(self) -> User | None:
        """The signed-in account, if any."""
        return self.signed_in.user if self.signed_in else None


def get_visitor(request: Request) -> Visitor:
    """Resume the session cookie (at most once per request); anonymous if there is none."""
    cached = getattr(request.state, "visitor", None)
    if isinstance(cached, Visitor):
        return cached
    signed_in, stale = None, False
    cookie = request.cookies.get(web_sessions.COOKIE_NAME)
    if cookie:
        storage: Storage = request.app.state.storage
        uow = storage.unit_of_work(read_only=True)
        try:
            signed_in = web_sessions.resume(uow, cookie)
        except NotAuthenticated:
            stale = True
    anon = request.cookies.get(ANON_COOKIE, "")
    visitor = Visitor(signed_in, anon or new_secret(), not anon, stale)
    request.state.visitor = visitor
    return visitor


async def visitor_of(request: Request) -> Visitor:
    """`get_visitor` as a dependency: on the event loop when it reads nothing (no cookie, or
    already resumed) or the read never waits (SQLite in WAL: one indexed read in process),
    else in the thread pool. A plain `def` dependency would take a thread-pool hop each page."""
    storage: Storage = request.app.state.storage
    if storage.reads_never_wait or web_sessions.COOKIE_NAME not in request.cookies:
        return get_visitor(request)
    return await run_in_threadpool(get_visitor, request)


VisitorDep = Annotated[Visitor, Depends(visitor_of)]


def csrf_token(security: Security, visitor: Visitor) -> str:
    """The token every form of this visitor must echo."""
    if visitor.signed_in is not None:
        return visitor.signed_in.session.csrf_token
    return security.keyed("csrf", visitor.anon_secret)


def csrf_ok(request: Request, visitor: Visitor, submitted: str | None) -> bool:
    """True if a posted form carried this visitor's token."""
    if visitor.signed_in is not None:
        return web_sessions.csrf_matches(visitor.signed_in.session, submitted)
    if visitor.anon_is_new or not submitted:
        return False  # the form came without the cookie it was rendered for
    expected = csrf_token(request.app.state.security, visitor)
    return hmac.compare_digest(expected.encode(), submitted.encode())


def set_cookie(
    request: Request, response: Response, name: str, value: str, lifetime: timedelta
) -> None:
    """An HttpOnly, SameSite=Lax cookie, Secure when the request came over HTTPS or the
    `force_secure_cookies` setting says so (behind a proxy that ends TLS)."""
    settings = getattr(request.app.state, "settings", None)
    forced = bool(getattr(settings, "force_secure_cookies", False))
    response.set_cookie(
        name,
        value,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=forced or request.url.scheme == "https",
        path="/",
    )


def finish(request: Request, visitor: Visitor, response: Response) -> Response:
    """Give an anonymous visitor their form cookie and forget a dead session cookie."""
    if visitor.signed_in is None and visitor.anon_is_new:
        set_cookie(request, response, ANON_COOKIE, visitor.anon_secret, ANON_COOKIE_LIFETIME)
    if visitor.stale_session:
        response.delete_cookie(web_sessions.COOKIE_NAME, path="/")
    return response


def render(
    request: Request,
    visitor: Visitor,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """A page for this visitor, with what the layout needs (user, CSRF token, current path)."""
    full = {
        "visitor": visitor,
        "user": visitor.user,
        "csrf_token": csrf_token(request.app.state.security, visitor),
        "path": request.url.path,
        **(context or {}),
    }
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, template, full, status_code=status_code)
    finish(request, visitor, response)
    return response


def wait_message(error: RateLimited) -> str:
    """What a form says when too many attempts came from here."""
    minutes = max(1, round(error.retry_after / 60))
    return f"Too many attempts. Wait about {minutes} min, then try again."


def safe_next(target: str | None, default: str = "/") -> str:
    """A path on this site to go to after a form; anything else (another host) is ignored."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
