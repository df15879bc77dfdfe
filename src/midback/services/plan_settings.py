"""Manage my plan without onboarding again: change the time, the days, the equipment, the
positions to avoid and the precautions.

A change is stored as a new assessment (the profile's next version; earlier ones stay), so the
plan-inputs version moves and the current program is worked out again. It takes effect from
the day it is made: the sessions before it stay as the earlier answers planned them
(services.plans, domain.plan_changes). The program keeps its start date and logged sessions, so
history and progression are kept. The new profile carries the latest reading of every
measurement (re-tests included), because the planner reads re-tests only after the newest
assessment. The health check's rules read the new precautions exactly as after onboarding: one
that needs a clinician's clearance first (an operation in its early weeks) holds the program.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from midback.content.loader import Content
from midback.domain.intake import InputError, read_profile
from midback.domain.profile import Measurement, Profile, Surgery
from midback.domain.training import AssessmentRecord, MeasurementRecord
from midback.domain.vocabulary import Equipment, Position, Precaution
from midback.services.assessments import field_problems
from midback.services.errors import InvalidInput, NotFound
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True)
class Precautions:
    """The precautions step's answers, as the profile holds them."""

    precautions: frozenset[Precaution] = frozenset()
    surgery: Surgery | None = None
    pregnancy_trimester: int | None = None

    def profile_fields(self) -> dict[str, Any]:
        """These answers as the profile's fields (for the intake to check)."""
        return {
            "precautions": sorted(p.value for p in self.precautions),
            "surgery": self.surgery.model_dump(mode="json") if self.surgery else None,
            "pregnancy_trimester": self.pregnancy_trimester,
        }


@dataclass(frozen=True)
class PlanSettings:
    """What a person may change about their plan at any time."""

    minutes_per_day: int
    days_per_week: int
    equipment: frozenset[Equipment]
    positions_to_avoid: frozenset[Position]
    precautions: Precautions | None = None
    """None keeps the precautions as they are."""


def settings_of(profile: Profile) -> PlanSettings:
    """The changeable settings of a profile."""
    return PlanSettings(
        profile.minutes_per_day,
        profile.days_per_week,
        frozenset(profile.equipment),
        frozenset(profile.positions_to_avoid),
        Precautions(frozenset(profile.precautions), profile.surgery, profile.pregnancy_trimester),
    )


def current_settings(uow: UnitOfWork, user_id: int) -> PlanSettings:
    """The settings of the person's latest assessment; NotFound before onboarding."""
    with uow:
        latest = uow.assessments.latest(user_id)
    if latest is None:
        raise NotFound("no assessment yet")
    return settings_of(latest.profile)


def change_settings(
    uow: UnitOfWork, content: Content, user_id: int, wanted: PlanSettings
) -> AssessmentRecord:
    """Store the latest profile with these settings as a new assessment (every problem listed
    as a field problem); NotFound before onboarding."""
    with uow:
        latest = uow.assessments.latest(user_id)
        if latest is None:
            raise NotFound("no assessment yet")
        retests = uow.measurements.of_user(user_id, after=latest.taken_at)
        data: dict[str, Any] = latest.profile.model_dump(mode="json")
        data.update(
            minutes_per_day=wanted.minutes_per_day,
            days_per_week=wanted.days_per_week,
            equipment=sorted(e.value for e in wanted.equipment),
            positions_to_avoid=sorted(p.value for p in wanted.positions_to_avoid),
            measurements=[
                m.model_dump(mode="json") for m in latest_readings(latest.profile, retests)
            ],
        )
        if wanted.precautions is not None:
            data.update(wanted.precautions.profile_fields())
        try:
            profile = read_profile(data, content.protocols)
        except InputError as error:
            raise InvalidInput(
                "the settings are not valid", fields=field_problems(error.problems)
            ) from None
        uow.plan_inputs.bump(user_id)
        record = uow.assessments.add(user_id=user_id, profile=profile, taken_at=uow.clock.now())
        uow.commit()
    return record


def latest_readings(profile: Profile, retests: list[MeasurementRecord]) -> list[Measurement]:
    """The profile's measurements, each replaced by its latest re-test of the same side."""
    readings = {(m.protocol, m.side.value): m for m in profile.measurements}
    for record in sorted(retests, key=lambda r: (r.taken_at, r.id)):
        key = (record.protocol, record.side.value)
        readings[key] = Measurement(
            protocol=record.protocol, side=record.side, degrees=record.degrees
        )
    return list(readings.values())
