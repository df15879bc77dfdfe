"""Each HTTP request runs its units of work on one database connection (see storage.scope)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from midback.storage.uow import Storage


class OneConnectionPerRequest:
    """ASGI middleware: a request's units of work share a connection, taken at the first use
    (a static file or `/api/v1/ping` takes none) and returned once the response is sent."""

    def __init__(self, app: ASGIApp, storage: Storage) -> None:
        self.app = app
        self.storage = storage

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request inside `Storage.request()`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with self.storage.request():
            await self.app(scope, receive, send)
