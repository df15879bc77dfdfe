"""Repositories: unique emails, cascades that erase a person, and what survives them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from midback.domain.accounts import Role, User
from midback.storage.tables import Base
from midback.storage.uow import Storage, UnitOfWork

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def _user(uow: UnitOfWork, email: str, role: Role = Role.MEMBER) -> User:
    return uow.users.add(email=email, role=role, password_hash="h", now=NOW)


def test_emails_are_unique_whatever_their_case(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        _user(uow, "Ada@Example.org")
        uow.commit()
    with storage.unit_of_work() as uow, pytest.raises(IntegrityError):
        _user(uow, "ada@example.ORG")


def test_roles_are_checked_by_the_database(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        user = _user(uow, "a@example.org")
        uow.commit()
    with storage.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(text("UPDATE users SET role = 'wizard' WHERE id = :id"), {"id": user.id})


def _fill(uow: UnitOfWork, patient: User, clinician: User) -> None:
    later = NOW + timedelta(days=1)
    uow.api_tokens.add(user_id=patient.id, token_hash="a" * 64, now=NOW, expires_at=later)
    uow.web_sessions.add(
        user_id=patient.id, session_hash="b" * 64, csrf_token="c", now=NOW, expires=later
    )
    uow.reset_tokens.add(user_id=patient.id, token_hash="d" * 64, now=NOW, expires_at=later)
    invite = uow.invites.add(clinician_id=clinician.id, code_hash="e" * 64, now=NOW, expires=later)
    uow.invites.redeem(invite.id, by=patient.id, now=NOW)
    uow.links.add(clinician_id=clinician.id, patient_id=patient.id, now=NOW)
    uow.audit.add(
        subject_id=patient.id,
        actor_id=clinician.id,
        actor_role=Role.CLINICIAN,
        action="clinician.read",
        now=NOW,
    )


def _count_rows(storage: Storage) -> dict[str, int]:
    with storage.engine.connect() as connection:
        return {
            table.name: connection.execute(text(f"SELECT count(*) FROM {table.name}")).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def test_deleting_a_patient_erases_everything_of_theirs(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        patient, clinician = (
            _user(uow, "p@example.org"),
            _user(uow, "c@example.org", Role.CLINICIAN),
        )
        _fill(uow, patient, clinician)
        uow.commit()
    with storage.unit_of_work() as uow:
        assert uow.users.delete(patient.id)
        uow.commit()
    counts = _count_rows(storage)
    assert counts["users"] == 1
    for table in ("api_tokens", "web_sessions", "password_reset_tokens", "patient_links"):
        assert counts[table] == 0, table
    assert counts["audit_log"] == 0
    assert counts["clinician_invites"] == 1  # the clinician's, now marked as redeemed by nobody


def test_deleting_a_clinician_keeps_the_patients_audit_trail(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        patient, clinician = (
            _user(uow, "p@example.org"),
            _user(uow, "c@example.org", Role.CLINICIAN),
        )
        _fill(uow, patient, clinician)
        uow.commit()
    with storage.unit_of_work() as uow:
        uow.users.delete(clinician.id)
        uow.commit()
    with storage.unit_of_work(read_only=True) as uow:
        (entry,) = uow.audit.of_subject(patient.id)
        assert uow.links.of_patient(patient.id) == []
    assert entry.actor_id is None
    assert entry.actor_role is Role.CLINICIAN
    assert entry.action == "clinician.read"


def test_a_link_to_oneself_is_refused(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        user = _user(uow, "a@example.org", Role.CLINICIAN)
        with pytest.raises(IntegrityError):
            uow.links.add(clinician_id=user.id, patient_id=user.id, now=NOW)


def test_login_failures_count_within_the_window(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        for minutes in (0, 5, 20):
            uow.login_failures.add(
                account_key="k", address_key="a", now=NOW - timedelta(minutes=minutes)
            )
        uow.commit()
    with storage.unit_of_work() as uow:
        since = NOW - timedelta(minutes=15)
        assert uow.login_failures.recent(since=since, account_key="k") == (
            2,
            NOW - timedelta(minutes=5),
        )
        assert uow.login_failures.recent(since=since, address_key="a")[0] == 2
        uow.login_failures.prune(since)
        uow.login_failures.clear_account("k")
        uow.commit()
    assert _count_rows(storage)["login_failures"] == 0


def test_a_reset_token_or_invite_is_used_only_once(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        user = _user(uow, "a@example.org", Role.CLINICIAN)
        later = NOW + timedelta(hours=1)
        uow.reset_tokens.add(user_id=user.id, token_hash="f" * 64, now=NOW, expires_at=later)
        invite = uow.invites.add(clinician_id=user.id, code_hash="g" * 64, now=NOW, expires=later)
        uow.commit()
    with storage.unit_of_work() as uow:
        token = uow.reset_tokens.find("f" * 64)
        assert token is not None
        assert uow.reset_tokens.use(token.id, NOW)
        assert not uow.reset_tokens.use(token.id, NOW)
        assert uow.invites.redeem(invite.id, by=user.id, now=NOW)
        assert not uow.invites.redeem(invite.id, by=user.id, now=NOW)
