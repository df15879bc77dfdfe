"""Clinician invites, patient links and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.orm import Session, aliased

from midback.domain.accounts import AuditEntry, Invite, PatientLink, Role
from midback.storage.repositories.common import rowcount
from midback.storage.tables import AuditRow, InviteRow, PatientLinkRow, UserRow

_AUDIT_TABLE: Any = AuditRow.__table__
_ADD_AUDIT = insert(_AUDIT_TABLE)
"""Core, not ORM: run with many rows it is the driver's executemany, with no ORM bulk step."""
_Clinician = aliased(UserRow)
_Patient = aliased(UserRow)


def _to_invite(row: InviteRow) -> Invite:
    return Invite(row.id, row.clinician_id, row.created_at, row.expires_at, row.redeemed_at)


class InviteRepository:
    """Invite codes, looked up by the SHA-256 of the normalised code."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, clinician_id: int, code_hash: str, now: datetime, expires: datetime) -> Invite:
        """Store a new invite."""
        row = InviteRow(
            clinician_id=clinician_id, code_hash=code_hash, created_at=now, expires_at=expires
        )
        self._session.add(row)
        self._session.flush()
        return _to_invite(row)

    def find(self, code_hash: str) -> Invite | None:
        """The invite with this code hash, open or not."""
        row = self._session.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash))
        return _to_invite(row) if row else None

    def redeem(self, invite_id: int, *, by: int, now: datetime) -> bool:
        """Mark an invite used; False if someone redeemed it first."""
        statement = (
            update(InviteRow)
            .where(InviteRow.id == invite_id, InviteRow.redeemed_at.is_(None))
            .values(redeemed_at=now, redeemed_by=by)
        )
        return rowcount(self._session.execute(statement)) == 1


class PatientLinkRepository:
    """Links between clinicians and patients, with both emails for display."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, clinician_id: int, patient_id: int, now: datetime) -> PatientLink:
        """Link a patient to a clinician."""
        row = PatientLinkRow(clinician_id=clinician_id, patient_id=patient_id, created_at=now)
        self._session.add(row)
        self._session.flush()
        found = self.get(row.id)
        assert found is not None
        return found

    def get(self, link_id: int) -> PatientLink | None:
        """One link by id, active or not."""
        return self._one(self._query().where(PatientLinkRow.id == link_id))

    def active(self, *, clinician_id: int, patient_id: int) -> PatientLink | None:
        """The active link between these two, if there is one."""
        return self._one(
            self._query().where(
                PatientLinkRow.clinician_id == clinician_id,
                PatientLinkRow.patient_id == patient_id,
                PatientLinkRow.revoked_at.is_(None),
            )
        )

    def of_patient(self, patient_id: int) -> list[PatientLink]:
        """Every link of a patient, newest first, revoked ones included."""
        query = self._query().where(PatientLinkRow.patient_id == patient_id)
        return self._all(query.order_by(PatientLinkRow.id.desc()))

    def of_clinician(self, clinician_id: int) -> list[PatientLink]:
        """A clinician's active links, oldest first."""
        query = self._query().where(
            PatientLinkRow.clinician_id == clinician_id, PatientLinkRow.revoked_at.is_(None)
        )
        return self._all(query.order_by(PatientLinkRow.id))

    def revoke(self, link_id: int, now: datetime) -> None:
        """End a link; it stays listed for the patient's record."""
        self._session.execute(
            update(PatientLinkRow)
            .where(PatientLinkRow.id == link_id, PatientLinkRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def _query(self) -> Select[PatientLinkRow, str, str, str]:
        return (
            select(PatientLinkRow, _Clinician.email, _Patient.email, _Patient.display_name)
            .join(_Clinician, _Clinician.id == PatientLinkRow.clinician_id)
            .join(_Patient, _Patient.id == PatientLinkRow.patient_id)
        )

    def _one(self, query: Select[PatientLinkRow, str, str, str]) -> PatientLink | None:
        found = self._all(query)
        return found[0] if found else None

    def _all(self, query: Select[PatientLinkRow, str, str, str]) -> list[PatientLink]:
        return [
            PatientLink(
                row.id, row.clinician_id, row.patient_id, row.created_at, row.revoked_at, c, p, n
            )
            for row, c, p, n in self._session.execute(query)
        ]


class AuditRepository:
    """The audit trail of each person."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        subject_id: int,
        actor_id: int | None,
        actor_role: Role | None,
        action: str,
        now: datetime,
        detail: str = "",
    ) -> None:
        """Append an entry."""
        self._session.add(
            AuditRow(
                subject_id=subject_id,
                actor_id=actor_id,
                actor_role=actor_role.value if actor_role else None,
                action=action,
                detail=detail[:500],
                at=now,
            )
        )

    def add_for_each(
        self,
        subject_ids: Sequence[int],
        *,
        actor_id: int | None,
        actor_role: Role | None,
        action: str,
        now: datetime,
        detail: str = "",
    ) -> None:
        """Append the same entry to many people's trails in one call."""
        if not subject_ids:
            return
        role = actor_role.value if actor_role else None
        rows = [
            {
                "subject_id": subject_id,
                "actor_id": actor_id,
                "actor_role": role,
                "action": action,
                "detail": detail[:500],
                "at": now,
            }
            for subject_id in subject_ids
        ]
        # One prepared statement run for every row (the driver's executemany): building a
        # statement with hundreds of VALUES cost more than the database's work.
        self._session.connection().execute(_ADD_AUDIT, rows)

    def of_subject(
        self, subject_id: int, *, limit: int = 200, actions: Sequence[str] = ()
    ) -> list[AuditEntry]:
        """A person's most recent entries (of these `actions`, if given), newest first, with
        each actor's current email."""
        query = (
            select(AuditRow, UserRow.email)
            .outerjoin(UserRow, UserRow.id == AuditRow.actor_id)
            .where(AuditRow.subject_id == subject_id)
            .order_by(AuditRow.at.desc(), AuditRow.id.desc())
            .limit(limit)
        )
        if actions:
            query = query.where(AuditRow.action.in_(actions))
        return [
            AuditEntry(
                row.id,
                row.subject_id,
                row.actor_id,
                Role(row.actor_role) if row.actor_role else None,
                row.action,
                row.at,
                row.detail,
                email or "",
            )
            for row, email in self._session.execute(query)
        ]
