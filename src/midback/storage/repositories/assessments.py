"""Assessments, measurements and the per-person counter of plan inputs."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import Insert, bindparam, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from midback.domain.profile import Measurement, Profile, Side
from midback.domain.training import AssessmentRecord, MeasurementRecord, PhoneReading
from midback.storage.training_tables import AssessmentRow, MeasurementRow, PlanInputsRow

BULK_ROWS = 1000
"""Rows per multi-row INSERT (SQLite allows 32,766 bound values)."""


def _assessment(row: AssessmentRow) -> AssessmentRecord:
    profile = Profile.model_validate_json(row.profile)
    return AssessmentRecord(row.id, row.user_id, profile, row.taken_at)


def _measurement(row: MeasurementRow) -> MeasurementRecord:
    return MeasurementRecord(
        row.id,
        row.user_id,
        row.protocol,
        Side(row.side),
        row.degrees,
        row.taken_at,
        row.recorded_by,
        row.assessment_id,
        row.method,
        tuple(json.loads(row.trials)) if row.trials else (),
        row.device,
    )


class AssessmentRepository:
    """Profiles over time, newest last."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *, user_id: int, profile: Profile, taken_at: datetime) -> AssessmentRecord:
        """Store a validated profile."""
        row = AssessmentRow(user_id=user_id, profile=profile.model_dump_json(), taken_at=taken_at)
        self._session.add(row)
        self._session.flush()
        return AssessmentRecord(row.id, user_id, profile, taken_at)

    def latest(self, user_id: int) -> AssessmentRecord | None:
        """The newest assessment of a person."""
        query = (
            select(AssessmentRow)
            .where(AssessmentRow.user_id == user_id)
            .order_by(AssessmentRow.taken_at.desc(), AssessmentRow.id.desc())
            .limit(1)
        )
        row = self._session.scalar(query)
        return _assessment(row) if row else None

    def get(self, assessment_id: int) -> AssessmentRecord | None:
        """One assessment by id, whoever's it is."""
        row = self._session.get(AssessmentRow, assessment_id)
        return _assessment(row) if row else None

    def of_user(self, user_id: int) -> list[AssessmentRecord]:
        """Every assessment of a person, oldest first."""
        query = (
            select(AssessmentRow)
            .where(AssessmentRow.user_id == user_id)
            .order_by(AssessmentRow.taken_at, AssessmentRow.id)
        )
        return [_assessment(row) for row in self._session.scalars(query)]


class MeasurementRepository:
    """Measured angles over time."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        user_id: int,
        measurements: Sequence[Measurement],
        taken_at: datetime,
        recorded_by: int | None,
        assessment_id: int | None = None,
    ) -> list[MeasurementRecord]:
        """Store measurements taken together."""
        rows = [
            MeasurementRow(
                user_id=user_id,
                protocol=m.protocol,
                side=m.side.value,
                degrees=m.degrees,
                taken_at=taken_at,
                recorded_by=recorded_by,
                assessment_id=assessment_id,
            )
            for m in measurements
        ]
        self._session.add_all(rows)
        self._session.flush()
        return [_measurement(row) for row in rows]

    def add_dated(
        self, *, user_id: int, measured: Sequence[tuple[Measurement, datetime]], recorded_by: int
    ) -> int:
        """Store measurements taken at various times in one statement (bulk imports)."""
        if not measured:
            return 0
        rows = [
            {
                "user_id": user_id,
                "protocol": m.protocol,
                "side": m.side.value,
                "degrees": m.degrees,
                "taken_at": taken_at,
                "recorded_by": recorded_by,
                "assessment_id": None,
            }
            for m, taken_at in measured
        ]
        for start in range(0, len(rows), BULK_ROWS):
            self._session.execute(insert(MeasurementRow).values(rows[start : start + BULK_ROWS]))
        return len(rows)

    def add_phone(
        self,
        *,
        user_id: int,
        readings: Sequence[PhoneReading],
        taken_at: datetime,
        recorded_by: int | None,
    ) -> list[MeasurementRecord]:
        """Store angles measured with a phone, each with its trials and the device class."""
        rows = [
            MeasurementRow(
                user_id=user_id,
                protocol=r.protocol,
                side=r.side.value,
                degrees=r.degrees,
                taken_at=taken_at,
                recorded_by=recorded_by,
                method="phone",
                trials=json.dumps(list(r.trials)),
                device=r.device,
            )
            for r in readings
        ]
        self._session.add_all(rows)
        self._session.flush()
        return [_measurement(row) for row in rows]

    def of_user(self, user_id: int, *, after: datetime | None = None) -> list[MeasurementRecord]:
        """A person's measurements in time order, only those after `after` if given."""
        query = select(MeasurementRow).where(MeasurementRow.user_id == user_id)
        if after is not None:
            query = query.where(MeasurementRow.taken_at > after)
        query = query.order_by(MeasurementRow.taken_at, MeasurementRow.id)
        return [_measurement(row) for row in self._session.scalars(query)]


FIRST_VERSION_RANGE = 2**30
"""First counts are drawn from 1..2**30: the count is also a calendar's SEQUENCE, a 32-bit
integer, and leaves room for a billion writes."""


def first_version() -> int:
    """A person's first plan-inputs count, at random (never 0, which means 'nothing yet')."""
    return 1 + secrets.randbelow(FIRST_VERSION_RANGE)


# Built once: read on every request for a plan, so statement construction is worth saving.
_VERSION = select(PlanInputsRow.version).where(PlanInputsRow.user_id == bindparam("user_id"))


class PlanInputsRepository:
    """A counter per person that every write the plan depends on moves forward."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def version(self, user_id: int) -> int:
        """The current count (0 before anything was written, or once the account is gone)."""
        connection = self._session.connection()  # Core: cheaper than the ORM for one value
        return connection.execute(_VERSION, {"user_id": user_id}).scalar() or 0

    def versions(self, user_ids: Sequence[int]) -> dict[int, int]:
        """The counts of many people in one query each 500 (absent: 0)."""
        found: dict[int, int] = {}
        for start in range(0, len(user_ids), 500):
            chunk = user_ids[start : start + 500]
            query = select(PlanInputsRow.user_id, PlanInputsRow.version).where(
                PlanInputsRow.user_id.in_(chunk)
            )
            found.update((user_id, version) for user_id, version in self._session.execute(query))
        return found

    def bump(self, user_id: int) -> None:
        """Move the counter on, in the caller's transaction (so readers see both or neither).

        A person's first count starts at a random number, not 1: should an id ever come back
        for another account, its versions still would not match what a cache kept for the first.
        """
        dialect = self._session.get_bind().dialect.name
        self._session.connection().execute(bump_statement(dialect), bump_parameters(user_id))


def bump_parameters(user_id: int) -> dict[str, int]:
    """What `bump_statement` needs: the person, and a random first count in case it is new."""
    return {"user_id": user_id, "first": first_version()}


@cache
def bump_statement(dialect: str) -> Insert:
    """The upsert that moves the counter of the person `:user_id` on (to `:first` the first
    time); built once per dialect."""
    module = postgresql if dialect == "postgresql" else sqlite
    statement: Insert = (
        module.insert(PlanInputsRow)
        .values(user_id=bindparam("user_id"), version=bindparam("first"))
        .on_conflict_do_update(
            index_elements=[PlanInputsRow.user_id],
            set_={"version": PlanInputsRow.version + 1},
        )
    )
    return statement
