"""Response bodies of progress, the clinician's patient views and the data export."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from midback.domain.clearance import ClearanceRecord
from midback.domain.outcomes import OutcomeRecord
from midback.domain.plan import PlannedSession
from midback.domain.progress import MeasurementSeries, PainTrend, WeekAdherence
from midback.exports.tabular import ReminderSettings
from midback.services.clinic import PatientDetail, PatientSummary
from midback.services.data_export import PersonData
from midback.services.progress import ProgressReport
from midback.services.routines import RoutineView
from midback.web.accounts_schemas import AuditOut, LinkOut, UserOut
from midback.web.messages_schemas import MessageOut
from midback.web.training_schemas import (
    AssessmentOut,
    FavouriteOut,
    LogOut,
    MeasurementOut,
    ProgramOut,
    ProgramWithPlanOut,
    RoutineOut,
)


class ProgressOut(BaseModel):
    """Measurements against references, adherence per program week and overall, streak, pain."""

    today: date
    measurements: list[MeasurementSeries] = Field(
        description="Per protocol and side: readings, change first → latest, and whether the "
        "change is within measurement error (below the protocol's MDC)."
    )
    weeks: list[WeekAdherence]
    adherence_percent: int | None = Field(description="Done / due planned sessions, whole %.")
    streak: int = Field(description="Planned sessions done in a row, up to the latest due one.")
    pain: PainTrend

    @classmethod
    def of(cls, report: ProgressReport) -> ProgressOut:
        """The API view of a progress report."""
        return cls(
            today=report.today,
            measurements=report.measurements,
            weeks=report.weeks,
            adherence_percent=report.adherence_percent,
            streak=report.streak,
            pain=report.pain,
        )


class PatientSummaryOut(BaseModel):
    """A linked patient at a glance; `flagged` when pain was above 5 or 2 sessions were missed."""

    patient_id: int
    email: str
    linked_since: datetime
    link_id: int
    last_session: date | None
    adherence_percent: int | None
    last_pain: int | None
    flagged: bool
    flags: list[str]

    @classmethod
    def of(cls, s: PatientSummary) -> PatientSummaryOut:
        """The clinician's view of one patient."""
        return cls(
            patient_id=s.link.patient_id,
            email=s.link.patient_email,
            linked_since=s.link.created_at,
            link_id=s.link.id,
            last_session=s.last_session,
            adherence_percent=s.adherence_percent,
            last_pain=s.last_pain,
            flagged=bool(s.flags),
            flags=s.flags,
        )


class PatientDetailOut(PatientSummaryOut):
    """One patient: the summary, latest assessment, current program and next session."""

    assessment: AssessmentOut | None
    program: ProgramOut | None
    plan_status: str | None
    next_session: PlannedSession | None

    @classmethod
    def of_detail(cls, d: PatientDetail) -> PatientDetailOut:
        """The clinician's full view of one patient."""
        summary = PatientSummaryOut.of(d.summary).model_dump()
        return cls(
            **summary,
            assessment=AssessmentOut.of(d.assessment) if d.assessment else None,
            program=ProgramOut.of(d.current.program) if d.current else None,
            plan_status=d.current.plan.status if d.current else None,
            next_session=d.next_session,
        )


class PauseOut(BaseModel):
    """A pause of a program: from `start` up to (not including) `end`; `end` null while paused."""

    program_id: int
    start: date
    end: date | None


class SessionMoveOut(BaseModel):
    """A planned session you skipped (`moved_to` null) or moved to another day."""

    program_id: int
    planned: date
    moved_to: date | None


class ExportOut(BaseModel):
    """Everything stored about you (password hash and token hashes excepted)."""

    exported_at: datetime
    user: UserOut
    assessments: list[AssessmentOut]
    measurements: list[MeasurementOut]
    programs: list[ProgramWithPlanOut] = Field(description="Each with the plan as generated.")
    routines: list[RoutineOut]
    logs: list[LogOut]
    favourites: list[FavouriteOut]
    clinician_links: list[LinkOut]
    audit: list[AuditOut]
    clearances: list[ClearanceRecord] = Field(
        default_factory=list, description="Health-check clearances, by you or your clinician."
    )
    outcomes: list[OutcomeRecord] = Field(
        default_factory=list, description="Outcome measures: pain rating, activities, change."
    )
    pauses: list[PauseOut] = Field(
        default_factory=list, description="Times you paused a program (a holiday, an illness)."
    )
    messages: list[MessageOut] = Field(
        default_factory=list,
        description="Messages with your clinicians (or patients), sent and received, oldest first.",
    )
    reminders: ReminderSettings | None = Field(
        default=None, description="Your reminder settings, if you saved any (push left out)."
    )
    session_moves: list[SessionMoveOut] = Field(
        default_factory=list, description="Sessions you skipped or moved to another day."
    )

    @classmethod
    def of(cls, data: PersonData, routines: list[RoutineView]) -> ExportOut:
        """The export document."""
        return cls(
            exported_at=data.exported_at,
            user=UserOut.of(data.user),
            assessments=[AssessmentOut.of(a) for a in data.assessments],
            measurements=[MeasurementOut.of(m) for m in data.measurements],
            programs=[
                ProgramWithPlanOut(program=ProgramOut.of(p), plan=p.snapshot) for p in data.programs
            ],
            routines=[RoutineOut.of(r) for r in routines],
            logs=[LogOut.of(g) for g in data.logs],
            favourites=[FavouriteOut.of(f) for f in data.favourites],
            clinician_links=[LinkOut.of(link) for link in data.clinician_links],
            audit=[AuditOut.of(e) for e in data.audit],
            clearances=data.clearances,
            outcomes=data.outcomes,
            pauses=[PauseOut(program_id=i, start=p.start, end=p.end) for i, p in data.pauses],
            messages=[MessageOut.of(m) for m in data.messages],
            reminders=ReminderSettings.of(data.reminders) if data.reminders else None,
            session_moves=[
                SessionMoveOut(program_id=i, planned=m.planned, moved_to=m.to)
                for i, m in data.session_moves
            ],
        )
