"""`/api/docs`: Swagger UI from the vendored `swagger-ui-dist` files, nothing from a CDN.

The page has no inline script (the Content-Security-Policy forbids them): `api-docs.js` starts
Swagger UI on the OpenAPI document named in the page's `data-openapi` attribute.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from midback.web.pages.templating import static_url

DOCS_URL = "/api/docs"


def docs_page(title: str, openapi_url: str) -> str:
    """The HTML of the docs page."""
    css = static_url("vendor/swagger-ui/swagger-ui.css")
    bundle = static_url("vendor/swagger-ui/swagger-ui-bundle.js")
    start = static_url("api-docs.js")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} API</title>
<link rel="stylesheet" href="{css}">
<link rel="icon" href="{static_url("icon.svg")}">
</head>
<body>
<div id="swagger-ui" data-openapi="{escape(openapi_url)}"></div>
<script src="{bundle}"></script>
<script src="{start}"></script>
</body>
</html>
"""


def install_docs(app: FastAPI) -> None:
    """Serve the API docs page of `app` (its OpenAPI document must be published)."""
    openapi_url = app.openapi_url or "/api/v1/openapi.json"
    page = docs_page(app.title, openapi_url)

    @app.get(DOCS_URL, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """Interactive documentation of the API."""
        return HTMLResponse(page)
