"""Errors as pages for people in a browser; the API keeps its JSON errors."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from midback.web.pages.common import get_visitor, render

MESSAGES = {
    403: "This form has expired or did not come from midback. Go back, reload the page and try "
    "again.",
    404: "There is nothing at this address. It may have moved when the library was reorganised.",
}


def wants_html(request: Request) -> bool:
    """A browser asking for a page (never the JSON API)."""
    if request.url.path.startswith("/api/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str | None = None) -> Response:
    """A calm page for `status`, with a way back."""
    visitor = get_visitor(request)
    context = {
        "status": status,
        "title": HTTPStatus(status).phrase,
        "message": message or MESSAGES.get(status, "Something went wrong."),
    }
    return render(request, visitor, "errors/error.html", context, status_code=status)


def install_page_errors(app: FastAPI) -> None:
    """Answer browsers' HTTP errors with pages, and everyone else as before."""
    json_handler = app.exception_handlers[StarletteHTTPException]

    async def handler(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if not wants_html(request) or error.status_code < 400:
            response: Response = await json_handler(request, error)  # type: ignore[misc]
            return response
        message = (
            error.detail if isinstance(error.detail, str) and error.status_code != 404 else None
        )
        return await run_in_threadpool(error_page, request, error.status_code, message)

    app.add_exception_handler(StarletteHTTPException, handler)
