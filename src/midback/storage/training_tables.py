"""Tables of a person's training: assessments, measurements, programs, routines, logs, favourites.

Everything references `users.id` with ON DELETE CASCADE, so deleting the account erases it all.
JSON documents (profiles, plan snapshots, clinician edits) are stored as text: the same on
SQLite and PostgreSQL, and only ever read whole.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from midback.storage.tables import Base
from midback.storage.types import (
    NEVER_REUSE_IDS,
    Id,
    JsonRows,
    OptionalJSONList,
    OptionalStringList,
    UTCDateTime,
)


def _user_fk(ondelete: str = "CASCADE") -> ForeignKey:
    return ForeignKey("users.id", ondelete=ondelete)


class PlanInputsRow(Base):
    """A counter per person, bumped by every write the plan depends on (the plan cache's key)."""

    __tablename__ = "plan_inputs"

    user_id: Mapped[int] = mapped_column(Id, _user_fk(), primary_key=True)
    version: Mapped[int] = mapped_column(Id)


class AssessmentRow(Base):
    """A profile as saved at one time (the newest one drives the plan)."""

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_user_taken_id", "user_id", "taken_at", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk())
    profile: Mapped[str] = mapped_column(Text, doc="The validated profile as JSON.")
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MeasurementRow(Base):
    """One measured angle, by protocol and side."""

    __tablename__ = "measurements"
    __table_args__ = (
        Index("ix_measurements_user_taken_id", "user_id", "taken_at", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk())
    protocol: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(8), doc="left, right or both.")
    degrees: Mapped[float] = mapped_column(Float)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[int | None] = mapped_column(Id, _user_fk("SET NULL"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(
        String(16), default="typed", server_default="typed", doc="typed, or phone (its sensors)."
    )
    trials: Mapped[str | None] = mapped_column(
        Text, doc="Phone: the trials' angles as a JSON list (degrees is their mean)."
    )
    device: Mapped[str | None] = mapped_column(
        String(32), doc="Phone: its class and sensor interface, e.g. 'android/sensor'."
    )


class ProgramRow(Base):
    """A program started for a person, numbered per person, with the clinician's edits."""

    __tablename__ = "programs"
    __table_args__ = (
        UniqueConstraint("user_id", "version", name="uq_programs_user_version"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk())
    program: Mapped[str] = mapped_column(String(64), doc="The program template's id.")
    version: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    snapshot: Mapped[str] = mapped_column(Text, doc="The plan as generated, as JSON.")
    assessment_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("assessments.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    edits: Mapped[str | None] = mapped_column(Text, doc="A clinician's edits as JSON.")
    edited_by: Mapped[int | None] = mapped_column(Id, _user_fk("SET NULL"), index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RoutineRow(Base):
    """A custom routine; `shared_with` is the patient a clinician assigned it to."""

    __tablename__ = "routines"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Id, _user_fk(), index=True)
    name: Mapped[str] = mapped_column(String(80))
    shared_with: Mapped[int | None] = mapped_column(Id, _user_fk(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RoutineItemRow(Base):
    """One exercise of a routine, at `position`."""

    __tablename__ = "routine_items"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    routine_id: Mapped[int] = mapped_column(
        Id, ForeignKey("routines.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(8))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    hold_s: Mapped[int] = mapped_column(Integer)
    rest_s: Mapped[int] = mapped_column(Integer)


class SessionLogRow(Base):
    """A logged session; (user, idempotency key) is unique, so a retried upload cannot double."""

    __tablename__ = "session_logs"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key", name="uq_session_logs_user_key"),
        # Serves "a person's logs by date, newest first" including the id tie-break, no sort.
        Index("ix_session_logs_user_date_id", "user_id", "session_date", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk())
    session_date: Mapped[date] = mapped_column(Date)
    planned_session: Mapped[date | None] = mapped_column(Date)
    program_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("programs.id", ondelete="SET NULL"), index=True
    )
    routine_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("routines.id", ondelete="SET NULL"), index=True
    )
    completed: Mapped[bool] = mapped_column(Boolean)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    pain_next_day: Mapped[int | None] = mapped_column(Integer)
    difficulty: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    idempotency_key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64), doc="SHA-256 of the canonical body.")
    new_symptoms: Mapped[list[str]] = mapped_column(
        OptionalStringList,
        nullable=True,
        doc="Health-check answers that became yes since the last log (a re-screen).",
    )
    seen_clinician: Mapped[bool] = mapped_column(
        Boolean,
        default=False,
        server_default=false(),
        doc="The person has seen a clinician (lifts a hold).",
    )


class SessionLogItemRow(Base):
    """What was done of one exercise in a logged session."""

    __tablename__ = "session_log_items"
    __table_args__ = (
        Index("ix_session_log_items_log_position", "log_id", "position"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    log_id: Mapped[int] = mapped_column(Id, ForeignKey("session_logs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    exercise: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(8))
    sets_done: Mapped[int] = mapped_column(Integer)
    reps_done: Mapped[int] = mapped_column(Integer)
    hold_s: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[bool] = mapped_column(Boolean)
    painful: Mapped[bool] = mapped_column(Boolean)
    camera: Mapped[JsonRows] = mapped_column(
        OptionalJSONList,
        nullable=True,
        doc="Sets the camera coach counted, with the range reached (indicative).",
    )


class FavouriteRow(Base):
    """An exercise a person marked as a favourite."""

    __tablename__ = "favourites"
    __table_args__ = (
        UniqueConstraint("user_id", "exercise", name="uq_favourites_user_exercise"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, _user_fk())
    exercise: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
