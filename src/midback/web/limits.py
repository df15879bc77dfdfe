"""Refuse request bodies over the configured size, whether announced or streamed."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from midback.web.errors import error_response


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a streamed body passes the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodySizeLimit:
    """ASGI middleware: 413 for a Content-Length over `max_bytes`, or a body that grows past it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the announced length, then count what actually arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        announced = dict(scope["headers"]).get(b"content-length")
        if announced is not None and (not announced.isdigit() or int(announced) > self.max_bytes):
            too_large = announced.isdigit()
            status, code = (413, "payload_too_large") if too_large else (400, "bad_request")
            message = BodyTooLarge(self.max_bytes).detail if too_large else "bad Content-Length"
            await error_response(status, code, message)(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as error:
            if started:
                raise
            await error_response(413, "payload_too_large", str(error.detail))(scope, receive, send)
