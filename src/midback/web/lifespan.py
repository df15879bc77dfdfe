"""What the app does when it starts and stops: prepare the database, then close it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from midback.exports.links import unreachable_warning
from midback.storage.migrate import ensure_schema
from midback.storage.uow import Storage
from midback.web.jobs import start_jobs, stop_jobs


def storage_lifespan(
    url: str, storage: Storage
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A lifespan that migrates (embedded SQLite) or checks the schema, and disposes at exit."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await to_thread.run_sync(ensure_schema, url)
        settings = getattr(app.state, "settings", None)
        if settings is not None and not settings.public_url:
            warning = unreachable_warning("the address each request comes to")
            logging.getLogger("midback").warning("MIDBACK_PUBLIC_URL is not set: %s", warning)
        await start_jobs(app)
        try:
            yield
        finally:
            await stop_jobs(app)
            storage.dispose()

    return lifespan
