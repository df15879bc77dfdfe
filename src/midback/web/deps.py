"""Request dependencies shared by pages and API routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates

from midback.domain.accounts import User
from midback.domain.library import ExerciseLibrary
from midback.services import accounts
from midback.services.errors import NotAuthenticated
from midback.services.security import Security
from midback.storage.uow import Storage


def get_library(request: Request) -> ExerciseLibrary:
    """The exercise library loaded at start-up."""
    library: ExerciseLibrary = request.app.state.content.exercises
    return library


def get_templates(request: Request) -> Jinja2Templates:
    """The Jinja2 templates of this app."""
    templates: Jinja2Templates = request.app.state.templates
    return templates


LibraryDep = Annotated[ExerciseLibrary, Depends(get_library)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]


def get_storage(request: Request) -> Storage:
    """The database of this app (units of work come from it)."""
    storage: Storage = request.app.state.storage
    return storage


def get_security(request: Request) -> Security:
    """Password hashing, lifetimes and rate limits of this app."""
    security: Security = request.app.state.security
    return security


StorageDep = Annotated[Storage, Depends(get_storage)]
SecurityDep = Annotated[Security, Depends(get_security)]
_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/login.")


def get_auth(
    storage: StorageDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> accounts.Authenticated:
    """The bearer token's user; 401 if the token is missing, unknown, expired or revoked."""
    if credentials is None:
        raise NotAuthenticated("log in and send 'Authorization: Bearer <token>'")
    auth = accounts.authenticate(storage.unit_of_work(read_only=True), credentials.credentials)
    if auth.use_is_stale:
        accounts.record_token_use(storage.unit_of_work(), auth.token_id)
    return auth


AuthDep = Annotated[accounts.Authenticated, Depends(get_auth)]


def get_current_user(auth: AuthDep) -> User:
    """The person making the request."""
    return auth.user


CurrentUser = Annotated[User, Depends(get_current_user)]


def client_address(request: Request) -> str:
    """The client's address, as seen by the server (set proxy headers in uvicorn if proxied)."""
    return request.client.host if request.client else "unknown"
