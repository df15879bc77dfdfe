"""People and what connects them: users with roles, clinician links and the audit trail.

Plain values, no I/O: storage maps its rows to these, services decide with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What a person may do: members track themselves, clinicians also follow linked patients."""

    MEMBER = "member"
    CLINICIAN = "clinician"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class User:
    """A person with an account; `email` is stored lower-cased, so unique case-insensitively."""

    id: int
    email: str
    role: Role
    created_at: datetime
    password_hash: str = field(repr=False)
    display_name: str = ""
    """How the person likes to be named ("" when they gave no name: show the email)."""

    @property
    def shown_name(self) -> str:
        """The display name, else the email."""
        return self.display_name or self.email


@dataclass(frozen=True, slots=True)
class Credential:
    """A stored secret (API token, web session, reset token): only its hash is kept."""

    id: int
    user_id: int
    expires_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None

    def is_valid(self, now: datetime) -> bool:
        """Not revoked (or used) and not yet expired."""
        return self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class WebSession:
    """A browser session: the person, and the CSRF token every form must echo."""

    id: int
    user_id: int
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Invite:
    """A clinician's single-use invite; redeeming it links the redeemer as a patient."""

    id: int
    clinician_id: int
    created_at: datetime
    expires_at: datetime
    redeemed_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        """Still redeemable: unused and unexpired."""
        return self.redeemed_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class PatientLink:
    """A clinician following a patient, from `created_at` until the patient revokes it."""

    id: int
    clinician_id: int
    patient_id: int
    created_at: datetime
    revoked_at: datetime | None = None
    clinician_email: str = ""
    patient_email: str = ""
    patient_name: str = ""
    """The patient's display name ("" when they gave none)."""

    @property
    def patient_shown(self) -> str:
        """The patient's display name, else their email."""
        return self.patient_name or self.patient_email

    @property
    def active(self) -> bool:
        """True until revoked; a revoked link grants nothing."""
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """Something done to a person's account or data, and by whom (None once they are deleted)."""

    id: int
    subject_id: int
    actor_id: int | None
    actor_role: Role | None
    action: str
    at: datetime
    detail: str = ""
    actor_email: str = ""
