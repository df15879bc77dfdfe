"""The database tables, as typed SQLAlchemy declarations (rows, not domain objects).

Every table that holds a person's data references `users.id` with ON DELETE CASCADE, so deleting
the user row erases everything of theirs in one statement. Secrets are stored only as SHA-256 hex
digests (64 characters). Timestamps are UTC (see `types.UTCDateTime`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from midback.storage.types import NEVER_REUSE_IDS, Id, UTCDateTime

# Deterministic constraint names, so migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
DIGEST = String(64)
ROLES = ("member", "clinician", "admin")


class Base(DeclarativeBase):
    """Base of every table; its metadata is what Alembic compares migrations against."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _user_fk(ondelete: str = "CASCADE") -> ForeignKey:
    return ForeignKey("users.id", ondelete=ondelete)


class UserRow(Base):
    """A person's account."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN {ROLES!r}", name="role"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, doc="Lower-cased address.")
    role: Mapped[str] = mapped_column(String(16), doc="member, clinician or admin.")
    password_hash: Mapped[str] = mapped_column(String(255), doc="argon2id PHC string.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    display_name: Mapped[str] = mapped_column(
        String(80), default="", server_default="", doc="How the person likes to be named; optional."
    )


class ApiTokenRow(Base):
    """A bearer token for API clients, stored as the SHA-256 of the token."""

    __tablename__ = "api_tokens"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    token_hash: Mapped[str] = mapped_column(DIGEST, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebSessionRow(Base):
    """A browser session cookie (hashed) and the CSRF token bound to it."""

    __tablename__ = "web_sessions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    session_hash: Mapped[str] = mapped_column(DIGEST, unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PasswordResetRow(Base):
    """A one-time password reset token issued by an admin (hashed)."""

    __tablename__ = "password_reset_tokens"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    token_hash: Mapped[str] = mapped_column(DIGEST, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginFailureRow(Base):
    """A failed login, keyed by HMACs of the account and address (no raw emails or IPs kept)."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_account_at", "account_key", "at"),
        Index("ix_login_failures_address_at", "address_key", "at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    account_key: Mapped[str] = mapped_column(DIGEST)
    address_key: Mapped[str] = mapped_column(DIGEST)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class InviteRow(Base):
    """A clinician's single-use invite code (hashed)."""

    __tablename__ = "clinician_invites"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    clinician_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    code_hash: Mapped[str] = mapped_column(DIGEST, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redeemed_by: Mapped[int | None] = mapped_column(Id, _user_fk("SET NULL"), index=True)


class PatientLinkRow(Base):
    """A clinician following a patient; `revoked_at` set by the patient ends it."""

    __tablename__ = "patient_links"
    __table_args__ = (
        CheckConstraint("clinician_id <> patient_id", name="not_self"),
        Index("ix_patient_links_clinician_patient", "clinician_id", "patient_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    clinician_id: Mapped[int] = mapped_column(Id, _user_fk())
    patient_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditRow(Base):
    """Something done to a person's account or data; the patient can read their own trail."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_subject_at", "subject_id", "at"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    subject_id: Mapped[int] = mapped_column(Id, _user_fk())
    actor_id: Mapped[int | None] = mapped_column(Id, _user_fk("SET NULL"), index=True)
    actor_role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)
