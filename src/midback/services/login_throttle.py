"""Password-guessing limits, kept in the database so every worker process sees the same counts.

There is no lockout: failures from other addresses never keep the owner out. An attempt is
refused without checking the password when

- its (account, address) pair failed `max_failures_per_account` times in the window (15 min),
- its address failed `max_failures_per_address` times in the window, on any accounts, or
- the account failed `max_failures_per_account_daily` times in the long window (24 h), from any
  addresses, and this address failed at least once in the short window: guesses spread over
  many addresses slow to one per address per window, while an address that has not guessed
  (the owner's, most likely) is still checked.

Every attempt is stored as a failure before the password is checked and deleted if it was
right, so parallel requests cannot all slip under a limit. A right password clears the
failures of its (account, address) pair only, so the owner logging in does not hand a guesser
new tries. The same limits guard the checks of the current password (changing it, deleting the
account), under a key of their own; sign-ups are limited per address the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from midback.services.errors import RateLimited
from midback.services.security import Security
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Attempt:
    """Who is being guessed at and from where, as stored HMACs (no raw emails or addresses)."""

    account: str
    address: str


def account_key(security: Security, email: str) -> str:
    """How an account is identified among failures (an HMAC, so no raw email is stored)."""
    return security.keyed("login-account", email.strip().lower())


def address_key(security: Security, address: str) -> str:
    """How a client address is identified among failures (an HMAC, not the address)."""
    return security.keyed("login-address", address)


def login_attempt(security: Security, email: str, address: str) -> Attempt:
    """A login with this email from this address."""
    return Attempt(account_key(security, email), address_key(security, address))


def confirm_attempt(security: Security, user_id: int, address: str) -> Attempt:
    """A check of a signed-in person's current password from this address."""
    return Attempt(security.keyed("confirm-account", str(user_id)), address_key(security, address))


def sign_up_attempt(security: Security, address: str) -> Attempt:
    """A sign-up from this address (counted apart from password failures)."""
    return Attempt(security.keyed("sign-up", ""), security.keyed("sign-up-address", address))


def check(uow: UnitOfWork, security: Security, attempt: Attempt, *, now: datetime) -> None:
    """Raise RateLimited if a limit on this attempt is used up (see the module docstring)."""
    account, address = attempt.account, attempt.address
    uow.login_failures.lock(account_key=account, address_key=address)
    short = now - security.login_window
    long = now - security.login_account_window
    failures = uow.login_failures
    pair = failures.recent(since=short, account_key=account, address_key=address)
    from_address = failures.recent(since=short, address_key=address)
    waits = _waits(pair, security.max_failures_per_account, security.login_window, now)
    waits += _waits(from_address, security.max_failures_per_address, security.login_window, now)
    if from_address[0] > 0:
        on_account = failures.recent(since=long, account_key=account)
        cap, window = security.max_failures_per_account_daily, security.login_account_window
        waits += _waits(on_account, cap, window, now)
    if waits:
        retry_after = max(1, math.ceil(max(waits)))
        raise RateLimited(
            f"too many attempts; try again in {retry_after} seconds", retry_after=retry_after
        )


def check_sign_up(uow: UnitOfWork, security: Security, attempt: Attempt, *, now: datetime) -> None:
    """Raise RateLimited if the address signed up too often in the window."""
    uow.login_failures.lock(account_key=attempt.account, address_key=attempt.address)
    since = now - security.login_window
    count = uow.login_failures.recent(
        since=since, account_key=attempt.account, address_key=attempt.address
    )
    waits = _waits(count, security.register_max_per_address, security.login_window, now)
    if waits:
        retry_after = max(1, math.ceil(max(waits)))
        raise RateLimited(
            f"too many sign-ups from here; try again in {retry_after} seconds",
            retry_after=retry_after,
        )


def _waits(
    found: tuple[int, datetime | None], limit: int, window: timedelta, now: datetime
) -> list[float]:
    count, oldest = found
    if count < limit or oldest is None:
        return []
    return [(oldest + window - now).total_seconds()]


def record_failure(uow: UnitOfWork, security: Security, attempt: Attempt, *, now: datetime) -> None:
    """Count an attempt (as failed until proved right) and forget those past every window."""
    uow.login_failures.prune(now - max(security.login_window, security.login_account_window))
    uow.login_failures.add(account_key=attempt.account, address_key=attempt.address, now=now)


def record_success(uow: UnitOfWork, attempt: Attempt) -> None:
    """Forget the failures of this (account, address) pair."""
    uow.login_failures.clear_pair(account_key=attempt.account, address_key=attempt.address)
