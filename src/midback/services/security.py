"""Secrets and the knobs of account security, built once from Settings."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from midback.clock import SYSTEM_CLOCK
from midback.config import Settings
from midback.services.passwords import Passwords


def utcnow() -> datetime:
    """The system clock's time, aware and in UTC: services ask `uow.clock` instead (see
    midback.clock), so only code without a unit of work or an app at hand calls this."""
    return SYSTEM_CLOCK.now()


def new_secret() -> str:
    """A fresh opaque secret: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The SHA-256 hex digest under which a secret is stored; the secret itself never is."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Security:
    """Password hashing, lifetimes and rate limits in force."""

    passwords: Passwords
    secret_key: bytes
    token_lifetime: timedelta
    session_lifetime: timedelta
    reset_token_lifetime: timedelta
    invite_lifetime: timedelta
    login_window: timedelta
    max_failures_per_account: int
    max_failures_per_address: int
    login_account_window: timedelta
    max_failures_per_account_daily: int
    register_max_per_address: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Security:
        """The security policy that `settings` describe."""
        passwords = Passwords(
            time_cost=settings.argon2_time_cost,
            memory_kib=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )
        return cls(
            passwords=passwords,
            secret_key=settings.secret_key.encode("utf-8"),
            token_lifetime=settings.token_lifetime,
            session_lifetime=settings.session_lifetime,
            reset_token_lifetime=settings.reset_token_lifetime,
            invite_lifetime=settings.invite_lifetime,
            login_window=settings.login_window,
            max_failures_per_account=settings.login_max_failures_per_account,
            max_failures_per_address=settings.login_max_failures_per_address,
            login_account_window=settings.login_account_window,
            max_failures_per_account_daily=settings.login_max_failures_per_account_daily,
            register_max_per_address=settings.register_max_per_address,
        )

    def keyed(self, purpose: str, value: str) -> str:
        """An HMAC of `value`, for identifiers stored only to be compared (emails, addresses)."""
        message = f"{purpose}\0{value}".encode()
        return hmac.new(self.secret_key, message, hashlib.sha256).hexdigest()
