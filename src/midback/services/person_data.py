"""A person's data in open formats: the midback-export JSON (and its import), CSV, FHIR.

The JSON document is `exports.tabular.PersonExport`: the latest profile, one session entry per
logged day (that day's logs merged as the planner sees them, with the measurements taken that
day), the measurements taken on days without a log, the display name, the reminder settings and
the current program with its pauses. Importing a document into an account
without training data and exporting again gives the same document back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.day_entry import day_entry
from midback.domain.feedback import FeedbackEntry
from midback.domain.outcomes import OutcomeEntry
from midback.domain.plan import Plan
from midback.domain.planner.safety import blocking_reasons, check_safety
from midback.domain.profile import Measurement, Profile
from midback.domain.program import Program
from midback.domain.records import DatedMeasurement, measurement_records
from midback.domain.training import AssessmentRecord, MeasurementRecord, SessionLog
from midback.exports.fhir import FhirInput, Standing, fhir_bundle
from midback.exports.tabular import (
    PauseEntry,
    PersonExport,
    ProgramEntry,
    ReminderSettings,
    measurements_csv,
    outcomes_csv,
    person_export,
    sessions_csv,
)
from midback.services import sharing
from midback.services.data_export import EXPORT_LIMIT
from midback.services.export_files import identifier_system, person_key
from midback.services.plans import PlanCache, current_plan
from midback.storage.uow import UnitOfWork

CsvKind = Literal["sessions", "measurements", "outcomes"]


@dataclass(frozen=True)
class PersonRecord:
    """The export document, and the day the profile's own measurements were taken."""

    document: PersonExport
    baseline_day: date

    def measurements(self) -> list[DatedMeasurement]:
        """Every measurement with its date and source, in date order."""
        return self.document.all_measurements(self.baseline_day)


def person_record(uow: UnitOfWork, user_id: int, *, now: datetime) -> PersonRecord:
    """Read the person's training data in one transaction and build the export document."""
    with uow:
        assessments = uow.assessments.of_user(user_id)
        measured = uow.measurements.of_user(user_id)
        logs = uow.logs.of_user(user_id, limit=EXPORT_LIMIT)
        answers = uow.outcomes.of_user(user_id)
        user = uow.users.get(user_id)
        prefs = uow.reminders.prefs(user_id)
        program = uow.programs.current(user_id)
        pauses = uow.pauses.of_program(program.id) if program else []
    latest = assessments[-1] if assessments else None
    on_own = [m for m in measured if m.assessment_id is None]
    by_day: dict[date, list[SessionLog]] = defaultdict(list)
    for log in logs:
        by_day[log.session_date].append(log)
    sessions = [day_entry(day, by_day[day], _taken_on(day, on_own)) for day in sorted(by_day)]
    checks = [_dated(m, "check") for m in on_own if m.taken_at.date() not in by_day]
    checks += [_dated(m, "baseline") for m in _earlier_baselines(measured, latest)]
    document = person_export(
        profile=latest.profile if latest else None,
        sessions=sessions,
        measurements=sorted(checks, key=lambda r: r.date),
        exported_at=now,
        outcomes=[OutcomeEntry.of(answer) for answer in answers],
        display_name=user.display_name if user else "",
        reminders=ReminderSettings.of(prefs) if prefs else None,
        program=ProgramEntry(
            program=program.program,
            start_date=program.start_date,
            pauses=[PauseEntry(start=p.start, end=p.end) for p in pauses],
        )
        if program
        else None,
    )
    return PersonRecord(document, latest.taken_at.date() if latest else now.date())


def _earlier_baselines(
    measured: Sequence[MeasurementRecord], latest: AssessmentRecord | None
) -> list[MeasurementRecord]:
    """Measurements saved with earlier assessments (the latest one's are in its profile)."""
    latest_id = latest.id if latest else None
    return [m for m in measured if m.assessment_id not in (None, latest_id)]


def _taken_on(day: date, measured: Sequence[MeasurementRecord]) -> list[Measurement]:
    return [_plain(m) for m in measured if m.taken_at.date() == day]


def _plain(record: MeasurementRecord) -> Measurement:
    return Measurement(protocol=record.protocol, side=record.side, degrees=record.degrees)


def _dated(record: MeasurementRecord, source: Literal["baseline", "check"]) -> DatedMeasurement:
    return DatedMeasurement(
        protocol=record.protocol,
        side=record.side,
        degrees=record.degrees,
        date=record.taken_at.date(),
        source=source,
    )


def data_csv(uow: UnitOfWork, user_id: int, kind: CsvKind, *, now: datetime) -> bytes:
    """The person's logged sessions, every measurement, or every outcome answer, as CSV."""
    record = person_record(uow, user_id, now=now)
    if kind == "sessions":
        return sessions_csv(record.document.sessions)
    if kind == "outcomes":
        return outcomes_csv(record.document.outcomes)
    return measurements_csv(record.measurements())


def fhir_of(
    uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int, *, now: datetime
) -> bytes:
    """The person's measurements, program and sessions as a FHIR Bundle (the program only if
    they have one with sessions)."""
    record = person_record(uow, user_id, now=now)
    current = current_plan(uow, content, cache, user_id)
    program = content.programs.get(current.program.program) if current else None
    data = FhirInput(
        person_key=person_key(user_id),
        identifier_system=identifier_system(uow),
        measurements=record.measurements(),
        sessions=record.document.sessions,
        protocols=content.protocols,
        plan=current.plan if current and program else None,
        program=program,
        exercises=content.exercises,
        standing=_standing(uow, content, user_id, record.document.profile)
        if current is None
        else None,
        outcomes=record.document.outcomes,
    )
    return _bundle(data, now)


def fhir_of_files(
    content: Content,
    profile: Profile,
    sessions: Sequence[FeedbackEntry],
    plan: Plan,
    program: Program,
    *,
    today: date,
    person_key: str,
    identifier_system: str,
    now: datetime,
) -> bytes:
    """The FHIR Bundle of the file-based CLI: a profile file, its feedback and the plan made
    from them, laid out as the server lays out an account's (the profile's own measurements on
    its start date, else `today`)."""
    data = FhirInput(
        person_key=person_key,
        identifier_system=identifier_system,
        measurements=measurement_records(
            profile.measurements, profile.start_date or today, sessions
        ),
        sessions=list(sessions),
        protocols=content.protocols,
        plan=plan,
        program=program,
        exercises=content.exercises,
    )
    return _bundle(data, now)


def _bundle(data: FhirInput, now: datetime) -> bytes:
    return fhir_bundle(data, generated=now.astimezone(UTC).replace(microsecond=0))


def _standing(
    uow: UnitOfWork, content: Content, user_id: int, profile: Profile | None
) -> Standing | None:
    """Where a person without a program stands when the health check refers or holds them,
    with the clearances recorded so far (the same check the planner makes)."""
    if profile is None:
        return None
    safety = content.safety()
    with uow:
        clearances = uow.clearances.of_user(user_id)
    check = check_safety(profile, safety, clearances)
    if check.status == "ok":
        return None
    return Standing(check.status, blocking_reasons(check, safety))


def patient_fhir(
    uow: UnitOfWork,
    content: Content,
    cache: PlanCache,
    clinician: User,
    patient_id: int,
    *,
    now: datetime,
) -> bytes:
    """A linked patient's FHIR Bundle for their clinician (audited; NotFound if not linked)."""
    sharing.open_patient(uow, clinician, patient_id, action="clinician.read", detail="FHIR bundle")
    return fhir_of(uow, content, cache, patient_id, now=now)


def day_time(day: date, at: time = time(12)) -> datetime:
    """A measurement's stored time for a day the document gives only as a date (noon UTC)."""
    return datetime.combine(day, at, tzinfo=UTC)
