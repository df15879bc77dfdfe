"""Users: accounts by id or (case-insensitive) email."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from midback.domain.accounts import Role, User
from midback.storage.repositories.common import rowcount
from midback.storage.tables import UserRow


def to_user(row: UserRow) -> User:
    """The domain user of a row."""
    return User(
        row.id, row.email, Role(row.role), row.created_at, row.password_hash, row.display_name or ""
    )


class UserRepository:
    """Accounts; emails are compared lower-cased, as they are stored."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, email: str, role: Role, password_hash: str, now: datetime) -> User:
        """Store a new account (the caller has lower-cased and checked the email)."""
        row = UserRow(
            email=email.lower(),
            role=role.value,
            password_hash=password_hash,
            created_at=now,
            password_changed_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return to_user(row)

    def get(self, user_id: int) -> User | None:
        """The user with this id, if any."""
        row = self._session.get(UserRow, user_id)
        return to_user(row) if row else None

    def by_email(self, email: str) -> User | None:
        """The user with this email, ignoring case."""
        row = self._session.scalar(select(UserRow).where(UserRow.email == email.lower()))
        return to_user(row) if row else None

    def set_password_hash(
        self, user_id: int, password_hash: str, *, changed_at: datetime | None
    ) -> None:
        """Replace the stored hash: a new password (`changed_at`), or the same one rehashed."""
        values: dict[str, object] = {"password_hash": password_hash}
        if changed_at is not None:
            values["password_changed_at"] = changed_at
        self._session.execute(update(UserRow).where(UserRow.id == user_id).values(**values))

    def set_display_name(self, user_id: int, name: str) -> None:
        """Change how the person is named ("" for none)."""
        self._session.execute(
            update(UserRow).where(UserRow.id == user_id).values(display_name=name)
        )

    def set_role(self, user_id: int, role: Role) -> None:
        """Change what the person may do."""
        self._session.execute(update(UserRow).where(UserRow.id == user_id).values(role=role.value))

    def delete(self, user_id: int) -> bool:
        """Delete the account; the database cascades to everything that is theirs."""
        return rowcount(self._session.execute(delete(UserRow).where(UserRow.id == user_id))) > 0
