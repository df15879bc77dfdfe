"""Login rate limiting per account and per client address, kept in the database so every
worker process sees the same counts.

Every attempt is stored as a failure before the password is checked and deleted if it was
right, so only failures remain. An account or address with too many failures in the window is
refused without checking the password until the oldest of them leaves the window. A successful
login clears the account's failures (whoever knows the password is not guessing it).
"""

from __future__ import annotations

import math
from datetime import datetime

from midback.services.errors import RateLimited
from midback.services.security import Security
from midback.storage.uow import UnitOfWork


def account_key(security: Security, email: str) -> str:
    """How an account is identified among failures (an HMAC, so no raw email is stored)."""
    return security.keyed("login-account", email.strip().lower())


def address_key(security: Security, address: str) -> str:
    """How a client address is identified among failures (an HMAC, not the address)."""
    return security.keyed("login-address", address)


def check(
    uow: UnitOfWork, security: Security, *, account: str, address: str, now: datetime
) -> None:
    """Raise RateLimited if the account or the address has used up its failures."""
    uow.login_failures.lock(account_key=account, address_key=address)
    since = now - security.login_window
    limits = (
        (
            uow.login_failures.recent(since=since, account_key=account),
            security.max_failures_per_account,
        ),
        (
            uow.login_failures.recent(since=since, address_key=address),
            security.max_failures_per_address,
        ),
    )
    waits = [
        (oldest + security.login_window - now).total_seconds()
        for (count, oldest), limit in limits
        if count >= limit and oldest is not None
    ]
    if waits:
        retry_after = max(1, math.ceil(max(waits)))
        raise RateLimited(
            f"too many failed logins; try again in {retry_after} seconds", retry_after=retry_after
        )


def record_failure(
    uow: UnitOfWork, security: Security, *, account: str, address: str, now: datetime
) -> None:
    """Count a failed attempt and forget those that left the window."""
    uow.login_failures.prune(now - security.login_window)
    uow.login_failures.add(account_key=account, address_key=address, now=now)


def record_success(uow: UnitOfWork, *, account: str) -> None:
    """Forget the account's failures."""
    uow.login_failures.clear_account(account)
