"""Every error as JSON: `{"error": {"code", "message", "fields": [{"field", "message"}]}}`."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from midback.services import accounts
from midback.services.errors import (
    Conflict,
    FieldProblem,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    RateLimited,
    ServiceError,
)

log = logging.getLogger(__name__)

SERVICE_STATUS: dict[type[ServiceError], int] = {
    InvalidInput: 422,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    RateLimited: 429,
}
HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    500: "internal_error",
}


def error_response(
    status: int,
    code: str,
    message: str,
    fields: Sequence[FieldProblem] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The one shape every error takes."""
    body = {
        "error": {
            "code": code,
            "message": message,
            "fields": [{"field": f.field, "message": f.message} for f in fields],
        }
    }
    all_headers = dict(headers or {})
    if status == 401:
        all_headers.setdefault("WWW-Authenticate", "Bearer")
    return JSONResponse(body, status_code=status, headers=all_headers)


def status_of(error: ServiceError) -> int:
    """The HTTP status of a service's error (pages and API answer with the same one)."""
    for cls in type(error).__mro__:
        if cls in SERVICE_STATUS:
            return SERVICE_STATUS[cls]
    return 400


async def _service_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ServiceError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None
    return error_response(status_of(error), error.code, error.message, error.fields, headers)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    status = error.status_code
    code = HTTP_CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_"))
    message = error.detail if isinstance(error.detail, str) else HTTPStatus(status).phrase
    headers = dict(error.headers or {})
    if status == 405:
        headers["Allow"] = ", ".join(sorted(_allowed_methods(request)))
    return error_response(status, code, message, headers=headers)


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> set[str]:
    """Every method some route answers on this path (each route knows only its own)."""
    allowed: set[str] = set()
    for method in METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.add(method)
    return allowed


def _field_name(location: Sequence[Any]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or "body"


def _needs_token(request: Request) -> bool:
    """True if the route asks for a bearer token (it has an HTTPBearer dependency)."""
    route = request.scope.get("route")
    pending = [getattr(route, "dependant", None)]
    while pending:
        dependant = pending.pop()
        if dependant is None:
            continue
        if isinstance(dependant.call, HTTPBearer):
            return True
        pending.extend(dependant.dependencies)
    return False


def _token_is_valid(request: Request) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    try:
        accounts.authenticate(request.app.state.storage.unit_of_work(read_only=True), token)
    except NotAuthenticated:
        return False
    return True


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    """422 with every problem, unless the route needs a token and none valid came: then 401
    (who is asking is checked before what they sent)."""
    assert isinstance(error, RequestValidationError)
    if _needs_token(request) and not await run_in_threadpool(_token_is_valid, request):
        return error_response(
            401, "not_authenticated", "log in and send 'Authorization: Bearer <token>'"
        )
    fields = [FieldProblem(_field_name(e["loc"]), str(e["msg"])) for e in error.errors()]
    return error_response(422, "invalid_input", "the request is not valid", fields)


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal_error", "something went wrong on our side")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error, expected or not, through `error_response`."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
