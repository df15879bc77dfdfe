"""Cookie sessions for the web pages and their CSRF tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from midback.services import accounts, web_sessions
from midback.services.errors import InvalidCredentials, NotAuthenticated
from midback.services.security import Security
from midback.storage.uow import Storage

EMAIL, PASSWORD = "ada@example.org", "a long and rare passphrase"


def _sign_in(storage: Storage, security: Security) -> tuple[web_sessions.SignedIn, str]:
    return web_sessions.log_in_web(
        storage.unit_of_work(), security, email=EMAIL, password=PASSWORD, address="10.0.0.1"
    )


def test_a_session_resumes_from_its_cookie_and_checks_csrf(
    storage: Storage, security: Security
) -> None:
    accounts.register(storage.unit_of_work(), security, email=EMAIL, password=PASSWORD)
    signed_in, cookie = _sign_in(storage, security)
    resumed = web_sessions.resume(storage.unit_of_work(read_only=True), cookie)
    assert resumed.user.email == EMAIL
    csrf = resumed.session.csrf_token
    assert web_sessions.csrf_matches(resumed.session, csrf)
    assert not web_sessions.csrf_matches(resumed.session, csrf[:-1] + "x")
    assert not web_sessions.csrf_matches(resumed.session, None)
    assert not web_sessions.csrf_matches(resumed.session, "é")
    web_sessions.log_out_web(storage.unit_of_work(), signed_in.session)
    with pytest.raises(NotAuthenticated):
        web_sessions.resume(storage.unit_of_work(), cookie)


def test_sessions_expire_and_end_with_a_password_change(
    storage: Storage, security: Security
) -> None:
    user = accounts.register(storage.unit_of_work(), security, email=EMAIL, password=PASSWORD)
    _, expiring = _sign_in(storage, security)
    with storage.engine.begin() as connection:
        connection.execute(text("UPDATE web_sessions SET expires_at = created_at"))
    with pytest.raises(NotAuthenticated):
        web_sessions.resume(storage.unit_of_work(), expiring)
    _, cookie = _sign_in(storage, security)
    accounts.change_password(
        storage.unit_of_work(), security, user, current=PASSWORD, new="another rare passphrase"
    )
    with pytest.raises(NotAuthenticated):
        web_sessions.resume(storage.unit_of_work(), cookie)
    with pytest.raises(InvalidCredentials):
        _sign_in(storage, security)
