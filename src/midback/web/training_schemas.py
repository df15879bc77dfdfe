"""Response bodies of assessments, measurements, programs, routines, logs and favourites."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, model_validator

from midback.domain.plan import Hold, Plan, PlannedSession
from midback.domain.profile import InputModel, Profile, RedFlag, Side
from midback.domain.training import (
    AssessmentRecord,
    Favourite,
    LogItemInput,
    MeasurementRecord,
    ProgramEdits,
    ProgramRecord,
    RoutineItem,
    SessionLog,
)
from midback.services.log_edits import KEEP, Keep
from midback.services.routines import RoutineView


class AssessmentOut(BaseModel):
    """A saved profile."""

    id: int
    taken_at: datetime
    profile: Profile

    @classmethod
    def of(cls, record: AssessmentRecord) -> AssessmentOut:
        """The API view of an assessment."""
        return cls(id=record.id, taken_at=record.taken_at, profile=record.profile)


class MeasurementOut(BaseModel):
    """A stored measurement; `assessment_id` is set for those saved with an assessment."""

    id: int
    protocol: str
    side: Side
    degrees: float
    taken_at: datetime
    recorded_by: int | None
    assessment_id: int | None
    method: str = Field(default="typed", description="typed, or phone (measured by its sensors).")
    trials: list[float] = Field(
        default_factory=list, description="Phone: each try's angle; `degrees` is their mean."
    )
    device: str | None = Field(default=None, description="Phone: e.g. 'android/sensor'.")

    @classmethod
    def of(cls, r: MeasurementRecord) -> MeasurementOut:
        """The API view of a measurement."""
        return cls(
            id=r.id,
            protocol=r.protocol,
            side=r.side,
            degrees=r.degrees,
            taken_at=r.taken_at,
            recorded_by=r.recorded_by,
            assessment_id=r.assessment_id,
            method=r.method,
            trials=list(r.trials),
            device=r.device,
        )


class ProgramOut(BaseModel):
    """A program started for the person (numbered 1, 2, …), with any clinician edits."""

    id: int
    version: int
    program: str
    start_date: date
    created_at: datetime
    assessment_id: int | None
    edits: ProgramEdits | None
    edited_by: int | None
    edited_at: datetime | None

    @classmethod
    def of(cls, r: ProgramRecord) -> ProgramOut:
        """The API view of a program record (without its plan)."""
        return cls(
            id=r.id,
            version=r.version,
            program=r.program,
            start_date=r.start_date,
            created_at=r.created_at,
            assessment_id=r.assessment_id,
            edits=r.edits,
            edited_by=r.edited_by,
            edited_at=r.edited_at,
        )


class ProgramWithPlanOut(BaseModel):
    """A program and a plan: the snapshot when created, the recomputed one when current."""

    program: ProgramOut
    plan: Plan


class TodayOut(BaseModel):
    """The session planned for `date`, or the next one (`is_today` false); null when over."""

    date: date
    is_today: bool
    session: PlannedSession | None
    program_id: int
    program_version: int
    status: str = Field(
        description="ok; hold: see a clinician before going on (progression held, or nothing "
        "planned yet); refer: see a doctor now or within 24 hours (reasons say why)."
    )
    reasons: list[str] = Field(description="Only when status is refer or hold.")
    tier: str = Field(default="ok", description="The health check's tier for the person.")
    hold: Hold | None = Field(default=None, description="A hold in force, and what lifts it.")
    maintenance: bool = Field(
        default=False,
        description="The session belongs to the maintenance phase after the program's last week.",
    )
    next_programs: list[str] = Field(
        default_factory=list, description="Programs the person may start after this one."
    )


class RoutineOut(BaseModel):
    """A routine, with its estimated duration."""

    id: int
    name: str
    owner_id: int
    assigned_to: int | None = Field(description="The patient a clinician assigned it to.")
    items: list[RoutineItem]
    estimated_minutes: float
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view: RoutineView) -> RoutineOut:
        """The API view of a routine."""
        r = view.routine
        return cls(
            id=r.id,
            name=r.name,
            owner_id=r.owner_id,
            assigned_to=r.shared_with,
            items=list(r.items),
            estimated_minutes=view.minutes,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )


class LogOut(BaseModel):
    """A logged session with its items."""

    id: int
    session_date: date
    planned_session: date | None
    program_id: int | None
    routine_id: int | None
    completed: bool
    pain_during: int | None
    pain_next_day: int | None
    difficulty: int | None
    note: str
    created_at: datetime
    items: list[LogItemInput]
    new_symptoms: list[RedFlag] = Field(
        description="Health-check answers that became yes with this log (a re-screen)."
    )
    seen_clinician: bool = Field(description="The person had seen a clinician (lifts a hold).")

    @classmethod
    def of(cls, g: SessionLog) -> LogOut:
        """The API view of a log."""
        return cls(
            id=g.id,
            session_date=g.session_date,
            planned_session=g.planned_session,
            program_id=g.program_ref,
            routine_id=g.routine_id,
            completed=g.completed,
            pain_during=g.pain_during,
            pain_next_day=g.pain_next_day,
            difficulty=g.difficulty,
            note=g.note,
            created_at=g.created_at,
            items=list(g.items),
            new_symptoms=list(g.new_symptoms),
            seen_clinician=g.seen_clinician,
        )


class PainNextDay(InputModel):
    """Pain ratings to set, 0–10 (null clears one; one left out stays as it is)."""

    pain_next_day: int | None = Field(
        default=None, ge=0, le=10, description="The pain the morning after."
    )
    pain_during: int | None = Field(
        default=None, ge=0, le=10, description="The pain during the session."
    )

    @model_validator(mode="after")
    def _something_to_set(self) -> PainNextDay:
        if not self.model_fields_set:
            raise ValueError("give pain_next_day or pain_during (or both)")
        return self

    def given(self, name: str) -> int | None | Keep:
        """The rating sent under `name`, or KEEP when it was left out."""
        value: int | None = getattr(self, name)
        return value if name in self.model_fields_set else KEEP


class FavouriteOut(BaseModel):
    """A favourite exercise."""

    exercise: str
    created_at: datetime

    @classmethod
    def of(cls, f: Favourite) -> FavouriteOut:
        """The API view of a favourite."""
        return cls(exercise=f.exercise, created_at=f.created_at)
