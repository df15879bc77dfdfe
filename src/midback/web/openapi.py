"""The OpenAPI document as other tools read it (Redocly's recommended rules, client generators):
a server, the licence, `security: []` on the operations anyone may call, and JSON files described
as the objects they are."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from midback.config import Settings

LICENSE = {"name": "MIT", "identifier": "MIT"}
"""The project's licence (pyproject.toml)."""
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def install(app: FastAPI, settings: Settings) -> None:
    """Make `app.openapi()` build (once) the document with servers, licence and security."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app, settings)
        return app.openapi_schema

    setattr(app, "openapi", build)  # noqa: B010  FastAPI's documented override


def document(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """The OpenAPI document of `app`."""
    server = settings.public_url.rstrip("/") or "/"
    described = "this midback server" if settings.public_url else "the server this came from"
    found = get_openapi(
        title=app.title,
        version=app.version,
        description="midback's JSON API: the same use cases as the web pages (docs/api.md).",
        routes=app.routes,
        servers=[{"url": server, "description": described}],
        license_info=LICENSE,
    )
    for operation in _operations(found):
        operation.setdefault("security", [])  # no credential needed: say so explicitly
    return found


def _operations(found: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        op for path in found.get("paths", {}).values() for m, op in path.items() if m in METHODS
    ]
