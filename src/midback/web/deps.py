"""Request dependencies shared by pages and API routers: one name for each thing.

The look-ups are `async def` and only read what the app was built with, except the bearer
token's check, which runs once in the thread pool: FastAPI runs each plain `def` dependency in
its thread pool, and on a busy server those hops cost more than answering a request from the
plan cache. The guards of the HTML pages (signed in, clinician, a CSRF-checked form) are in
`midback.web.pages.guards`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.library import ExerciseLibrary
from midback.services import accounts, sharing
from midback.services.errors import NotAuthenticated
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.services.views import ViewCache
from midback.storage.uow import Storage
from midback.web.forms import FormData

T = TypeVar("T")


async def get_storage(request: Request) -> Storage:
    """The database of this app (units of work come from it)."""
    storage: Storage = request.app.state.storage
    return storage


async def get_security(request: Request) -> Security:
    """Password hashing, lifetimes and rate limits of this app."""
    security: Security = request.app.state.security
    return security


async def get_templates(request: Request) -> Jinja2Templates:
    """The Jinja2 templates of this app."""
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_content(request: Request) -> Content:
    """Exercises, protocols, programs and lessons loaded at start-up."""
    content: Content = request.app.state.content
    return content


async def get_library(request: Request) -> ExerciseLibrary:
    """The exercise library loaded at start-up."""
    library: ExerciseLibrary = request.app.state.content.exercises
    return library


async def get_plan_cache(request: Request) -> PlanCache:
    """This process's cache of computed plans."""
    cache: PlanCache = request.app.state.plan_cache
    return cache


async def get_view_cache(request: Request) -> ViewCache:
    """This process's cache of per-person page views (made on first use)."""
    views = getattr(request.app.state, "view_cache", None)
    if not isinstance(views, ViewCache):
        views = request.app.state.view_cache = ViewCache()
    return views


async def get_form(request: Request) -> FormData:
    """A posted form's text fields, each with every value sent under its name."""
    form = await request.form()
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value)
    return fields


_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/login.")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def get_auth(
    storage: Storage, credentials: HTTPAuthorizationCredentials | None
) -> accounts.Authenticated:
    """The bearer token's user; 401 if the token is missing, unknown, expired or revoked."""
    if credentials is None:
        raise NotAuthenticated("log in and send 'Authorization: Bearer <token>'")
    auth = accounts.authenticate(storage.unit_of_work(read_only=True), credentials.credentials)
    if auth.use_is_stale:
        accounts.record_token_use(storage.unit_of_work(), auth.token_id)
    return auth


async def get_token_auth(request: Request, credentials: Bearer) -> accounts.Authenticated:
    """The bearer token's check and its user, in one trip to the thread pool."""
    storage: Storage = request.app.state.storage
    return await run_in_threadpool(get_auth, storage, credentials)


AuthDep = Annotated[accounts.Authenticated, Depends(get_token_auth)]


async def get_current_user(auth: AuthDep) -> User:
    """The person making the request (401 without a valid token)."""
    return auth.user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def require_clinician(user: CurrentUser) -> User:
    """The caller, if a clinician: 403 for anyone else, before their request is looked at."""
    sharing.require_clinician(user)
    return user


async def as_caller(
    storage: Storage,
    credentials: HTTPAuthorizationCredentials | None,
    work: Callable[[User], T],
) -> T:
    """Check the token, then do `work` for its user, in one trip to the thread pool (for the
    endpoints that clients call most)."""

    def run() -> T:
        return work(get_auth(storage, credentials).user)

    return await run_in_threadpool(run)


def client_address(request: Request) -> str:
    """The client's address, as seen by the server (set proxy headers in uvicorn if proxied)."""
    return request.client.host if request.client else "unknown"


StorageDep = Annotated[Storage, Depends(get_storage)]
SecurityDep = Annotated[Security, Depends(get_security)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
ContentDep = Annotated[Content, Depends(get_content)]
LibraryDep = Annotated[ExerciseLibrary, Depends(get_library)]
PlanCacheDep = Annotated[PlanCache, Depends(get_plan_cache)]
ViewCacheDep = Annotated[ViewCache, Depends(get_view_cache)]
FormDep = Annotated[FormData, Depends(get_form)]
FormText = Annotated[str, Form(max_length=1024)]
"""A field of a form read by name (sign-up, log-in): room for a long passphrase or address."""
ShortFormText = Annotated[str, Form(max_length=200)]
"""A short field of a form read by name (a time, a time-zone name, a path to go back to)."""
