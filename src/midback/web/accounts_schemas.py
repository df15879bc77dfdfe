"""Request and response bodies of the account, sharing and clinician endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from midback.domain.accounts import AuditEntry, PatientLink, Role, User

Password = Field(min_length=1, max_length=1024, description="At least 10 characters.")


class FieldError(BaseModel):
    """What is wrong with one field."""

    field: str
    message: str


class ErrorDetail(BaseModel):
    """A stable `code`, a message for people, and the fields at fault (if any)."""

    code: str
    message: str
    fields: list[FieldError]


class ErrorBody(BaseModel):
    """The shape of every error response."""

    error: ErrorDetail


_STATUS_TEXT = {
    401: "Not authenticated (no, unknown, expired or revoked token)",
    403: "Your role does not allow this",
    404: "Not found, or not yours to see",
    409: "Conflicts with what is stored",
    413: "Request body over the size limit",
    422: "Invalid input; `fields` says which and why",
    429: "Too many attempts; see Retry-After",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI descriptions of the errors an endpoint can answer with (all the same shape)."""
    return {s: {"model": ErrorBody, "description": _STATUS_TEXT[s]} for s in (*statuses, 413, 422)}


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Credentials(_In):
    """An email and a password."""

    email: str = Field(
        min_length=1, max_length=320, pattern=r"^[^\x00]*$", examples=["ada@example.org"]
    )
    password: str = Password


class PasswordChange(_In):
    """The current password and the new one."""

    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Password


class PasswordConfirmation(_In):
    """The account's password, asked again before something that cannot be undone."""

    password: str = Field(min_length=1, max_length=1024)


class PasswordReset(_In):
    """A one-time token from `midback admin reset-token` and the new password."""

    token: str = Field(min_length=1, max_length=200)
    new_password: str = Password


class InviteRedemption(_In):
    """An invite code given by a clinician."""

    code: str = Field(min_length=1, max_length=64, examples=["K7QM-3XPA-9TRD"])


class UserOut(BaseModel):
    """A person's account."""

    id: int
    email: str
    role: Role
    created_at: datetime
    display_name: str = Field(default="", description='How you like to be named; "" if unset.')

    @classmethod
    def of(cls, user: User) -> UserOut:
        """The public view of a user (never the password hash)."""
        return cls(
            id=user.id,
            email=user.email,
            role=user.role,
            created_at=user.created_at,
            display_name=user.display_name,
        )


class TokenOut(BaseModel):
    """A bearer token; send it as `Authorization: Bearer <access_token>`."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    user: UserOut


class InviteOut(BaseModel):
    """A single-use invite code to hand to a patient (shown only this once)."""

    code: str
    expires_at: datetime


class LinkOut(BaseModel):
    """A link between a clinician and a patient."""

    id: int
    clinician_id: int
    clinician_email: str
    patient_id: int
    patient_email: str
    created_at: datetime
    revoked_at: datetime | None
    active: bool

    @classmethod
    def of(cls, link: PatientLink) -> LinkOut:
        """The API view of a link."""
        return cls(
            id=link.id,
            clinician_id=link.clinician_id,
            clinician_email=link.clinician_email,
            patient_id=link.patient_id,
            patient_email=link.patient_email,
            created_at=link.created_at,
            revoked_at=link.revoked_at,
            active=link.active,
        )


class AuditOut(BaseModel):
    """One entry of a person's audit trail."""

    id: int
    action: str
    at: datetime
    actor_id: int | None
    actor_email: str
    actor_role: Role | None
    detail: str

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditOut:
        """The API view of an audit entry."""
        return cls(
            id=entry.id,
            action=entry.action,
            at=entry.at,
            actor_id=entry.actor_id,
            actor_email=entry.actor_email,
            actor_role=entry.actor_role,
            detail=entry.detail,
        )


class PatientOut(BaseModel):
    """A linked patient, as their clinician sees them."""

    patient_id: int
    email: str
    linked_since: datetime
    link_id: int

    @classmethod
    def of(cls, link: PatientLink) -> PatientOut:
        """The clinician's view of a link's patient."""
        return cls(
            patient_id=link.patient_id,
            email=link.patient_email,
            linked_since=link.created_at,
            link_id=link.id,
        )
