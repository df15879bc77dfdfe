"""Import a person's own midback-export JSON into an account that has no training data yet.

Each part of the document goes back where the export took it from: the profile becomes an
assessment (taken on the profile's start date, so later measurements count as re-tests), each
session entry a log on its day with that day's measurements, and the other measurements re-tests
on their days. Exporting again gives the same document. Everything is checked before anything is
written, and written in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain.feedback import FeedbackEntry
from midback.domain.intake import (
    InputError,
    InputProblem,
    logged_session_problems,
    measurement_problems,
    read_profile,
)
from midback.domain.profile import Measurement
from midback.domain.training import LogInput, LogItemInput
from midback.exports.tabular import PersonExport, import_json
from midback.services.assessments import field_problems
from midback.services.errors import Conflict, InvalidInput
from midback.services.logs import request_hash
from midback.services.person_data import day_time
from midback.services.security import utcnow
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True)
class Imported:
    """What an import stored."""

    profile: bool
    sessions: int
    measurements: int


def import_data(uow: UnitOfWork, content: Content, user_id: int, data: bytes) -> Imported:
    """Check the document whole (InvalidInput lists every problem), then store it; Conflict if
    the account already has assessments, measurements or logs (nothing is merged)."""
    try:
        document = import_json(data)
    except InputError as error:
        fields = field_problems(error.problems)
        raise InvalidInput("this is not a midback export", fields=fields) from None
    problems = document_problems(document, content, today=utcnow().date())
    if problems:
        raise InvalidInput("the export has problems", fields=field_problems(problems))
    with uow:
        uow.plan_inputs.bump(user_id)  # first: queue behind any other write of this person
        if _has_data(uow, user_id):
            raise Conflict(
                "your account already has training data; import into a new or emptied account "
                "(DELETE /api/v1/me erases everything)"
            )
        stored = _store(uow, user_id, document)
        uow.commit()
    return stored


def _has_data(uow: UnitOfWork, user_id: int) -> bool:
    return bool(
        uow.assessments.latest(user_id)
        or uow.measurements.of_user(user_id)
        or uow.logs.of_user(user_id, limit=1)
    )


def document_problems(
    document: PersonExport, content: Content, *, today: date
) -> list[InputProblem]:
    """Everything in the document this server cannot take: unknown protocols or exercises,
    session dates out of range or given twice."""
    problems: list[InputProblem] = []
    if document.profile is not None:
        try:
            read_profile(document.profile.model_dump(mode="json"), content.protocols)
        except InputError as error:
            problems += [InputProblem(("profile", *p.loc), p.message) for p in error.problems]
    problems += logged_session_problems([e.date for e in document.sessions], today, ("sessions",))
    for index, entry in enumerate(document.sessions):
        where = ("sessions", index)
        problems += _each(entry.measurements, content, (*where, "measurements"))
        for number, exercise in enumerate(entry.painful_exercises):
            if exercise not in content.exercises:
                message = f"unknown exercise id '{exercise}'"
                problems.append(InputProblem((*where, "painful_exercises", number), message))
    problems += _each(document.measurements, content, ("measurements",))
    return problems


def _each(
    measurements: Sequence[Measurement], content: Content, prefix: tuple[str | int, ...]
) -> list[InputProblem]:
    """Protocol, side and range of each measurement (repeats on one day are allowed here)."""
    problems: list[InputProblem] = []
    for index, measurement in enumerate(measurements):
        problems += measurement_problems([measurement], [index], content.protocols, prefix)
    return problems


def _store(uow: UnitOfWork, user_id: int, document: PersonExport) -> Imported:
    """Write the document's parts (the caller commits)."""
    count = 0
    if document.profile is not None:
        profile = document.profile
        first = profile.start_date or min((s.date for s in document.sessions), default=None)
        taken_at = min(day_time(first, time(0)), utcnow()) if first else utcnow()
        assessment = uow.assessments.add(user_id=user_id, profile=profile, taken_at=taken_at)
        uow.measurements.add(
            user_id=user_id,
            measurements=profile.measurements,
            taken_at=taken_at,
            recorded_by=user_id,
            assessment_id=assessment.id,
        )
    for entry in document.sessions:
        _store_session(uow, user_id, entry)
        count += _add_measurements(uow, user_id, entry.measurements, entry.date)
    for record in document.measurements:
        count += _add_measurements(uow, user_id, [record], record.date)
    return Imported(document.profile is not None, len(document.sessions), count)


def _store_session(uow: UnitOfWork, user_id: int, entry: FeedbackEntry) -> None:
    body = _log_body(entry)
    uow.logs.add(
        user_id=user_id,
        body=body,
        program_ref=None,
        key=f"import-{entry.date.isoformat()}",
        request_hash=request_hash(body),
        now=utcnow(),
    )


def _log_body(entry: FeedbackEntry) -> LogInput:
    """A session entry as a log; each exercise that hurt is an item marked painful."""
    items = [
        LogItemInput(exercise=exercise, sets_done=0, reps_done=0, painful=True)
        for exercise in entry.painful_exercises
    ]
    try:
        return LogInput(
            session_date=entry.date,
            completed=entry.completed,
            pain_during=entry.pain_during,
            pain_next_day=entry.pain_next_day,
            difficulty=entry.difficulty,
            items=items,
        )
    except ValidationError as error:  # more painful exercises than a log holds
        problem = InputProblem(("sessions", str(entry.date)), str(error.errors()[0]["msg"]))
        raise InvalidInput("the export has problems", fields=field_problems([problem])) from None


def _add_measurements(
    uow: UnitOfWork, user_id: int, measurements: Sequence[Measurement], day: date
) -> int:
    if measurements:
        plain = [
            Measurement(protocol=m.protocol, side=m.side, degrees=m.degrees) for m in measurements
        ]
        uow.measurements.add(
            user_id=user_id, measurements=plain, taken_at=day_time(day), recorded_by=user_id
        )
    return len(measurements)
