"""Constraint failures are told apart by the driver's code, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from midback.domain.accounts import Role
from midback.domain.training import LogInput
from midback.storage.integrity import is_foreign_key, is_unique
from midback.storage.repositories.logs import MissingReference
from midback.storage.uow import Storage

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
FAVOURITE = "INSERT INTO favourites (user_id, exercise, created_at) VALUES (:user, :name, :now)"
NOBODY = 987_654


def _broken(storage: Storage, statement: str, **values: object) -> IntegrityError:
    """The IntegrityError that running `statement` raises (nothing is kept)."""
    with storage.unit_of_work() as uow:
        uow.users.add(email="ada@example.org", role=Role.MEMBER, password_hash="h", now=NOW)
        uow.commit()
    with storage.engine.connect() as connection:
        user = connection.execute(text("SELECT id FROM users")).scalar_one()
        parameters = {"user": user, "now": NOW, **values}
        connection.execute(text(FAVOURITE), {**parameters, "name": "open-book"})
        with pytest.raises(IntegrityError) as raised:
            connection.execute(text(statement), parameters)
        connection.rollback()
    return raised.value


def test_a_missing_row_is_a_foreign_key_failure(storage: Storage) -> None:
    error = _broken(storage, FAVOURITE.replace(":user", ":nobody"), nobody=NOBODY, name="x")
    assert is_foreign_key(error) and not is_unique(error)


def test_a_repeated_key_is_a_unique_failure(storage: Storage) -> None:
    error = _broken(storage, FAVOURITE, name="open-book")
    assert is_unique(error) and not is_foreign_key(error)


def test_other_failures_are_neither(storage: Storage) -> None:
    error = _broken(storage, "UPDATE users SET role = 'wizard'")
    assert not is_unique(error) and not is_foreign_key(error)


def test_a_log_for_a_missing_person_is_a_missing_reference(storage: Storage) -> None:
    body = LogInput.model_validate({"session_date": "2026-05-01", "completed": False, "items": []})
    with storage.unit_of_work() as uow, pytest.raises(MissingReference):
        uow.logs.add(
            user_id=NOBODY,
            body=body,
            current_program=False,
            key="k",
            request_hash="h",
            now=NOW,
        )
