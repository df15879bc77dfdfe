"""Account use cases on a real database: sign-up, login, tokens, password changes and resets."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from midback.clock import MovableClock
from midback.config import Settings
from midback.domain.accounts import Role
from midback.services import accounts
from midback.services.errors import (
    Conflict,
    InvalidCredentials,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    RateLimited,
)
from midback.services.security import Security
from midback.storage.uow import Storage

EMAIL, PASSWORD = "Ada@Example.org", "a long and rare passphrase"


def _register(storage: Storage, security: Security, email: str = EMAIL) -> None:
    accounts.register(storage.unit_of_work(), security, email=email, password=PASSWORD)


def _log_in(
    storage: Storage,
    security: Security,
    password: str = PASSWORD,
    address: str = "10.0.0.1",
    email: str = EMAIL,
) -> accounts.IssuedToken:
    return accounts.log_in(
        storage.unit_of_work(), security, email=email, password=password, address=address
    )


def test_register_then_log_in_with_any_case(storage: Storage, security: Security) -> None:
    _register(storage, security)
    issued = _log_in(storage, security, email="ADA@example.ORG")
    assert issued.user.email == "ada@example.org"
    assert issued.user.role is Role.MEMBER
    auth = accounts.authenticate(storage.unit_of_work(read_only=True), issued.token)
    assert auth.user.id == issued.user.id
    assert auth.use_is_stale


def test_tokens_are_stored_only_as_hashes(storage: Storage, security: Security) -> None:
    _register(storage, security)
    issued = _log_in(storage, security)
    with storage.engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM api_tokens")).scalar_one()
    assert issued.token not in stored
    assert len(stored) == 64


def test_duplicate_emails_and_bad_input_are_refused(storage: Storage, security: Security) -> None:
    _register(storage, security)
    with pytest.raises(Conflict):
        _register(storage, security, email="ada@EXAMPLE.org")
    with pytest.raises(InvalidInput) as caught:
        _register(storage, security, email="not-an-email")
    assert caught.value.fields[0].field == "email"
    with pytest.raises(InvalidInput):
        accounts.register(
            storage.unit_of_work(), security, email="b@example.org", password="1234567890"
        )


def test_wrong_password_and_unknown_email_look_the_same(
    storage: Storage, security: Security
) -> None:
    _register(storage, security)
    with pytest.raises(InvalidCredentials) as wrong:
        _log_in(storage, security, password="not the passphrase")
    with pytest.raises(InvalidCredentials) as unknown:
        _log_in(storage, security, email="nobody@example.org")
    assert wrong.value.message == unknown.value.message


def test_failures_from_elsewhere_never_lock_the_owner_out(
    storage: Storage, security: Security
) -> None:
    _register(storage, security)
    _register(storage, security, email="bob@example.org")
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            _log_in(storage, security, password="wrong guess", address="10.6.6.6")
    with pytest.raises(RateLimited) as limited:  # the guessing address is slowed down
        _log_in(storage, security, address="10.6.6.6")
    assert 1 <= limited.value.retry_after <= 15 * 60
    assert _log_in(storage, security, address="10.9.9.9")  # the owner, from their own address
    assert _log_in(storage, security, email="bob@example.org", address="10.6.6.6")


def test_a_slower_cap_per_account_stops_guesses_spread_over_addresses(
    storage: Storage, settings: Settings
) -> None:
    security = Security.from_settings(
        settings.model_copy(update={"login_max_failures_per_account_daily": 6})
    )
    _register(storage, security)
    for n in range(6):  # two guesses from each of three addresses
        with pytest.raises(InvalidCredentials):
            _log_in(storage, security, password="wrong guess", address=f"10.3.0.{n // 2}")
    with pytest.raises(RateLimited) as limited:  # an address that guessed: refused for a day
        _log_in(storage, security, address="10.3.0.1")
    assert 15 * 60 < limited.value.retry_after <= 24 * 3600
    assert _log_in(storage, security, address="10.4.0.1")  # a clean address still gets in


def test_current_password_checks_are_throttled(storage: Storage, security: Security) -> None:
    _register(storage, security)
    issued = _log_in(storage, security)
    for _ in range(security.max_failures_per_account):
        with pytest.raises(InvalidInput):
            accounts.change_password(
                storage.unit_of_work(),
                security,
                issued.user,
                current="a wrong guess",
                new="another rare passphrase",
                address="10.5.0.1",
            )
    with pytest.raises(RateLimited):
        accounts.close_account(
            storage.unit_of_work(), security, issued.user, password=PASSWORD, address="10.5.0.1"
        )
    accounts.close_account(
        storage.unit_of_work(), security, issued.user, password=PASSWORD, address="10.5.0.2"
    )
    with pytest.raises(InvalidCredentials):
        _log_in(storage, security, address="10.5.0.2")


def test_sign_ups_are_throttled_per_address(storage: Storage, settings: Settings) -> None:
    security = Security.from_settings(settings.model_copy(update={"register_max_per_address": 3}))
    for n in range(3):
        accounts.register(
            storage.unit_of_work(),
            security,
            email=f"p{n}@example.org",
            password=PASSWORD,
            address="10.8.0.1",
        )
    with pytest.raises(RateLimited):
        accounts.register(
            storage.unit_of_work(),
            security,
            email="p9@example.org",
            password=PASSWORD,
            address="10.8.0.1",
        )
    accounts.register(
        storage.unit_of_work(), security, email="p9@example.org", password=PASSWORD, address="x"
    )


def test_failures_from_one_address_lock_that_address(storage: Storage, settings: Settings) -> None:
    security = Security.from_settings(
        settings.model_copy(update={"login_max_failures_per_address": 3})
    )
    _register(storage, security)
    for n in range(3):
        with pytest.raises(InvalidCredentials):
            _log_in(storage, security, email=f"guess{n}@example.org", address="10.6.6.6")
    with pytest.raises(RateLimited):
        _log_in(storage, security, address="10.6.6.6")
    assert _log_in(storage, security, address="10.7.7.7")


def test_failures_age_out_and_success_clears_them(storage: Storage, security: Security) -> None:
    _register(storage, security)
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            _log_in(storage, security, password="wrong guess")
    with storage.engine.begin() as connection:  # move the failures out of the window
        connection.execute(text("DELETE FROM login_failures"))
    _log_in(storage, security)
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            _log_in(storage, security, password="wrong guess", address="10.1.1.1")
    _log_in(storage, security, address="10.1.1.1")  # clears that address's four failures
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            _log_in(storage, security, password="wrong guess", address="10.1.1.1")
    assert _log_in(storage, security, address="10.1.1.1")


def test_failures_age_out_as_the_clock_moves(database_url: str, security: Security) -> None:
    clock = MovableClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    storage = Storage.from_url(database_url, clock=clock)
    try:
        _register(storage, security)
        for _ in range(security.max_failures_per_account):
            with pytest.raises(InvalidCredentials):
                _log_in(storage, security, password="wrong guess")
        clock.advance(security.login_window - timedelta(seconds=30))
        with pytest.raises(RateLimited) as limited:
            _log_in(storage, security)  # still inside the window: refused, right password or not
        assert 1 <= limited.value.retry_after <= 30
        clock.advance(timedelta(seconds=31))  # the first failure is now out of the window
        assert _log_in(storage, security)
    finally:
        storage.dispose()


def test_expired_and_revoked_tokens_stop_working(storage: Storage, security: Security) -> None:
    _register(storage, security)
    first, second = _log_in(storage, security), _log_in(storage, security)
    auth = accounts.authenticate(storage.unit_of_work(), first.token)
    accounts.log_out(storage.unit_of_work(), auth.token_id)
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(storage.unit_of_work(), first.token)
    with storage.engine.begin() as connection:
        connection.execute(text("UPDATE api_tokens SET expires_at = created_at"))
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(storage.unit_of_work(), second.token)
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(storage.unit_of_work(), "made-up")


def test_a_login_rehashes_a_password_hashed_with_old_parameters(
    storage: Storage, settings: Settings
) -> None:
    weak = Security.from_settings(settings)
    _register(storage, weak)
    strong = Security.from_settings(settings.model_copy(update={"argon2_memory_kib": 16}))
    user = _log_in(storage, strong).user
    with storage.unit_of_work(read_only=True) as uow:
        stored = uow.users.get(user.id)
    assert stored is not None
    assert stored.password_hash != user.password_hash
    assert "m=16" in stored.password_hash
    assert not strong.passwords.needs_rehash(stored.password_hash)


def test_changing_the_password_ends_other_tokens(storage: Storage, security: Security) -> None:
    _register(storage, security)
    kept, other = _log_in(storage, security), _log_in(storage, security)
    auth = accounts.authenticate(storage.unit_of_work(), kept.token)
    with pytest.raises(InvalidInput):
        accounts.change_password(
            storage.unit_of_work(),
            security,
            auth.user,
            current="nope",
            new="another rare passphrase",
        )
    with pytest.raises(InvalidInput):
        accounts.change_password(
            storage.unit_of_work(), security, auth.user, current=PASSWORD, new="password123"
        )
    accounts.change_password(
        storage.unit_of_work(),
        security,
        auth.user,
        current=PASSWORD,
        new="another rare passphrase",
        keep_token_id=auth.token_id,
    )
    assert accounts.authenticate(storage.unit_of_work(), kept.token)
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(storage.unit_of_work(), other.token)
    with pytest.raises(InvalidCredentials):
        _log_in(storage, security)
    assert _log_in(storage, security, password="another rare passphrase")


def test_a_reset_token_works_once_and_ends_every_token(
    storage: Storage, security: Security
) -> None:
    _register(storage, security)
    issued = _log_in(storage, security)
    old_reset = accounts.issue_reset_token(
        storage.unit_of_work(), security, email="ADA@example.org"
    )
    reset = accounts.issue_reset_token(storage.unit_of_work(), security, email=EMAIL)
    new = "a brand new passphrase"
    with pytest.raises(InvalidInput):  # issuing a new token voided the old one
        accounts.reset_password(storage.unit_of_work(), security, token=old_reset, new_password=new)
    with pytest.raises(InvalidInput):  # weak passwords are refused and the token is kept
        accounts.reset_password(storage.unit_of_work(), security, token=reset, new_password="short")
    accounts.reset_password(storage.unit_of_work(), security, token=reset, new_password=new)
    with pytest.raises(InvalidInput):
        accounts.reset_password(storage.unit_of_work(), security, token=reset, new_password=new)
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(storage.unit_of_work(), issued.token)
    assert _log_in(storage, security, password=new)
    with pytest.raises(NotFound):
        accounts.issue_reset_token(storage.unit_of_work(), security, email="nobody@example.org")


def test_reset_tokens_expire(storage: Storage, settings: Settings) -> None:
    security = Security.from_settings(
        settings.model_copy(update={"reset_token_lifetime": timedelta(seconds=1)})
    )
    _register(storage, security)
    reset = accounts.issue_reset_token(storage.unit_of_work(), security, email=EMAIL)
    with storage.engine.begin() as connection:
        connection.execute(text("UPDATE password_reset_tokens SET expires_at = created_at"))
    with pytest.raises(InvalidInput):
        accounts.reset_password(
            storage.unit_of_work(), security, token=reset, new_password="a brand new passphrase"
        )


def test_deleting_the_account_ends_its_tokens(storage: Storage, security: Security) -> None:
    _register(storage, security)
    issued = _log_in(storage, security)
    accounts.delete_account(storage.unit_of_work(), issued.user.id)
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(storage.unit_of_work(), issued.token)
    with pytest.raises(InvalidCredentials):
        _log_in(storage, security)


def test_admins_create_clinicians_and_change_roles(storage: Storage, security: Security) -> None:
    user = accounts.create_user(
        storage.unit_of_work(),
        security,
        email="doc@example.org",
        password=PASSWORD,
        role=Role.CLINICIAN,
    )
    assert user.role is Role.CLINICIAN
    assert (
        accounts.set_role(storage.unit_of_work(), email="DOC@example.org", role=Role.ADMIN).role
        is Role.ADMIN
    )
    assert accounts.get_user(storage.unit_of_work(), email="doc@example.org").role is Role.ADMIN


def test_parallel_guesses_cannot_slip_under_the_limit(storage: Storage, security: Security) -> None:
    _register(storage, security)

    def guess(n: int) -> str:
        try:
            _log_in(storage, security, password=f"wrong guess {n}", address="10.2.0.1")
        except InvalidCredentials:
            return "401"
        except RateLimited:
            return "429"
        return "200"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(guess, range(16)))
    assert outcomes.count("401") == security.max_failures_per_account
    assert outcomes.count("429") == 16 - security.max_failures_per_account
