"""A person's home pages: Today (the session card, the week, the lesson, yesterday's pain) and
progress, each read once per change of the person's data and kept in the view cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from midback.content.loader import Content
from midback.domain.lesson import Lesson
from midback.domain.plan import Hold, PlannedSession
from midback.domain.program_story import program_story
from midback.domain.progress import adherence
from midback.domain.screening import BLOCKING, screen_profile
from midback.domain.today import (
    WeekSummary,
    awaiting_pain_next_day,
    done_on,
    lesson_of_week,
    sits_a_lot,
    week_summary,
)
from midback.domain.training import AssessmentRecord, SessionLog
from midback.services.plans import CurrentPlan, PlanCache, current_plan, session_for
from midback.services.progress import ProgressReport, build_report
from midback.services.views import ViewCache, cached
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True)
class TodayView:
    """Everything the Today page shows; `current` is None before a program (or when referred)."""

    day: date
    assessment: AssessmentRecord | None
    current: CurrentPlan | None
    session: PlannedSession | None
    week: WeekSummary | None
    streak: int
    adherence_percent: int | None
    lesson: Lesson | None
    sits_a_lot: bool
    ask_pain: SessionLog | None
    done_today: bool

    screen_blocks: bool = False
    """The latest health check refers or holds (used when no program was started)."""

    @property
    def referred(self) -> bool:
        """The health check points to a clinician before any session."""
        if self.current is not None:
            plan = self.current.plan
            if plan.status != "ok" and plan.hold is None:
                return True  # the health check holds (the sessions before a change stay)
            return plan.status == "refer" or (plan.status != "ok" and not self.current.sessions)
        return self.assessment is not None and self.screen_blocks

    @property
    def hold(self) -> Hold | None:
        """A hold in force during the program (progression waits for a clinician)."""
        return self.current.plan.hold if self.current is not None else None

    @property
    def rescreen_due(self) -> bool:
        """Time to answer the health check again (every few weeks during a program)."""
        due = self.current.plan.screening.rescreen_on if self.current else None
        return due is not None and self.day >= due

    @property
    def nothing_fits(self) -> bool:
        """A program was started, but too few exercises fit the answers to fill it."""
        return self.current is not None and not self.current.sessions and not self.referred


def today_view(
    uow: UnitOfWork, content: Content, plans: PlanCache, views: ViewCache, user_id: int, day: date
) -> TodayView:
    """The person's Today for `day` (cached until their data or the day changes)."""
    return cached(
        views,
        uow,
        ("today", user_id),
        user_id,
        day,
        lambda: _today(uow, content, plans, user_id, day),
    )


def _today(
    uow: UnitOfWork, content: Content, plans: PlanCache, user_id: int, day: date
) -> TodayView:
    current = current_plan(uow, content, plans, user_id)
    yesterday = day - timedelta(days=1)
    since = min(current.program.start_date, yesterday) if current else yesterday
    with uow:
        assessment = uow.assessments.latest(user_id)
        logs = uow.logs.of_user(user_id, since=since)
    week, streak, percent, lesson = None, 0, None, lesson_of_week(list(content.lessons.values()), 1)
    if current is not None and current.sessions:
        start = current.program.start_date
        planned = [s.date for s in current.sessions]
        _, percent, streak = adherence(start, planned, logs, day)
        week = week_summary(start, planned, logs, day, current.skipped)
        lesson = lesson_of_week(list(content.lessons.values()), week.number)
    return TodayView(
        day=day,
        assessment=assessment,
        current=current,
        session=session_for(uow, content, current, user_id, day) if current else None,
        week=week,
        streak=streak,
        adherence_percent=percent,
        lesson=lesson,
        sits_a_lot=assessment is not None and sits_a_lot(assessment.profile),
        ask_pain=awaiting_pain_next_day(logs, day),
        done_today=done_on(logs, day),
        screen_blocks=assessment is not None
        and screen_profile(assessment.profile, content.safety().screen).tier in BLOCKING,
    )


def progress_report(
    uow: UnitOfWork, content: Content, plans: PlanCache, views: ViewCache, user_id: int, day: date
) -> ProgressReport:
    """The person's progress for `day` (cached until their data or the day changes)."""
    return cached(
        views,
        uow,
        ("progress", user_id),
        user_id,
        day,
        lambda: _progress(uow, content, plans, user_id, day),
    )


def _progress(
    uow: UnitOfWork, content: Content, plans: PlanCache, user_id: int, day: date
) -> ProgressReport:
    """`services.progress.progress_of`, reading the logs without their items: a year of them
    has some 3,000 items, and the report needs only dates, completion and pain."""
    current = current_plan(uow, content, plans, user_id)
    with uow:
        measurements = uow.measurements.of_user(user_id)
        logs = uow.logs.of_user(user_id, with_items=False)
        camera = uow.logs.camera_items(user_id)
    return build_report(current, measurements, logs, content, day, camera)


@dataclass(frozen=True)
class ProgramSummary:
    """A new program as onboarding presents it: the plan, its first session and why."""

    assessment: AssessmentRecord | None
    current: CurrentPlan | None
    first: PlannedSession | None
    story: list[str]


def program_summary(
    uow: UnitOfWork, content: Content, plans: PlanCache, user_id: int, day: date
) -> ProgramSummary:
    """The current program, its next session and two sentences on why it looks this way."""
    current = current_plan(uow, content, plans, user_id)
    with uow:
        assessment = uow.assessments.latest(user_id)
    if current is None or assessment is None:
        return ProgramSummary(assessment, current, None, [])
    first = current.session_on_or_after(day)
    minutes = first.estimated_minutes if first else float(assessment.profile.minutes_per_day)
    story = program_story(current.plan, assessment.profile, content.protocols, minutes)
    return ProgramSummary(assessment, current, first, story)
