"""Cookie sessions for the web pages, each with its own CSRF token.

The cookie carries an opaque secret whose SHA-256 is stored; the CSRF token is stored as is and
rendered into every form, then compared in constant time on each unsafe request. The web layer
sets the cookie HttpOnly, SameSite=Lax, and Secure when served over HTTPS.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from midback.domain.accounts import User, WebSession
from midback.services.accounts import check_login
from midback.services.errors import NotAuthenticated
from midback.services.security import Security, digest, new_secret
from midback.storage.uow import UnitOfWork

COOKIE_NAME = "midback_session"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session and its user."""

    user: User
    session: WebSession


def log_in_web(
    uow: UnitOfWork, security: Security, *, email: str, password: str, address: str
) -> tuple[SignedIn, str]:
    """Check the credentials (rate limited like the API) and start a session; returns the
    session and the cookie value, which is never stored."""
    cookie = new_secret()

    def start(uow: UnitOfWork, user: User, now: datetime) -> SignedIn:
        session = uow.web_sessions.add(
            user_id=user.id,
            session_hash=digest(cookie),
            csrf_token=secrets.token_urlsafe(32),
            now=now,
            expires=now + security.session_lifetime,
        )
        return SignedIn(user, session)

    signed_in = check_login(
        uow, security, email=email, password=password, address=address, on_success=start
    )
    return signed_in, cookie


def resume(uow: UnitOfWork, cookie: str) -> SignedIn:
    """The session a cookie belongs to; NotAuthenticated if unknown or expired."""
    with uow:
        session = uow.web_sessions.find(digest(cookie))
        if session is None or session.expires_at <= uow.clock.now():
            raise NotAuthenticated("please log in")
        user = uow.users.get(session.user_id)
    if user is None:
        raise NotAuthenticated("please log in")
    return SignedIn(user, session)


def csrf_matches(session: WebSession, submitted: str | None) -> bool:
    """True if a form echoed the session's CSRF token."""
    if submitted is None:
        return False
    return hmac.compare_digest(session.csrf_token.encode(), submitted.encode())


def log_out_web(uow: UnitOfWork, session: WebSession) -> None:
    """End the session."""
    with uow:
        uow.web_sessions.delete(session.id)
        uow.commit()
