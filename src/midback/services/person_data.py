"""A person's data in open formats: the midback-export JSON (and its import), CSV, FHIR.

The JSON document is `exports.tabular.PersonExport`: the latest profile, one session entry per
logged day (that day's logs merged as the planner sees them, with the measurements taken that
day), and the measurements taken on days without a log. Importing a document into an account
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
from midback.domain.feedback import FeedbackEntry
from midback.domain.outcomes import OutcomeEntry
from midback.domain.planner.safety import blocking_reasons, check_safety
from midback.domain.profile import Measurement, Profile
from midback.domain.records import DatedMeasurement
from midback.domain.training import AssessmentRecord, MeasurementRecord, SessionLog
from midback.exports.fhir import FhirInput, Standing, fhir_bundle
from midback.exports.tabular import (
    PersonExport,
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
    latest = assessments[-1] if assessments else None
    on_own = [m for m in measured if m.assessment_id is None]
    by_day: dict[date, list[SessionLog]] = defaultdict(list)
    for log in logs:
        by_day[log.session_date].append(log)
    sessions = [_entry(day, by_day[day], on_own) for day in sorted(by_day)]
    checks = [_dated(m, "check") for m in on_own if m.taken_at.date() not in by_day]
    checks += [_dated(m, "baseline") for m in _earlier_baselines(measured, latest)]
    document = person_export(
        profile=latest.profile if latest else None,
        sessions=sessions,
        measurements=sorted(checks, key=lambda r: r.date),
        exported_at=now,
        outcomes=[OutcomeEntry.of(answer) for answer in answers],
    )
    return PersonRecord(document, latest.taken_at.date() if latest else now.date())


def _entry(
    day: date, logs: list[SessionLog], measured: Sequence[MeasurementRecord]
) -> FeedbackEntry:
    """One day's logs as one session entry (done if any was; the highest ratings)."""

    def highest(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return max(known) if known else None

    return FeedbackEntry(
        date=day,
        completed=any(log.completed for log in logs),
        pain_during=highest([log.pain_during for log in logs]),
        pain_next_day=highest([log.pain_next_day for log in logs]),
        difficulty=highest([log.difficulty for log in logs]),
        measurements=[_plain(m) for m in measured if m.taken_at.date() == day],
        painful_exercises=sorted({i.exercise for log in logs for i in log.items if i.painful}),
        new_symptoms=sorted({flag for log in logs for flag in log.new_symptoms}),
        seen_clinician=any(log.seen_clinician for log in logs),
    )


def _earlier_baselines(
    measured: Sequence[MeasurementRecord], latest: AssessmentRecord | None
) -> list[MeasurementRecord]:
    """Measurements saved with earlier assessments (the latest one's are in its profile)."""
    latest_id = latest.id if latest else None
    return [m for m in measured if m.assessment_id not in (None, latest_id)]


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
