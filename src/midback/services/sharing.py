"""Sharing with a clinician: invite codes, patient links the patient can revoke, and the audit
trail every clinician read of patient data leaves behind.

`open_patient` is the one gate to a patient's data: later endpoints (programs, logs, progress)
call it first, so an unlinked clinician, or one whose link was just revoked, sees nothing.
"""

from __future__ import annotations

import re
import secrets

from midback.domain.accounts import AuditEntry, Invite, PatientLink, Role, User
from midback.services.errors import Conflict, FieldProblem, Forbidden, InvalidInput, NotFound
from midback.services.security import Security, digest
from midback.storage.uow import UnitOfWork

# Crockford's base32: no I, L, O or U, so codes survive being read aloud or copied by hand.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits: unguessable for a single-use code that expires
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_code(code: str) -> str:
    """Upper-case, drop separators and map look-alike letters, as people type codes."""
    return re.sub(r"[\s-]", "", code).upper().translate(_CONFUSABLE)


def require_clinician(user: User) -> None:
    """Forbidden unless the person is a clinician."""
    if user.role is not Role.CLINICIAN:
        raise Forbidden("only clinicians can do this")


def create_invite(uow: UnitOfWork, security: Security, clinician: User) -> tuple[str, Invite]:
    """A new single-use invite code (shown once; only its hash is stored)."""
    require_clinician(clinician)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))
    now = uow.clock.now()
    with uow:
        invite = uow.invites.add(
            clinician_id=clinician.id,
            code_hash=digest(normalize_code(code)),
            now=now,
            expires=now + security.invite_lifetime,
        )
        uow.commit()
    return code, invite


def redeem_invite(uow: UnitOfWork, patient: User, code: str) -> PatientLink:
    """Become the patient of the clinician who made the code."""
    now = uow.clock.now()
    invalid = InvalidInput(
        "invalid or expired invite code", fields=(FieldProblem("code", "invalid or expired"),)
    )
    with uow:
        invite = uow.invites.find(digest(normalize_code(code)))
        if invite is None or not invite.is_open(now) or invite.clinician_id == patient.id:
            raise invalid
        if uow.links.active(clinician_id=invite.clinician_id, patient_id=patient.id):
            raise Conflict("you are already linked to this clinician")
        if not uow.invites.redeem(invite.id, by=patient.id, now=now):
            raise invalid
        link = uow.links.add(clinician_id=invite.clinician_id, patient_id=patient.id, now=now)
        _audit(uow, patient.id, patient, "clinician_link.created", link.clinician_email)
        uow.commit()
    return link


def links_of(uow: UnitOfWork, patient: User) -> list[PatientLink]:
    """The person's clinician links, newest first, revoked ones included."""
    with uow:
        return uow.links.of_patient(patient.id)


def revoke_link(uow: UnitOfWork, patient: User, link_id: int) -> None:
    """End one of the patient's links at once; NotFound if it is not theirs."""
    with uow:
        link = uow.links.get(link_id)
        if link is None or link.patient_id != patient.id:
            raise NotFound("no such clinician link")
        if link.active:
            uow.links.revoke(link.id, uow.clock.now())
            _audit(uow, patient.id, patient, "clinician_link.revoked", link.clinician_email)
            uow.commit()


def patients_of(uow: UnitOfWork, clinician: User) -> list[PatientLink]:
    """The clinician's currently linked patients."""
    require_clinician(clinician)
    with uow:
        return uow.links.of_clinician(clinician.id)


def open_patient(
    uow: UnitOfWork, clinician: User, patient_id: int, *, action: str, detail: str = ""
) -> PatientLink:
    """Check a clinician may read a patient's data and write it to the patient's audit trail.

    NotFound both for a patient who does not exist and for one not (or no longer) linked.
    """
    require_clinician(clinician)
    with uow:
        link = uow.links.active(clinician_id=clinician.id, patient_id=patient_id)
        if link is None:
            raise NotFound("no such patient")
        _audit(uow, patient_id, clinician, action, detail)
        uow.commit()
    return link


def audit_trail(uow: UnitOfWork, user: User) -> list[AuditEntry]:
    """What was done to the person's account and data, newest first."""
    with uow:
        return uow.audit.of_subject(user.id)


def _audit(uow: UnitOfWork, subject_id: int, actor: User, action: str, detail: str = "") -> None:
    uow.audit.add(
        subject_id=subject_id,
        actor_id=actor.id,
        actor_role=actor.role,
        action=action,
        now=uow.clock.now(),
        detail=detail,
    )
