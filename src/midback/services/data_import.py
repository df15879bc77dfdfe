"""Import a person's own midback-export JSON into an account that has no training data yet.

Each part of the document goes back where the export took it from: the profile becomes an
assessment (taken on the profile's start date, so later measurements count as re-tests), each
session entry a log on its day with that day's measurements, and the other measurements re-tests
on their days; the display name, reminder settings and the current program with its pauses
(version 2) go back with the profile. Exporting again gives the same document.

Everything is checked before anything is written. Then the import streams in batches, each its
own short transaction, so other writers (the person's other devices, everyone else on SQLite)
keep moving while a large history goes in. The account records which document is going in and
how far it got: if the import stops half-way (a timeout, a restart), sending the same document
again resumes after the last stored batch; a different document is refused until the account is
emptied. Each batch moves the plan-inputs version, so readers never keep a stale plan.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time

from pydantic import ValidationError

from midback.clock import SYSTEM_CLOCK, Clock
from midback.content.instruments import builtin_instruments
from midback.content.loader import Content
from midback.domain.feedback import FeedbackEntry
from midback.domain.intake import (
    InputError,
    InputProblem,
    logged_session_problems,
    measurement_problems,
    read_profile,
)
from midback.domain.outcomes import answer_problems
from midback.domain.profile import Measurement
from midback.domain.training import AssessmentRecord, LogInput, LogItemInput
from midback.exports.tabular import PersonExport, ProgramEntry, import_json
from midback.services import names, programs
from midback.services.assessments import field_problems
from midback.services.errors import Conflict, InvalidInput
from midback.services.export_files import zone
from midback.services.logs import request_hash
from midback.services.person_data import day_time
from midback.services.programs import START_WINDOW
from midback.storage.uow import UnitOfWork

BATCH_SESSIONS = 500
"""Sessions per transaction: SQLite's write lock is held some tens of milliseconds per batch."""

Progress = Callable[[int, int], None]
"""Called after each stored batch with (sessions stored, sessions in the document)."""


@dataclass(frozen=True)
class Imported:
    """What an import stored."""

    profile: bool
    sessions: int
    measurements: int
    program: bool = False
    pauses: int = 0


def import_data(
    uow: UnitOfWork,
    content: Content,
    user_id: int,
    data: bytes,
    *,
    on_progress: Progress | None = None,
) -> Imported:
    """Check the document whole (InvalidInput lists every problem), then store it in batches;
    Conflict if the account already has training data that is not an unfinished import of this
    same document (nothing is merged)."""
    document = checked_document(content, data, clock=uow.clock)
    digest = hashlib.sha256(document.model_dump_json().encode("utf-8")).hexdigest()
    sessions = list(document.sessions)
    bodies = [_log_body(entry) for entry in sessions]  # may refuse: before anything is written
    done = _begin(uow, content, user_id, document, digest)
    while done < len(sessions):
        end = min(done + BATCH_SESSIONS, len(sessions))
        with uow:
            _store_sessions(uow, user_id, sessions[done:end], bodies[done:end])
            finished = uow.clock.now() if end == len(sessions) else None
            uow.imports.advance(user_id, done=end, finished_at=finished)
            uow.plan_inputs.bump(user_id)
            uow.commit()
        done = end
        if on_progress is not None:
            on_progress(done, len(sessions))
    if not sessions:
        with uow:
            uow.imports.advance(user_id, done=0, finished_at=uow.clock.now())
            uow.commit()
    counted = sum(len(s.measurements) for s in sessions) + len(document.measurements)
    program = document.program is not None and document.profile is not None
    pauses = len(document.program.pauses) if document.program and program else 0
    return Imported(document.profile is not None, len(sessions), counted, program, pauses)


def checked_document(content: Content, data: bytes, *, clock: Clock = SYSTEM_CLOCK) -> PersonExport:
    """The document parsed and checked whole; InvalidInput lists every problem."""
    try:
        document = import_json(data)
    except InputError as error:
        fields = field_problems(error.problems)
        raise InvalidInput("this is not a midback export", fields=fields) from None
    problems = document_problems(document, content, today=clock.today())
    if problems:
        raise InvalidInput("the export has problems", fields=field_problems(problems))
    return document


def _begin(
    uow: UnitOfWork, content: Content, user_id: int, document: PersonExport, digest: str
) -> int:
    """Start the import (profile and loose measurements in the first transaction) or find where
    an unfinished import of this document stopped; returns the sessions already stored."""
    with uow:
        state = uow.imports.of_user(user_id)
        if state is not None and not state.finished:
            if state.digest != digest:
                raise Conflict(
                    "another import into your account has not finished: send that same file "
                    "again to finish it, or delete your data and start over"
                )
            return state.sessions_done
        if _has_data(uow, user_id):
            raise Conflict(
                "your account already has training data; import into a new or emptied account "
                "(DELETE /api/v1/me erases everything)"
            )
        uow.imports.start(
            user_id=user_id, digest=digest, sessions=len(document.sessions), now=uow.clock.now()
        )
        assessment = _store_profile(uow, user_id, document)
        _store_settings(uow, content, user_id, document, assessment)
        loose = [(_plain(m), day_time(m.date)) for m in document.measurements]
        uow.measurements.add_dated(user_id=user_id, measured=loose, recorded_by=user_id)
        uow.outcomes.add_many(
            user_id=user_id, records=document.outcomes, recorded_by=user_id, now=uow.clock.now()
        )
        uow.plan_inputs.bump(user_id)
        uow.commit()
    return 0


def _has_data(uow: UnitOfWork, user_id: int) -> bool:
    return bool(
        uow.assessments.latest(user_id)
        or uow.measurements.of_user(user_id)
        or uow.logs.of_user(user_id, limit=1)
        or uow.outcomes.of_user(user_id)
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
    problems += _outcome_problems(document, today)
    problems += _settings_problems(document, content, today)
    return problems


def _settings_problems(document: PersonExport, content: Content, today: date) -> list[InputProblem]:
    """The display name, the reminder settings and the program with its pauses (version 2)."""
    problems: list[InputProblem] = []
    try:
        names.clean_name(document.display_name)
    except InvalidInput as error:
        problems.append(InputProblem(("display_name",), error.fields[0].message))
    if document.reminders is not None:
        try:
            zone(document.reminders.time_zone)
        except InvalidInput as error:
            problems.append(InputProblem(("reminders", "time_zone"), error.fields[0].message))
        if document.reminders.work_end <= document.reminders.work_start:
            message = "the working day must end after it starts"
            problems.append(InputProblem(("reminders", "work_end"), message))
    if document.program is not None:
        problems += _program_problems(document.program, document, content, today)
    return problems


def _program_problems(
    entry: ProgramEntry, document: PersonExport, content: Content, today: date
) -> list[InputProblem]:
    """A known program after a profile, starting at most a year ahead; its pauses in order,
    inside the program, none in the future, only the last one still on."""
    where: tuple[str | int, ...] = ("program",)
    problems: list[InputProblem] = []
    if document.profile is None:
        problems.append(InputProblem(where, "a program needs the profile it was made from"))
    if entry.program not in content.programs:
        message = f"unknown program '{entry.program}'"
        problems.append(InputProblem((*where, "program"), message))
    if entry.start_date > today + START_WINDOW:
        problems.append(InputProblem((*where, "start_date"), "must be within a year of today"))
    since = entry.start_date
    for index, pause in enumerate(entry.pauses):
        at = (*where, "pauses", index)
        if pause.start < since:
            message = "must not begin before the program or the pause before it ends"
            problems.append(InputProblem((*at, "start"), message))
        if pause.start > today:
            problems.append(InputProblem((*at, "start"), "is in the future"))
        if pause.end is None and index < len(entry.pauses) - 1:
            problems.append(InputProblem((*at, "end"), "only the last pause may still be on"))
        if pause.end is not None and not pause.start < pause.end <= today:
            message = "must be after the start and not in the future"
            problems.append(InputProblem((*at, "end"), message))
        since = pause.end or pause.start
    return problems


def _outcome_problems(document: PersonExport, today: date) -> list[InputProblem]:
    """Each outcome answer checked as if it were given now: instrument, timepoint, range."""
    instruments = builtin_instruments()
    problems: list[InputProblem] = []
    for index, entry in enumerate(document.outcomes):
        where: tuple[str | int, ...] = ("outcomes", index)
        instrument = instruments.get(entry.instrument)
        if instrument is None:
            message = f"unknown instrument '{entry.instrument}'"
            problems.append(InputProblem((*where, "instrument"), message))
            continue
        if entry.taken_on > today:
            problems.append(InputProblem((*where, "taken_on"), "is in the future"))
        for field, message in answer_problems(entry.as_input(), instrument):
            parts = [int(p) if p.isdigit() else p for p in field.split(".")]
            problems.append(InputProblem((*where, *parts), message))
    return problems


def _each(
    measurements: Sequence[Measurement], content: Content, prefix: tuple[str | int, ...]
) -> list[InputProblem]:
    """Protocol, side and range of each measurement (repeats on one day are allowed here)."""
    problems: list[InputProblem] = []
    for index, measurement in enumerate(measurements):
        problems += measurement_problems([measurement], [index], content.protocols, prefix)
    return problems


def _store_profile(
    uow: UnitOfWork, user_id: int, document: PersonExport
) -> AssessmentRecord | None:
    """The profile as an assessment taken on its start date (or the first session's day)."""
    if document.profile is None:
        return None
    profile = document.profile
    first = profile.start_date or min((s.date for s in document.sessions), default=None)
    taken_at = min(day_time(first, time(0)), uow.clock.now()) if first else uow.clock.now()
    assessment = uow.assessments.add(user_id=user_id, profile=profile, taken_at=taken_at)
    uow.measurements.add(
        user_id=user_id,
        measurements=profile.measurements,
        taken_at=taken_at,
        recorded_by=user_id,
        assessment_id=assessment.id,
    )
    return assessment


def _store_settings(
    uow: UnitOfWork,
    content: Content,
    user_id: int,
    document: PersonExport,
    assessment: AssessmentRecord | None,
) -> None:
    """The display name and reminder settings (if the document has them), and the program with
    its pauses, made from the imported profile (the caller commits)."""
    if document.display_name:
        uow.users.set_display_name(user_id, names.clean_name(document.display_name))
    if document.reminders is not None:
        uow.reminders.put_prefs(document.reminders.prefs(user_id), uow.clock.now())
    entry = document.program
    if entry is None or assessment is None:
        return
    template = content.programs[entry.program]
    record = programs.add_program(uow, content, user_id, assessment, template, entry.start_date)
    for pause in entry.pauses:
        uow.pauses.add(
            user_id=user_id, program_id=record.id, start=pause.start, now=uow.clock.now()
        )
        if pause.end is not None:
            uow.pauses.end(record.id, pause.end)


def _store_sessions(
    uow: UnitOfWork, user_id: int, entries: Sequence[FeedbackEntry], bodies: Sequence[LogInput]
) -> None:
    """One batch of session entries as logs (keyed by day, so a batch never goes in twice) and
    their measurements, in a few multi-row statements (the caller commits)."""
    logs = [
        (body, f"import-{entry.date.isoformat()}", request_hash(body))
        for entry, body in zip(entries, bodies, strict=True)
    ]
    uow.logs.add_many(user_id=user_id, logs=logs, now=uow.clock.now())
    measured = [(_plain(m), day_time(e.date)) for e in entries for m in e.measurements]
    uow.measurements.add_dated(user_id=user_id, measured=measured, recorded_by=user_id)


def _plain(measurement: Measurement) -> Measurement:
    """A dated export record as a plain measurement."""
    return Measurement(
        protocol=measurement.protocol, side=measurement.side, degrees=measurement.degrees
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
            new_symptoms=entry.new_symptoms,
            seen_clinician=entry.seen_clinician,
        )
    except ValidationError as error:  # more painful exercises than a log holds
        problem = InputProblem(("sessions", str(entry.date)), str(error.errors()[0]["msg"]))
        raise InvalidInput("the export has problems", fields=field_problems([problem])) from None
