"""Security headers on every response (ASGI middleware).

- A Content-Security-Policy that allows only this site's own files: no inline scripts or
  styles, no framing by other sites (`frame-ancestors 'none'`, and X-Frame-Options for older
  browsers). WebAssembly, blob workers and camera streams stay possible for the camera coach
  and measuring pages (`'wasm-unsafe-eval'`, `worker-src blob:`, `media-src blob:`).
- `Cache-Control: no-store` on everything but the static files, unless a route chose its own:
  pages and API answers carry health data, which must not stay in a shared or browser cache.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "style-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
CACHEABLE_PREFIXES = ("/static/",)
"""Paths whose answers hold no personal data and may be cached."""


class SecurityHeaders:
    """Adds HEADERS to every HTTP response, and `Cache-Control: no-store` where none was set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = str(scope.get("path", "")).startswith(CACHEABLE_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if not cacheable:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)
