"""What a use case can refuse, independent of HTTP; the web maps each class to a status code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """What is wrong with one input field."""

    field: str
    message: str


class ServiceError(Exception):
    """A refusal a client can act on; `code` is stable, `message` is for people."""

    code = "error"

    def __init__(self, message: str, *, fields: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


class InvalidInput(ServiceError):
    """The request is well-formed but its values are not acceptable."""

    code = "invalid_input"


class NotAuthenticated(ServiceError):
    """No valid credentials: missing, wrong, expired or revoked."""

    code = "not_authenticated"


class InvalidCredentials(NotAuthenticated):
    """Email and password do not match (which one is wrong is not said)."""

    code = "invalid_credentials"


class Forbidden(ServiceError):
    """The person is known but their role does not allow this."""

    code = "forbidden"


class NotFound(ServiceError):
    """No such thing, or not one this person may see: the two are never told apart."""

    code = "not_found"


class Conflict(ServiceError):
    """The request clashes with what is stored (an email already registered, say)."""

    code = "conflict"


class RateLimited(ServiceError):
    """Too many attempts; try again after `retry_after` seconds."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
