"""Progress: measurements against their protocol's reference and MDC, adherence, streak, pain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from midback.content.loader import Content
from midback.domain.progress import (
    CameraSeries,
    MeasurementSeries,
    PainTrend,
    WeekAdherence,
    adherence,
    camera_series,
    measurement_series,
    pain_trend,
)
from midback.domain.training import LogItemInput, MeasurementRecord, SessionLog
from midback.services.plans import CurrentPlan, PlanCache, current_plan
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress page shows, as of `today`."""

    today: date
    measurements: list[MeasurementSeries]
    weeks: list[WeekAdherence]
    adherence_percent: int | None
    streak: int
    pain: PainTrend
    camera: list[CameraSeries] = field(default_factory=list)
    """What the camera coach saw, per exercise: indicative, shown apart from measurements."""


def progress_of(
    uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int, today: date
) -> ProgressReport:
    """The person's progress (adherence and streak need a program; the rest does not)."""
    current = current_plan(uow, content, cache, user_id)
    with uow:
        measurements = uow.measurements.of_user(user_id)
        logs = uow.logs.of_user(user_id)
        camera = uow.logs.camera_items(user_id)
    return build_report(current, measurements, logs, content, today, camera)


def build_report(
    current: CurrentPlan | None,
    measurements: Sequence[MeasurementRecord],
    logs: Sequence[SessionLog],
    content: Content,
    today: date,
    camera: Sequence[tuple[date, LogItemInput]] = (),
) -> ProgressReport:
    """Put the report together from what was read."""
    weeks: list[WeekAdherence] = []
    overall, streak = None, 0
    if current is not None:
        start = current.program.start_date
        planned = [s.date for s in current.sessions]
        in_program = [log for log in logs if log.session_date >= start]
        weeks, overall, streak = adherence(start, planned, in_program, today)
    return ProgressReport(
        today=today,
        measurements=measurement_series(measurements, content.protocols),
        weeks=weeks,
        adherence_percent=overall,
        streak=streak,
        pain=pain_trend(logs),
        camera=camera_series(camera),
    )
