"""Stored secrets: API tokens, web sessions, password reset tokens and login failures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session

from midback.domain.accounts import Credential, Role, User, WebSession
from midback.storage.repositories.common import rowcount
from midback.storage.tables import (
    ApiTokenRow,
    LoginFailureRow,
    PasswordResetRow,
    UserRow,
    WebSessionRow,
)
from midback.storage.training_tables import PlanInputsRow

# Built once: constructing a statement costs more than SQLite takes to run it.
_TOKEN_WITH_USER = (
    select(
        ApiTokenRow.id,
        ApiTokenRow.user_id,
        ApiTokenRow.expires_at,
        ApiTokenRow.revoked_at,
        ApiTokenRow.last_used_at,
        UserRow.email,
        UserRow.role,
        UserRow.created_at,
        UserRow.password_hash,
        UserRow.display_name,
    )
    .join(UserRow, UserRow.id == ApiTokenRow.user_id)
    .where(ApiTokenRow.token_hash == bindparam("token_hash"))
)
_TOKEN_WITH_USER_AND_VERSION = _TOKEN_WITH_USER.add_columns(PlanInputsRow.version).outerjoin(
    PlanInputsRow, PlanInputsRow.user_id == ApiTokenRow.user_id
)


def _credential_and_user(found: Any) -> tuple[Credential, User]:
    """The token and its user from a row of `_TOKEN_WITH_USER` (read by column name: the
    version query adds a column, and a column added to the user must not shift it)."""
    credential = Credential(
        found.id, found.user_id, found.expires_at, found.revoked_at, found.last_used_at
    )
    user = User(
        found.user_id,
        found.email,
        Role(found.role),
        found.created_at,
        found.password_hash,
        found.display_name or "",
    )
    return credential, user


class ApiTokenRepository:
    """Bearer tokens, looked up by the SHA-256 of the presented token."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, user_id: int, token_hash: str, now: datetime, expires_at: datetime) -> int:
        """Store a new token's hash; returns its id."""
        row = ApiTokenRow(
            user_id=user_id, token_hash=token_hash, created_at=now, expires_at=expires_at
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def find(self, token_hash: str) -> Credential | None:
        """The token with this hash, valid or not."""
        row = self._session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
        if row is None:
            return None
        return Credential(row.id, row.user_id, row.expires_at, row.revoked_at, row.last_used_at)

    def find_with_user(self, token_hash: str) -> tuple[Credential, User] | None:
        """The token with this hash and its user, in one query (every API request asks)."""
        # On the connection (Core): the ORM's handling of a result costs more than the query.
        connection = self._session.connection()
        found = connection.execute(_TOKEN_WITH_USER, {"token_hash": token_hash}).first()
        return None if found is None else _credential_and_user(found)

    def find_with_user_and_version(self, token_hash: str) -> tuple[Credential, User, int] | None:
        """`find_with_user` and the user's plan-inputs version (0 if none), in one query: for
        the API's busiest read, answered from the plan cache at that version."""
        connection = self._session.connection()
        query = _TOKEN_WITH_USER_AND_VERSION
        found = connection.execute(query, {"token_hash": token_hash}).first()
        if found is None:
            return None
        credential, user = _credential_and_user(found)
        return credential, user, found.version or 0

    def touch(self, token_id: int, now: datetime) -> None:
        """Record that the token was just used."""
        self._session.execute(
            update(ApiTokenRow).where(ApiTokenRow.id == token_id).values(last_used_at=now)
        )

    def revoke(self, token_id: int, now: datetime) -> None:
        """End one token (logout)."""
        self._session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == token_id, ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def revoke_all(self, user_id: int, now: datetime, *, keep: int | None = None) -> int:
        """End every token of a user but `keep`; returns how many were ended."""
        statement = update(ApiTokenRow).where(
            ApiTokenRow.user_id == user_id, ApiTokenRow.revoked_at.is_(None)
        )
        if keep is not None:
            statement = statement.where(ApiTokenRow.id != keep)
        return rowcount(self._session.execute(statement.values(revoked_at=now)))


class WebSessionRepository:
    """Browser sessions, looked up by the SHA-256 of the cookie value."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, *, user_id: int, session_hash: str, csrf_token: str, now: datetime, expires: datetime
    ) -> WebSession:
        """Store a new session."""
        row = WebSessionRow(
            user_id=user_id,
            session_hash=session_hash,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=expires,
        )
        self._session.add(row)
        self._session.flush()
        return WebSession(row.id, row.user_id, row.csrf_token, row.expires_at)

    def find(self, session_hash: str) -> WebSession | None:
        """The session with this hash, expired or not."""
        row = self._session.scalar(
            select(WebSessionRow).where(WebSessionRow.session_hash == session_hash)
        )
        return WebSession(row.id, row.user_id, row.csrf_token, row.expires_at) if row else None

    def delete(self, session_id: int) -> None:
        """End one session (logout)."""
        self._session.execute(delete(WebSessionRow).where(WebSessionRow.id == session_id))

    def delete_all(self, user_id: int) -> None:
        """End every session of a user (password changed or reset)."""
        self._session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))


class ResetTokenRepository:
    """One-time password reset tokens; `revoked_at` of the Credential is when it was used."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, user_id: int, token_hash: str, now: datetime, expires_at: datetime) -> None:
        """Store a new reset token's hash."""
        row = PasswordResetRow(
            user_id=user_id, token_hash=token_hash, created_at=now, expires_at=expires_at
        )
        self._session.add(row)

    def find(self, token_hash: str) -> Credential | None:
        """The reset token with this hash, used or not."""
        row = self._session.scalar(
            select(PasswordResetRow).where(PasswordResetRow.token_hash == token_hash)
        )
        return Credential(row.id, row.user_id, row.expires_at, row.used_at) if row else None

    def use(self, token_id: int, now: datetime) -> bool:
        """Mark a token used; False if it already was (two resets racing)."""
        statement = (
            update(PasswordResetRow)
            .where(PasswordResetRow.id == token_id, PasswordResetRow.used_at.is_(None))
            .values(used_at=now)
        )
        return rowcount(self._session.execute(statement)) == 1

    def use_all(self, user_id: int, now: datetime) -> None:
        """Void every open token of a user (a newer one was issued, or the password changed)."""
        self._session.execute(
            update(PasswordResetRow)
            .where(PasswordResetRow.user_id == user_id, PasswordResetRow.used_at.is_(None))
            .values(used_at=now)
        )


class LoginFailureRepository:
    """Failed logins in the current window, for rate limiting across workers."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def lock(self, *, account_key: str, address_key: str) -> None:
        """Serialise attempts on the same account or address until this transaction ends.

        SQLite needs nothing: write transactions already run one at a time (BEGIN IMMEDIATE).
        On PostgreSQL two parallel attempts could otherwise both count N-1 failures and pass.
        """
        if self._session.get_bind().dialect.name != "postgresql":
            return
        for key in (f"account:{account_key}", f"address:{address_key}"):  # fixed order
            self._session.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
            )

    def add(self, *, account_key: str, address_key: str, now: datetime) -> None:
        """Record one failure."""
        self._session.add(LoginFailureRow(account_key=account_key, address_key=address_key, at=now))

    def recent(
        self, *, since: datetime, account_key: str = "", address_key: str = ""
    ) -> tuple[int, datetime | None]:
        """How many failures since `since` for the account, the address or both (whichever keys
        are given), and the oldest one."""
        statement = select(func.count(), func.min(LoginFailureRow.at)).where(
            LoginFailureRow.at >= since
        )
        if account_key:
            statement = statement.where(LoginFailureRow.account_key == account_key)
        if address_key:
            statement = statement.where(LoginFailureRow.address_key == address_key)
        count, oldest = self._session.execute(statement).one()
        return int(count), oldest

    def clear_account(self, account_key: str) -> None:
        """Forget an account's failures after it logged in successfully."""
        self._session.execute(
            delete(LoginFailureRow).where(LoginFailureRow.account_key == account_key)
        )

    def clear_pair(self, *, account_key: str, address_key: str) -> None:
        """Forget the failures of one account from one address (it got the password right)."""
        self._session.execute(
            delete(LoginFailureRow).where(
                LoginFailureRow.account_key == account_key,
                LoginFailureRow.address_key == address_key,
            )
        )

    def prune(self, before: datetime) -> None:
        """Drop failures older than every window still in use."""
        self._session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))
