"""Accounts: register, log in and out with bearer tokens, change or reset a password, delete.

Every function takes a fresh (not yet entered) unit of work and commits what it did, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from email_validator import EmailNotValidError, validate_email

from midback.domain.accounts import Credential, Role, User
from midback.services import login_throttle
from midback.services.errors import (
    Conflict,
    FieldProblem,
    InvalidCredentials,
    InvalidInput,
    NotAuthenticated,
    NotFound,
)
from midback.services.passwords import require_acceptable
from midback.services.security import Security, digest, new_secret
from midback.storage.uow import UnitOfWork

T = TypeVar("T")

# A token's `last_used_at` is rewritten at most this often, sparing a write per request.
TOKEN_USE_RESOLUTION_SECONDS = 60


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new bearer token: shown to the client once, stored only as a hash."""

    user: User
    token: str = field(repr=False)
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Authenticated:
    """Who a bearer token belongs to, and whether its last use should be recorded."""

    user: User
    token_id: int
    use_is_stale: bool


def normalize_email(email: str, *, field: str = "email") -> str:
    """The lower-cased form of a syntactically valid address; InvalidInput otherwise."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidInput(str(error), fields=(FieldProblem(field, str(error)),)) from None
    return checked.normalized.lower()


def lookup_email(email: str) -> str:
    """The stored form of an email typed at login, even if it is not a valid address."""
    try:
        return normalize_email(email)
    except InvalidInput:
        return email.strip().lower()


def create_user(
    uow: UnitOfWork, security: Security, *, email: str, password: str, role: Role = Role.MEMBER
) -> User:
    """A new account; Conflict if the email is taken, InvalidInput if the password is weak."""
    address = normalize_email(email)
    require_acceptable(password, email=address)
    password_hash = security.passwords.hash(password)
    with uow:
        if uow.users.by_email(address) is not None:
            raise Conflict(
                "an account with this email exists",
                fields=(FieldProblem("email", "already registered"),),
            )
        user = uow.users.add(
            email=address, role=role, password_hash=password_hash, now=uow.clock.now()
        )
        uow.commit()
    return user


def register(
    uow: UnitOfWork, security: Security, *, email: str, password: str, address: str | None = None
) -> User:
    """Self-service sign-up: always a member (clinicians are made by an admin).

    Sign-ups from one client `address` are limited (RateLimited), refused ones included: the
    answer says whether an email has an account (midback sends no email to say it privately
    instead), so the limit is what keeps that from being asked of many addresses.
    """
    if address is not None:
        attempt = login_throttle.sign_up_attempt(security, address)
        with uow:
            now = uow.clock.now()
            login_throttle.check_sign_up(uow, security, attempt, now=now)
            login_throttle.record_failure(uow, security, attempt, now=now)
            uow.commit()
    return create_user(uow, security, email=email, password=password, role=Role.MEMBER)


def check_login(
    uow: UnitOfWork,
    security: Security,
    *,
    email: str,
    password: str,
    address: str,
    on_success: Callable[[UnitOfWork, User, datetime], T],
) -> T:
    """Check credentials (rate limited), then run `on_success` in the transaction that records
    the success.

    The attempt is first recorded as a failure, in the transaction that checks the limits, and
    only cleared once the password proved right: requests sent in parallel cannot all slip under
    the limit. The slow argon2 check runs between the two short transactions, so it never holds
    SQLite's write lock while other requests wait for it.
    """
    key = lookup_email(email)
    attempt = login_throttle.login_attempt(security, key, address)
    with uow:
        now = uow.clock.now()
        login_throttle.check(uow, security, attempt, now=now)
        login_throttle.record_failure(uow, security, attempt, now=now)
        user = uow.users.by_email(key)
        uow.commit()
    if user is None:
        security.passwords.verify_nobody(password)
    valid = user is not None and security.passwords.verify(user.password_hash, password)
    rehashed = None
    if user is not None and valid and security.passwords.needs_rehash(user.password_hash):
        rehashed = security.passwords.hash(password)
    if user is None or not valid:
        raise InvalidCredentials("wrong email or password")
    with uow:
        now = uow.clock.now()
        login_throttle.record_success(uow, attempt)
        if rehashed:
            uow.users.set_password_hash(user.id, rehashed, changed_at=None)
        result = on_success(uow, user, now)
        uow.commit()
    return result


def log_in(
    uow: UnitOfWork, security: Security, *, email: str, password: str, address: str
) -> IssuedToken:
    """Check the credentials and issue a bearer token."""

    def issue(uow: UnitOfWork, user: User, now: datetime) -> IssuedToken:
        token, expires_at = new_secret(), now + security.token_lifetime
        uow.api_tokens.add(
            user_id=user.id, token_hash=digest(token), now=now, expires_at=expires_at
        )
        return IssuedToken(user, token, expires_at)

    return check_login(
        uow, security, email=email, password=password, address=address, on_success=issue
    )


def authenticate(uow: UnitOfWork, token: str) -> Authenticated:
    """The user of a valid bearer token; NotAuthenticated if unknown, expired or revoked."""
    with uow:
        return authenticated_in(uow, token)


def authenticated_in(uow: UnitOfWork, token: str) -> Authenticated:
    """`authenticate` in the caller's open unit of work (so a read can go on in it)."""
    now = uow.clock.now()
    return _checked(uow.api_tokens.find_with_user(digest(token)), now)


def authenticated_with_version(uow: UnitOfWork, token: str) -> tuple[Authenticated, int]:
    """`authenticated_in`, with the user's plan-inputs version read in the same query."""
    now = uow.clock.now()
    found = uow.api_tokens.find_with_user_and_version(digest(token))
    auth = _checked(None if found is None else (found[0], found[1]), now)
    assert found is not None
    return auth, found[2]


def _checked(found: tuple[Credential, User] | None, now: datetime) -> Authenticated:
    if found is None or not found[0].is_valid(now):
        raise NotAuthenticated("invalid or expired token")
    credential, user = found
    last = credential.last_used_at
    stale = last is None or (now - last).total_seconds() >= TOKEN_USE_RESOLUTION_SECONDS
    return Authenticated(user, credential.id, stale)


def record_token_use(uow: UnitOfWork, token_id: int) -> None:
    """Note that a token was just used (call when `Authenticated.use_is_stale`)."""
    with uow:
        uow.api_tokens.touch(token_id, uow.clock.now())
        uow.commit()


def log_out(uow: UnitOfWork, token_id: int) -> None:
    """Revoke one bearer token."""
    with uow:
        uow.api_tokens.revoke(token_id, uow.clock.now())
        uow.commit()


def change_password(
    uow: UnitOfWork,
    security: Security,
    user: User,
    *,
    current: str,
    new: str,
    keep_token_id: int | None = None,
    address: str = "unknown",
) -> None:
    """Replace the password after checking the current one (throttled like logins, per client
    `address`); other tokens and sessions end."""
    confirm_password(uow, security, user, current, address=address, field="current_password")
    require_acceptable(new, email=user.email, field="new_password")
    new_hash = security.passwords.hash(new)
    with uow:
        _replace_password(uow, user.id, new_hash, keep_token_id=keep_token_id)
        uow.audit.add(
            subject_id=user.id,
            actor_id=user.id,
            actor_role=user.role,
            action="password.changed",
            now=uow.clock.now(),
        )
        uow.commit()


def issue_reset_token(uow: UnitOfWork, security: Security, *, email: str) -> str:
    """A one-time reset token for the account (printed by an admin); older ones are voided."""
    now = uow.clock.now()
    token = new_secret()
    with uow:
        user = uow.users.by_email(lookup_email(email))
        if user is None:
            raise NotFound(f"no account with email {email.strip()}")
        uow.reset_tokens.use_all(user.id, now)
        expires = now + security.reset_token_lifetime
        uow.reset_tokens.add(user_id=user.id, token_hash=digest(token), now=now, expires_at=expires)
        uow.audit.add(
            subject_id=user.id,
            actor_id=None,
            actor_role=Role.ADMIN,
            action="password.reset_issued",
            now=now,
        )
        uow.commit()
    return token


def reset_password(uow: UnitOfWork, security: Security, *, token: str, new_password: str) -> User:
    """Set a new password with a reset token; every token and session of the account ends."""
    invalid = InvalidInput(
        "invalid or expired reset token",
        fields=(FieldProblem("token", "invalid or expired"),),
    )
    with uow:
        credential = uow.reset_tokens.find(digest(token))
        user = uow.users.get(credential.user_id) if credential else None
    if credential is None or user is None or not credential.is_valid(uow.clock.now()):
        raise invalid
    require_acceptable(new_password, email=user.email, field="new_password")
    new_hash = security.passwords.hash(new_password)  # outside any transaction: it is slow
    with uow:
        now = uow.clock.now()
        if not uow.reset_tokens.use(credential.id, now):  # someone used it meanwhile
            raise invalid
        _replace_password(uow, user.id, new_hash, keep_token_id=None)
        uow.audit.add(
            subject_id=user.id,
            actor_id=user.id,
            actor_role=user.role,
            action="password.reset",
            now=now,
        )
        uow.commit()
    return user


def confirm_password(
    uow: UnitOfWork, security: Security, user: User, password: str, *, address: str, field: str
) -> None:
    """Check a signed-in person's password before something that needs it: InvalidInput on
    `field` if it is wrong, RateLimited after too many wrong ones from this address."""
    attempt = login_throttle.confirm_attempt(security, user.id, address)
    with uow:
        now = uow.clock.now()
        login_throttle.check(uow, security, attempt, now=now)
        login_throttle.record_failure(uow, security, attempt, now=now)
        uow.commit()
    if not security.passwords.verify(user.password_hash, password):
        problem = FieldProblem(field, "does not match")
        raise InvalidInput("the password is wrong", fields=(problem,))
    with uow:
        login_throttle.record_success(uow, attempt)
        uow.commit()


def close_account(
    uow: UnitOfWork, security: Security, user: User, *, password: str, address: str
) -> None:
    """Delete one's own account once the password proved it is the owner asking."""
    confirm_password(uow, security, user, password, address=address, field="password")
    delete_account(uow, user.id)


def delete_account(uow: UnitOfWork, user_id: int) -> None:
    """Erase the account and, by cascade, everything stored about the person."""
    with uow:
        uow.users.delete(user_id)
        uow.commit()


def get_user(uow: UnitOfWork, *, email: str) -> User:
    """The account with this email; NotFound otherwise."""
    with uow:
        user = uow.users.by_email(lookup_email(email))
    if user is None:
        raise NotFound(f"no account with email {email.strip()}")
    return user


def set_role(uow: UnitOfWork, *, email: str, role: Role) -> User:
    """Give an account another role (an admin's job)."""
    with uow:
        user = uow.users.by_email(lookup_email(email))
        if user is None:
            raise NotFound(f"no account with email {email.strip()}")
        uow.users.set_role(user.id, role)
        uow.commit()
        return User(user.id, user.email, role, user.created_at, user.password_hash)


def _replace_password(
    uow: UnitOfWork, user_id: int, new_hash: str, *, keep_token_id: int | None
) -> None:
    now = uow.clock.now()
    uow.users.set_password_hash(user_id, new_hash, changed_at=now)
    uow.api_tokens.revoke_all(user_id, now, keep=keep_token_id)
    uow.web_sessions.delete_all(user_id)
    uow.reset_tokens.use_all(user_id, now)
