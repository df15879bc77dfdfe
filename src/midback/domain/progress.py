"""Progress as a person sees it: measurements against their protocol, adherence, streak, pain.

A change smaller than the protocol's MDC is "within measurement error", never progress
(clinical-facts §2). A planned session counts as done when a done log (completed, or finished in
the player and not rated) names it, or when one falls on its day or before the next planned day
(a session done late still counts once).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from statistics import median
from typing import Literal

from midback.domain.assessment import Result, compare
from midback.domain.profile import Measurement, Side
from midback.domain.protocol import Protocol
from midback.domain.training import LogItemInput, MeasurementRecord, SessionLog

TREND_WINDOW = 3
"""Sessions averaged on each side of the pain trend's comparison."""

TREND_STEP = 1.0
"""A change in average pain (0–10) this large or larger is a trend, not noise."""


class SeriesPoint(Result):
    """One reading."""

    taken_at: datetime
    degrees: float


class MeasurementSeries(Result):
    """Readings of one protocol and side over time, against the protocol's reference."""

    protocol: str
    side: Side
    reference: float
    mdc: float
    points: list[SeriesPoint]
    change: float | None
    within_error: bool | None
    below_reference: float
    verdict: str


class WeekAdherence(Result):
    """Planned sessions due in one program week, and how many were done."""

    week: int
    planned: int
    done: int
    percent: int | None


class PainPoint(Result):
    """Pain logged for one session."""

    date: date
    during: int | None
    next_day: int | None


class PainTrend(Result):
    """Pain over the logged sessions; the trend compares the last sessions with the ones before."""

    points: list[PainPoint]
    recent_average: float | None
    earlier_average: float | None
    trend: Literal["improving", "steady", "worsening", "not enough data"]
    last: int | None


def measurement_series(
    records: Sequence[MeasurementRecord], protocols: Mapping[str, Protocol]
) -> list[MeasurementSeries]:
    """One series per protocol and side, first reading against the latest."""
    grouped: dict[tuple[str, Side], list[MeasurementRecord]] = {}
    for record in sorted(records, key=lambda r: (r.taken_at, r.id)):
        if record.protocol in protocols:
            grouped.setdefault((record.protocol, record.side), []).append(record)
    return [_series(protocols[p], side, grouped[(p, side)]) for p, side in sorted(grouped)]


def _series(protocol: Protocol, side: Side, records: list[MeasurementRecord]) -> MeasurementSeries:
    first, latest = records[0], records[-1]
    points = [SeriesPoint(taken_at=r.taken_at, degrees=r.degrees) for r in records]
    below = round(max(0.0, protocol.reference - latest.degrees), 1)
    if len(records) < 2:
        verdict = "One reading so far: measure again to see a change."
        change, within = None, None
    else:
        before = Measurement(protocol=protocol.id, side=side, degrees=first.degrees)
        after = Measurement(protocol=protocol.id, side=side, degrees=latest.degrees)
        (found,) = compare([before], [after], {protocol.id: protocol}, latest.taken_at.date())
        verdict, change, within = found.meaning, round(found.change, 1), found.within_error
    return MeasurementSeries(
        protocol=protocol.id,
        side=side,
        reference=protocol.reference,
        mdc=protocol.mdc,
        points=points,
        change=change,
        within_error=within,
        below_reference=below,
        verdict=verdict,
    )


def counts_as_done(log: SessionLog) -> bool:
    """Whether `log` is a session done, for adherence and streaks: a completed log, or one the
    player saved when the session ended and nobody rated since, if at least one set was done.

    Only for counting sessions: an unrated log stays not completed, so the planner never reads
    it as evidence for a step up (no ratings, no step up; clinical-facts §5).
    """
    if log.completed:
        return True
    unrated = log.pain_during is None and log.difficulty is None
    return unrated and any(not item.skipped and item.sets_done > 0 for item in log.items)


def done_sessions(planned: Sequence[date], logs: Sequence[SessionLog]) -> set[date]:
    """The planned dates that a done log (`counts_as_done`) accounts for (each log counts once)."""
    done: set[date] = set()
    ordered = sorted(planned)
    wanted = set(ordered)
    completed = sorted((log for log in logs if counts_as_done(log)), key=lambda g: g.session_date)
    for log in completed:
        if log.planned_session in wanted and log.planned_session not in done:
            done.add(log.planned_session)
            continue
        index = bisect_right(ordered, log.session_date) - 1
        if index >= 0 and ordered[index] not in done:
            done.add(ordered[index])
    return done


def adherence(
    start: date, planned: Sequence[date], logs: Sequence[SessionLog], today: date
) -> tuple[list[WeekAdherence], int | None, int]:
    """Adherence per program week and overall (whole %), and the current streak of sessions.

    Sessions before today are due; today's counts once it is done, so an unlogged session
    today neither lowers adherence nor breaks the streak.
    """
    done = done_sessions(planned, logs)
    due = [d for d in sorted(planned) if d < today or d in done]
    weeks: dict[int, list[date]] = {}
    for day in due:
        weeks.setdefault((day - start).days // 7 + 1, []).append(day)
    per_week = [_week(number, days, done) for number, days in sorted(weeks.items())]
    overall = _percent(sum(d in done for d in due), len(due))
    streak = 0
    for day in reversed(due):
        if day not in done:
            break
        streak += 1
    return per_week, overall, streak


def _week(number: int, days: list[date], done: set[date]) -> WeekAdherence:
    count = sum(d in done for d in days)
    return WeekAdherence(
        week=number, planned=len(days), done=count, percent=_percent(count, len(days))
    )


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def missed_in_a_row(planned: Sequence[date], logs: Sequence[SessionLog], today: date) -> int:
    """How many of the latest due sessions (before today) went undone, counting back."""
    done = done_sessions(planned, logs)
    missed = 0
    for day in sorted((d for d in planned if d < today), reverse=True):
        if day in done:
            break
        missed += 1
    return missed


def pain_trend(logs: Sequence[SessionLog]) -> PainTrend:
    """Pain during sessions over time, and whether the last few are better than the ones before."""
    rated = sorted(
        (log for log in logs if log.pain_during is not None), key=lambda g: (g.session_date, g.id)
    )
    points = [
        PainPoint(date=g.session_date, during=g.pain_during, next_day=g.pain_next_day)
        for g in rated
    ]
    values = [float(g.pain_during) for g in rated if g.pain_during is not None]
    last = rated[-1].pain_during if rated else None
    trend, recent, earlier = trend_of(values)
    return PainTrend(
        points=points,
        recent_average=None if recent is None else round(recent, 1),
        earlier_average=None if earlier is None else round(earlier, 1),
        trend=trend,
        last=last,
    )


Trend = Literal["improving", "steady", "worsening", "not enough data"]


def trend_of(values: Sequence[float]) -> tuple[Trend, float | None, float | None]:
    """The trend of pain values (oldest first): the last TREND_WINDOW averaged against the ones
    before, with both averages. One rule for the Progress page and the planner (rule 7)."""
    if len(values) < TREND_WINDOW + 1:
        return "not enough data", None, None
    recent_values = values[-TREND_WINDOW:]
    earlier_values = values[-2 * TREND_WINDOW : -TREND_WINDOW]
    recent = sum(recent_values) / len(recent_values)
    earlier = sum(earlier_values) / len(earlier_values)
    trend: Trend = "steady"
    if recent - earlier <= -TREND_STEP:
        trend = "improving"
    elif recent - earlier >= TREND_STEP:
        trend = "worsening"
    return trend, recent, earlier


class CameraPoint(Result):
    """One session's camera reading of an exercise: the range reached, over the sets it counted."""

    day: date
    reached: float
    sets: int


class CameraSeries(Result):
    """Camera readings of one exercise and side over sessions. Indicative, not a clinical
    measurement: kept apart from the measurement series, never compared with norms or MDCs."""

    exercise: str
    side: Side
    measure: str
    points: list[CameraPoint]


def camera_series(items: Sequence[tuple[date, LogItemInput]]) -> list[CameraSeries]:
    """Per exercise and side, the median range the camera saw in each session (items given
    oldest first, each with its session's date)."""
    found: dict[tuple[str, Side, str], list[CameraPoint]] = {}
    for day, item in items:
        reached = [s.reached_deg for s in item.camera if s.reached_deg is not None]
        if not reached:
            continue
        key = (item.exercise, item.side, item.camera[0].measure)
        middle = round(median(reached), 1)
        found.setdefault(key, []).append(CameraPoint(day=day, reached=middle, sets=len(reached)))
    return [
        CameraSeries(exercise=e, side=s, measure=m, points=points)
        for (e, s, m), points in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]
