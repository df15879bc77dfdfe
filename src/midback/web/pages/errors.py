"""Errors as pages for people in a browser; the API keeps its JSON errors.

One handler answers every page's refusal: a guard's (`SignInRequired`, `PageRefused`, see
`guards`), a form field's (`forms.FieldError`, 400) and a service's (`ServiceError`), whose
status comes from the API's table in `midback.web.errors`, so a page and the API answer the
same error with the same status.
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from midback.services.errors import RateLimited, ServiceError
from midback.web import forms
from midback.web.errors import status_of
from midback.web.pages.common import get_visitor, render
from midback.web.pages.guards import PageRefused, SignInRequired, to_login

MESSAGES = {
    403: "This form has expired or did not come from midback. Go back, reload the page and try "
    "again.",
    404: "There is nothing at this address. It may have moved when the library was reorganised.",
}
PAGES_PACKAGE = "midback.web.pages."


def wants_html(request: Request) -> bool:
    """A browser asking for a page (never the JSON API)."""
    if request.url.path.startswith("/api/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def is_page(request: Request) -> bool:
    """The request was routed to a page (a handler in this package), not to the API."""
    endpoint = getattr(request.scope.get("route"), "endpoint", None)
    return str(getattr(endpoint, "__module__", "")).startswith(PAGES_PACKAGE)


def error_page(request: Request, status: int, message: str | None = None) -> Response:
    """A calm page for `status`, with a way back."""
    visitor = get_visitor(request)
    context = {
        "status": status,
        "title": HTTPStatus(status).phrase,
        "message": message or MESSAGES.get(status, "Something went wrong."),
    }
    return render(request, visitor, "errors/error.html", context, status_code=status)


def sentence(message: str) -> str:
    """A service's message ('no such routine') as a sentence ('No such routine.')."""
    text = message.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


async def page_refusal(request: Request, error: Exception) -> Response:
    """A guard's refusal (to log in, or the error page with its status), or a form field that
    could not be read (400, saying what to fix)."""
    if isinstance(error, SignInRequired):
        return to_login(request)
    if isinstance(error, forms.FieldError):
        return await run_in_threadpool(error_page, request, 400, error.message)
    assert isinstance(error, PageRefused)
    return await run_in_threadpool(error_page, request, error.status, error.message)


def install_page_errors(app: FastAPI) -> None:
    """Answer browsers' HTTP errors and pages' refusals with pages, and everyone else as
    before (call after the API's error handlers are installed)."""
    json_handler = app.exception_handlers[StarletteHTTPException]
    service_json = app.exception_handlers[ServiceError]

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if not wants_html(request) or error.status_code < 400:
            response: Response = await json_handler(request, error)  # type: ignore[misc]
            return response
        message = (
            error.detail if isinstance(error.detail, str) and error.status_code != 404 else None
        )
        return await run_in_threadpool(error_page, request, error.status_code, message)

    async def service_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, ServiceError)
        if not is_page(request):
            response: Response = await service_json(request, error)  # type: ignore[misc]
            return response
        message = sentence(error.message)
        page = await run_in_threadpool(error_page, request, status_of(error), message)
        if isinstance(error, RateLimited):
            page.headers["Retry-After"] = str(error.retry_after)
        return page

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(SignInRequired, page_refusal)
    app.add_exception_handler(PageRefused, page_refusal)
    app.add_exception_handler(forms.FieldError, page_refusal)
