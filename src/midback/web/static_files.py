"""Static files with cache lifetimes: a URL carrying its content hash (`?v=`) never changes."""

from __future__ import annotations

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
"""A year: `static_url` puts the file's hash in the URL, so a changed file gets a new URL."""
REVALIDATE = "no-cache"
"""Without a hash the browser keeps the file but asks (ETag) before using it again."""


class CachedStaticFiles(StaticFiles):
    """StaticFiles that lets browsers keep hashed URLs for a year: the pose model and its
    runtime (15 MB) then load once per device, not once per session."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        """The file, with a Cache-Control header chosen by whether the URL is hashed."""
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            hashed = any(p.startswith(b"v=") for p in scope.get("query_string", b"").split(b"&"))
            response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
        return response
