"""Assessments (the profile, over time) and measurements (re-tests between assessments)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from midback.content.loader import Content
from midback.domain.intake import InputError, InputProblem, measurement_problems, read_profile
from midback.domain.phone_measure import PhoneMeasurementInput, device_class, phone_readings
from midback.domain.training import AssessmentRecord, MeasurementRecord, MeasurementsInput
from midback.services.errors import FieldProblem, InvalidInput, NotFound
from midback.storage.uow import UnitOfWork

CLOCK_SKEW = timedelta(minutes=5)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


def field_problems(problems: Sequence[InputProblem]) -> tuple[FieldProblem, ...]:
    """Intake problems as API field problems (`measurements.0.degrees`, or `body`)."""
    return tuple(
        FieldProblem(".".join(str(part) for part in p.loc) or "body", p.message) for p in problems
    )


def save_assessment(
    uow: UnitOfWork, content: Content, user_id: int, data: object, *, recorded_by: int
) -> AssessmentRecord:
    """Validate a profile (every problem listed) and store it with its measurements."""
    try:
        profile = read_profile(data, content.protocols)
    except InputError as error:
        raise InvalidInput(
            "the profile is not valid", fields=field_problems(error.problems)
        ) from None
    now = uow.clock.now()
    with uow:
        uow.plan_inputs.bump(user_id)
        record = uow.assessments.add(user_id=user_id, profile=profile, taken_at=now)
        uow.measurements.add(
            user_id=user_id,
            measurements=profile.measurements,
            taken_at=now,
            recorded_by=recorded_by,
            assessment_id=record.id,
        )
        uow.commit()
    return record


def assessments_of(uow: UnitOfWork, user_id: int) -> list[AssessmentRecord]:
    """Every assessment of a person, oldest first."""
    with uow:
        return uow.assessments.of_user(user_id)


def get_assessment(uow: UnitOfWork, user_id: int, assessment_id: int) -> AssessmentRecord:
    """One of the person's assessments; NotFound for anyone else's."""
    with uow:
        record = uow.assessments.get(assessment_id)
    if record is None or record.user_id != user_id:
        raise NotFound("no such assessment")
    return record


def add_measurements(
    uow: UnitOfWork, content: Content, user_id: int, body: MeasurementsInput, *, recorded_by: int
) -> list[MeasurementRecord]:
    """Store a re-test: protocols must be known, sides fit, angles plausible, time not ahead."""
    problems = measurement_problems(body.measurements, None, content.protocols, ("measurements",))
    if problems:
        raise InvalidInput("the measurements are not valid", fields=field_problems(problems))
    now = uow.clock.now()
    taken_at = body.taken_at or now
    if not EARLIEST <= taken_at <= now + CLOCK_SKEW:
        problem = FieldProblem("taken_at", "must be between 2000-01-01 and now")
        raise InvalidInput("taken_at is out of range", fields=(problem,))
    with uow:
        uow.plan_inputs.bump(user_id)
        records = uow.measurements.add(
            user_id=user_id,
            measurements=body.measurements,
            taken_at=taken_at,
            recorded_by=recorded_by,
        )
        uow.commit()
    return records


def add_phone_measurements(
    uow: UnitOfWork,
    content: Content,
    user_id: int,
    body: PhoneMeasurementInput,
    *,
    user_agent: str,
    recorded_by: int,
) -> list[MeasurementRecord]:
    """Store angles measured with the phone's sensors (`method: phone`, with their trials and
    the device class); from then on they steer the plan and Progress like typed ones."""
    device = device_class(user_agent, body.api)
    readings, problems = phone_readings(body, content.protocols, device)
    if problems:
        raise InvalidInput("the measurement is not valid", fields=field_problems(problems))
    with uow:
        uow.plan_inputs.bump(user_id)
        records = uow.measurements.add_phone(
            user_id=user_id, readings=readings, taken_at=uow.clock.now(), recorded_by=recorded_by
        )
        uow.commit()
    return records


def measurements_of(uow: UnitOfWork, user_id: int) -> list[MeasurementRecord]:
    """Every measurement of a person, in time order."""
    with uow:
        return uow.measurements.of_user(user_id)
