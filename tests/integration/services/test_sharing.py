"""Clinician invites, patient links and the audit trail of clinician reads."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from midback.domain.accounts import Role, User
from midback.services import accounts, sharing
from midback.services.errors import Conflict, Forbidden, InvalidInput, NotFound
from midback.services.security import Security
from midback.storage.uow import Storage

PASSWORD = "a long and rare passphrase"


def _make(storage: Storage, security: Security, email: str, role: Role = Role.MEMBER) -> User:
    return accounts.create_user(
        storage.unit_of_work(), security, email=email, password=PASSWORD, role=role
    )


@pytest.fixture
def people(storage: Storage, security: Security) -> tuple[User, User, User]:
    """A clinician, a patient and an unrelated member."""
    return (
        _make(storage, security, "doc@example.org", Role.CLINICIAN),
        _make(storage, security, "pat@example.org"),
        _make(storage, security, "other@example.org"),
    )


def test_codes_are_typed_forgivingly() -> None:
    assert sharing.normalize_code(" k7qm-3xpa 9trd ") == "K7QM3XPA9TRD"
    assert sharing.normalize_code("O0-IL") == "0011"


def test_invite_link_read_revoke(
    storage: Storage, security: Security, people: tuple[User, User, User]
) -> None:
    doc, pat, _ = people
    code, invite = sharing.create_invite(storage.unit_of_work(), security, doc)
    assert len(code) == 14 and invite.redeemed_at is None
    link = sharing.redeem_invite(storage.unit_of_work(), pat, code.lower())
    assert (link.clinician_email, link.patient_email, link.active) == (
        "doc@example.org",
        "pat@example.org",
        True,
    )
    assert [p.patient_id for p in sharing.patients_of(storage.unit_of_work(), doc)] == [pat.id]
    sharing.open_patient(storage.unit_of_work(), doc, pat.id, action="clinician.read", detail="x")
    sharing.revoke_link(storage.unit_of_work(), pat, link.id)
    with pytest.raises(NotFound):
        sharing.open_patient(storage.unit_of_work(), doc, pat.id, action="clinician.read")
    assert sharing.patients_of(storage.unit_of_work(), doc) == []
    (revoked,) = sharing.links_of(storage.unit_of_work(), pat)
    assert not revoked.active
    trail = sharing.audit_trail(storage.unit_of_work(), pat)
    assert [e.action for e in trail] == [
        "clinician_link.revoked",
        "clinician.read",
        "clinician_link.created",
    ]
    assert trail[1].actor_email == "doc@example.org" and trail[1].actor_role is Role.CLINICIAN


def test_invites_are_single_use_and_expire(
    storage: Storage, security: Security, people: tuple[User, User, User]
) -> None:
    doc, pat, other = people
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    sharing.redeem_invite(storage.unit_of_work(), pat, code)
    with pytest.raises(InvalidInput):
        sharing.redeem_invite(storage.unit_of_work(), other, code)
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    with storage.engine.begin() as connection:
        connection.execute(text("UPDATE clinician_invites SET expires_at = created_at"))
    with pytest.raises(InvalidInput):
        sharing.redeem_invite(storage.unit_of_work(), other, code)
    with pytest.raises(InvalidInput):
        sharing.redeem_invite(storage.unit_of_work(), other, "NOT-A-CODE")


def test_no_double_links_and_no_self_links(
    storage: Storage, security: Security, people: tuple[User, User, User]
) -> None:
    doc, pat, _ = people
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    sharing.redeem_invite(storage.unit_of_work(), pat, code)
    second, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    with pytest.raises(Conflict):
        sharing.redeem_invite(storage.unit_of_work(), pat, second)
    with pytest.raises(InvalidInput):
        sharing.redeem_invite(storage.unit_of_work(), doc, second)


def test_only_clinicians_invite_and_read_patients(
    storage: Storage, security: Security, people: tuple[User, User, User]
) -> None:
    doc, pat, other = people
    with pytest.raises(Forbidden):
        sharing.create_invite(storage.unit_of_work(), security, other)
    with pytest.raises(Forbidden):
        sharing.open_patient(storage.unit_of_work(), other, pat.id, action="clinician.read")
    with pytest.raises(NotFound):  # an unlinked clinician learns nothing
        sharing.open_patient(storage.unit_of_work(), doc, pat.id, action="clinician.read")
    with pytest.raises(NotFound):
        sharing.open_patient(storage.unit_of_work(), doc, 999_999, action="clinician.read")
    assert sharing.audit_trail(storage.unit_of_work(), pat) == []


def test_only_the_patient_revokes_their_link(
    storage: Storage, security: Security, people: tuple[User, User, User]
) -> None:
    doc, pat, other = people
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    link = sharing.redeem_invite(storage.unit_of_work(), pat, code)
    for intruder in (other, doc):
        with pytest.raises(NotFound):
            sharing.revoke_link(storage.unit_of_work(), intruder, link.id)
    sharing.revoke_link(storage.unit_of_work(), pat, link.id)
    sharing.revoke_link(storage.unit_of_work(), pat, link.id)  # idempotent
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    assert sharing.redeem_invite(storage.unit_of_work(), pat, code).active  # may link again
