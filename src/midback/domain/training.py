"""What a person's training leaves behind: assessments, measurements, programs, routines, logs.

Input models (what people send) validate themselves; records (what is stored) are plain values
that storage maps its rows to and services decide with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, ConfigDict, Field, StringConstraints, model_validator

from midback.domain.camera.spec import MeasureName
from midback.domain.exercise import ExerciseId
from midback.domain.plan import Plan
from midback.domain.profile import Day, InputModel, Measurement, Profile, RedFlag, Side
from midback.domain.program import ProgramId

MAX_ID = 2**63 - 1
"""Ids fit a signed 64-bit column on both databases."""

NO_NUL = r"^[^\x00]*$"
"""PostgreSQL text cannot hold NUL characters, so no stored text may contain one."""

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000, pattern=NO_NUL)]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=NO_NUL)
]


class RoutineItem(InputModel):
    """One exercise of a routine with its dose (limits as for an exercise's own dose)."""

    exercise: ExerciseId
    side: Side = Field(default=Side.BOTH, description="left/right for one side of a per-side one")
    sets: int = Field(ge=1, le=10)
    reps: int = Field(ge=1, le=50)
    hold_s: int = Field(default=0, ge=0, le=300, description="Seconds each rep is held.")
    rest_s: int = Field(default=30, ge=0, le=300, description="Rest between sets, seconds.")


class RoutineInput(InputModel):
    """A routine someone builds: a name and its exercises, in order."""

    name: Name
    items: list[RoutineItem] = Field(min_length=1, max_length=50)


class CameraSet(InputModel):
    """A set the camera coach counted: the reps (or holds) it saw and how far the tracked angle
    went (the median furthest point of the reps). Indicative, not a clinical measurement: a
    phone camera sees the body in two dimensions."""

    set: int = Field(ge=1, le=20, description="Which set of the exercise (1-based).")
    measure: MeasureName = Field(description="The angle the camera tracked.")
    reps: int = Field(ge=0, le=200, description="Reps (or holds) the camera counted.")
    reached_deg: float | None = Field(
        default=None, ge=0, le=180, description="How far the tracked angle went, degrees."
    )


class LogItemInput(InputModel):
    """What was done of one exercise in a session."""

    exercise: ExerciseId
    side: Side = Side.BOTH
    sets_done: int = Field(ge=0, le=20)
    reps_done: int = Field(ge=0, le=200, description="Repetitions per set.")
    hold_s: int = Field(default=0, ge=0, le=600)
    skipped: bool = False
    painful: bool = Field(default=False, description="It hurt: later sessions leave it out.")
    camera: list[CameraSet] = Field(
        default_factory=list, max_length=20, description="Sets the camera coach counted."
    )


_BOTH_SESSION_AND_ROUTINE: dict[str, Any] = {
    "required": ["planned_session", "routine_id"],
    "properties": {
        "planned_session": {"not": {"type": "null"}},
        "routine_id": {"not": {"type": "null"}},
    },
}
"""What no log may have (in its JSON Schema): a planned session and a routine together."""


class LogInput(InputModel):
    """One session as logged: the planned session (by its date) or a routine, and how it went.

    A log is for a planned session or for a routine, not both."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={"not": _BOTH_SESSION_AND_ROUTINE},
    )

    session_date: Day = Field(description="The day the session was done (or missed).")
    planned_session: Day | None = Field(
        default=None,
        description="Date of the program session this log is for, if any (not with routine_id).",
    )
    routine_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    completed: bool
    pain_during: int | None = Field(default=None, ge=0, le=10)
    pain_next_day: int | None = Field(default=None, ge=0, le=10)
    difficulty: int | None = Field(default=None, ge=1, le=10)
    note: Note = ""
    items: list[LogItemInput] = Field(default_factory=list, max_length=100)
    new_symptoms: list[RedFlag] = Field(
        default_factory=list,
        max_length=len(RedFlag),
        description="Health-check answers that became yes since the last session: the health "
        "check is asked again (an emergency or urgent answer stops the program, a routine one "
        "holds it).",
    )
    seen_clinician: bool = Field(
        default=False,
        description="The person has seen a clinician since a hold began: the hold is lifted.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> LogInput:
        if self.completed and (self.pain_during is None or self.difficulty is None):
            raise ValueError("a completed session needs pain_during (0–10) and difficulty (1–10)")
        if self.planned_session is not None and self.routine_id is not None:
            raise ValueError("a log is for a planned session or for a routine, not both")
        return self


class MeasurementsInput(InputModel):
    """Measurements taken together (a re-test), by default now."""

    measurements: list[Measurement] = Field(min_length=1, max_length=20)
    taken_at: AwareDatetime | None = Field(default=None, description="With a time zone.")


class ProgramRequest(InputModel):
    """Which program to fill from the latest assessment, and from which day."""

    program: ProgramId = "thoracic-8-week"
    start_date: Day | None = Field(
        default=None, description="First day; default: the assessment's start_date, else today."
    )


class DoseEdit(InputModel):
    """A clinician's change to an exercise's dose; unset fields keep the planner's value."""

    sets: int | None = Field(default=None, ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_s: int | None = Field(default=None, ge=0, le=300)
    rest_s: int | None = Field(default=None, ge=0, le=300)


class ProgramEdits(InputModel):
    """A clinician's edits, applied on top of every recomputed plan."""

    exclude: list[ExerciseId] = Field(default_factory=list, max_length=50)
    substitute: dict[ExerciseId, ExerciseId] = Field(
        default_factory=dict, max_length=50, description="Exercise id → the one to do instead."
    )
    doses: dict[ExerciseId, DoseEdit] = Field(default_factory=dict, max_length=50)
    note: Note = Field(default="", description="A word from the clinician, shown with the plan.")


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """A saved profile, as it was at `taken_at`."""

    id: int
    user_id: int
    profile: Profile
    taken_at: datetime


@dataclass(frozen=True, slots=True)
class MeasurementRecord:
    """One stored angle; `assessment_id` is set for those that came with an assessment."""

    id: int
    user_id: int
    protocol: str
    side: Side
    degrees: float
    taken_at: datetime
    recorded_by: int | None
    assessment_id: int | None
    method: str = "typed"
    trials: tuple[float, ...] = ()
    device: str | None = None


@dataclass(frozen=True, slots=True)
class PhoneReading:
    """An angle measured with a phone: the mean of its trials, and the kind of device."""

    protocol: str
    side: Side
    degrees: float
    trials: tuple[float, ...]
    device: str


@dataclass(frozen=True, slots=True)
class ProgramRecord:
    """A program started for a person: the plan as generated, and a clinician's edits."""

    id: int
    user_id: int
    program: str
    version: int
    start_date: date
    created_at: datetime
    snapshot: Plan
    assessment_id: int | None
    edits: ProgramEdits | None = None
    edited_by: int | None = None
    edited_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    """A named list of exercises with doses; `shared_with` is the patient it was assigned to."""

    id: int
    owner_id: int
    name: str
    items: tuple[RoutineItem, ...]
    shared_with: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SessionLog:
    """A logged session with its items; `request_hash` identifies the body it was created from."""

    id: int
    user_id: int
    session_date: date
    planned_session: date | None
    program_ref: int | None
    routine_id: int | None
    completed: bool
    pain_during: int | None
    pain_next_day: int | None
    difficulty: int | None
    note: str
    created_at: datetime
    items: tuple[LogItemInput, ...]
    idempotency_key: str
    request_hash: str
    new_symptoms: tuple[RedFlag, ...] = ()
    seen_clinician: bool = False


@dataclass(frozen=True, slots=True)
class Favourite:
    """An exercise someone marked as a favourite."""

    exercise: str
    created_at: datetime
