"""Request dependencies of the training API: the caller, storage, content, the plan cache, ids.

They are `async def` and only look things up, except the caller's token check, which runs once
in the thread pool: FastAPI runs each plain `def` dependency in its thread pool, and on a busy
server those hops cost more than answering a request from the plan cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.training import MAX_ID
from midback.services import sharing
from midback.services.plans import PlanCache
from midback.storage.uow import Storage
from midback.web.deps import get_auth

T = TypeVar("T")
_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/login.")


async def get_store(request: Request) -> Storage:
    """The database of this app."""
    storage: Storage = request.app.state.storage
    return storage


async def get_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    """The bearer token's user (401 otherwise), checked in one trip to the thread pool."""
    auth = await run_in_threadpool(get_auth, request.app.state.storage, credentials)
    return auth.user


async def require_clinician(caller: Annotated[User, Depends(get_caller)]) -> User:
    """The caller, if a clinician: 403 for anyone else, before their request is looked at."""
    sharing.require_clinician(caller)
    return caller


async def get_content(request: Request) -> Content:
    """Exercises, protocols and programs loaded at start-up."""
    content: Content = request.app.state.content
    return content


async def get_plan_cache(request: Request) -> PlanCache:
    """This process's cache of computed plans."""
    cache: PlanCache = request.app.state.plan_cache
    return cache


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


Caller = Annotated[User, Depends(get_caller)]
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
Store = Annotated[Storage, Depends(get_store)]
ContentDep = Annotated[Content, Depends(get_content)]
PlanCacheDep = Annotated[PlanCache, Depends(get_plan_cache)]
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="A numeric id.")]
