"""Assessments, measurements and the per-person counter of plan inputs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Insert, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from midback.domain.profile import Measurement, Profile, Side
from midback.domain.training import AssessmentRecord, MeasurementRecord, PhoneReading
from midback.storage.training_tables import AssessmentRow, MeasurementRow, PlanInputsRow


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


# Built once: read on every request for a plan, so statement construction is worth saving.
_VERSION = select(PlanInputsRow.version).where(PlanInputsRow.user_id == bindparam("user_id"))


class PlanInputsRepository:
    """A counter per person that every write the plan depends on moves forward."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def version(self, user_id: int) -> int:
        """The current count (0 before anything was written)."""
        return self._session.scalar(_VERSION, {"user_id": user_id}) or 0

    def bump(self, user_id: int) -> None:
        """Move the counter on, in the caller's transaction (so readers see both or neither)."""
        dialect = self._session.get_bind().dialect.name
        module = postgresql if dialect == "postgresql" else sqlite
        insert = module.insert(PlanInputsRow).values(user_id=user_id, version=1)
        statement: Insert = insert.on_conflict_do_update(
            index_elements=[PlanInputsRow.user_id],
            set_={"version": PlanInputsRow.version + 1},
        )
        self._session.execute(statement)
