"""Everything stored about a person, in one read, for `GET /api/v1/me/export`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from midback.domain.accounts import AuditEntry, PatientLink, User
from midback.domain.clearance import ClearanceRecord
from midback.domain.messages import Message
from midback.domain.outcomes import OutcomeRecord
from midback.domain.pauses import Pause
from midback.domain.reminders import ReminderPrefs
from midback.domain.session_moves import SessionMove
from midback.domain.training import (
    AssessmentRecord,
    Favourite,
    MeasurementRecord,
    ProgramRecord,
    Routine,
    SessionLog,
)
from midback.storage.uow import UnitOfWork

EXPORT_LIMIT = 100_000
"""Far above a lifetime of daily sessions; bounds the work of one request."""


@dataclass(frozen=True)
class PersonData:
    """A person's whole record."""

    exported_at: datetime
    user: User
    assessments: list[AssessmentRecord]
    measurements: list[MeasurementRecord]
    programs: list[ProgramRecord]
    routines: list[Routine]
    logs: list[SessionLog]
    favourites: list[Favourite]
    clinician_links: list[PatientLink]
    audit: list[AuditEntry]
    clearances: list[ClearanceRecord] = field(default_factory=list)
    outcomes: list[OutcomeRecord] = field(default_factory=list)
    pauses: list[tuple[int, Pause]] = field(default_factory=list)
    """Each program pause, with its program's id."""
    messages: list[Message] = field(default_factory=list)
    """Every message of the person's threads, sent or received, oldest first."""
    reminders: ReminderPrefs | None = None
    """The reminder settings, if any were saved."""
    session_moves: list[tuple[int, SessionMove]] = field(default_factory=list)
    """Each session skipped or moved, with its program's id."""


def export_person(uow: UnitOfWork, user: User) -> PersonData:
    """Read everything of the person in one transaction (a consistent snapshot on SQLite)."""
    with uow:
        return PersonData(
            exported_at=uow.clock.now(),
            user=user,
            assessments=uow.assessments.of_user(user.id),
            measurements=uow.measurements.of_user(user.id),
            programs=uow.programs.of_user(user.id),
            routines=uow.routines.visible_to(user.id),
            logs=uow.logs.of_user(user.id, limit=EXPORT_LIMIT),
            favourites=uow.favourites.of_user(user.id),
            clinician_links=uow.links.of_patient(user.id),
            audit=uow.audit.of_subject(user.id, limit=EXPORT_LIMIT),
            clearances=uow.clearances.records_of(user.id),
            outcomes=uow.outcomes.of_user(user.id),
            pauses=uow.pauses.of_user(user.id),
            messages=uow.messages.of_user(user.id),
            reminders=uow.reminders.prefs(user.id),
            session_moves=uow.session_moves.of_user(user.id),
        )
