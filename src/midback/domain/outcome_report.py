"""The clinician's outcome report: adherence over the program, pain against the usual pain,
outcome measures at baseline, week 4 and week 8 against each one's important change, and range
of motion against the first reading with its measurement error.

Nothing here is a new rule: sessions count as done by `progress.done_sessions`, adherence is
`progress.adherence`, the pain trend is `progress.trend_of`, the important change is
`outcome_series.important_change`, and a range change is judged by `progress.measurement_series`
(the protocol's MDC, clinical-facts §2). This module only lays them side by side, in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from midback.domain.assessment import Result
from midback.domain.outcome_series import important_change, improved, reaches
from midback.domain.outcomes import Instrument, OutcomeRecord, Timepoint
from midback.domain.profile import compact_number
from midback.domain.progress import (
    MeasurementSeries,
    PainTrend,
    Trend,
    adherence,
    done_sessions,
    measurement_series,
    pain_trend,
    trend_of,
)
from midback.domain.protocol import Protocol
from midback.domain.training import MeasurementRecord, SessionLog

REPORT_TIMEPOINTS = (Timepoint.BASELINE, Timepoint.WEEK_4, Timepoint.WEEK_8)


class ReportWeek(Result):
    """One program week: sessions planned, due by today, and done."""

    week: int
    planned: int
    due: int
    done: int
    percent: int | None
    """Done of due, whole %; None before the week's first session is due."""


class Adherence(Result):
    """Sessions done against planned, per week and over the whole program."""

    start: date
    weeks: list[ReportWeek]
    planned: int
    due: int
    done: int
    percent: int | None
    streak: int


class PainSummary(Result):
    """Pain during sessions and the next morning, against the pain the person usually has."""

    usual: int | None
    during: PainTrend
    next_day_trend: Trend
    next_day_recent: float | None
    next_day_earlier: float | None
    above_usual: int
    """Rated sessions whose pain during went above the usual pain."""


class OutcomeCell(Result):
    """One instrument at one timepoint: the answer, its change from baseline and the verdict."""

    timepoint: Timepoint
    score: float | None
    change: float | None
    passes: bool | None
    """True when the change reaches the important change for the better; None when unknown."""
    words: str


class OutcomeRow(Result):
    """One instrument at baseline, week 4 and week 8."""

    instrument: str
    name: str
    threshold: float | None
    cells: list[OutcomeCell]


class OutcomeReport(Result):
    """Everything the report shows, as of `today`."""

    today: date
    adherence: Adherence | None
    pain: PainSummary
    outcomes: list[OutcomeRow]
    motion: list[MeasurementSeries]


def week_adherence(
    start: date, planned: Sequence[date], logs: Sequence[SessionLog], today: date
) -> Adherence:
    """Per program week, planned, due and done; the totals, the percentage and the streak."""
    in_program = [log for log in logs if log.session_date >= start]
    due_weeks, percent, streak = adherence(start, planned, in_program, today)
    done = done_sessions(planned, in_program)
    by_week: dict[int, list[date]] = {}
    for day in sorted(planned):
        by_week.setdefault((day - start).days // 7 + 1, []).append(day)
    due = {w.week: w for w in due_weeks}
    weeks = [
        ReportWeek(
            week=number,
            planned=len(days),
            due=due[number].planned if number in due else 0,
            done=sum(d in done for d in days),
            percent=due[number].percent if number in due else None,
        )
        for number, days in sorted(by_week.items())
    ]
    return Adherence(
        start=start,
        weeks=weeks,
        planned=len(planned),
        due=sum(w.due for w in weeks),
        done=sum(w.done for w in weeks),
        percent=percent,
        streak=streak,
    )


def pain_summary(logs: Sequence[SessionLog], usual: int | None) -> PainSummary:
    """The pain trend during sessions and the next morning, and how often it went above usual."""
    during = pain_trend(logs)
    mornings = [float(p.next_day) for p in during.points if p.next_day is not None]
    trend, recent, earlier = trend_of(mornings)
    above = 0
    if usual is not None:
        above = sum(1 for p in during.points if p.during is not None and p.during > usual)
    return PainSummary(
        usual=usual,
        during=during,
        next_day_trend=trend,
        next_day_recent=None if recent is None else round(recent, 1),
        next_day_earlier=None if earlier is None else round(earlier, 1),
        above_usual=above,
    )


def outcome_rows(
    records: Sequence[OutcomeRecord], instruments: Mapping[str, Instrument]
) -> list[OutcomeRow]:
    """Each instrument answered, at baseline, week 4 and week 8 (the latest answer of each)."""
    ordered = sorted(records, key=lambda r: (r.taken_on, r.recorded_at, r.id))
    rows = []
    for instrument in instruments.values():
        at = {r.timepoint: r for r in ordered if r.instrument == instrument.id}
        if at:
            rows.append(_row(instrument, at))
    return rows


def _row(instrument: Instrument, at: Mapping[Timepoint, OutcomeRecord]) -> OutcomeRow:
    if instrument.kind == "change":
        # A rating of change is itself a change from the start: judged against "about the same".
        half = important_change(instrument, 0)
        cells = [_rating(instrument, t, at.get(t), half) for t in REPORT_TIMEPOINTS]
        return OutcomeRow(
            instrument=instrument.id, name=instrument.name, threshold=half, cells=cells
        )
    base = at.get(Timepoint.BASELINE)
    threshold = important_change(instrument, base.score) if base else None
    cells = [_scored(instrument, t, at.get(t), base, threshold) for t in REPORT_TIMEPOINTS]
    return OutcomeRow(
        instrument=instrument.id, name=instrument.name, threshold=threshold, cells=cells
    )


def _points(value: float) -> str:
    return f"{compact_number(value)} {'point' if abs(value) == 1 else 'points'}"


def _cell(
    timepoint: Timepoint,
    words: str,
    score: float | None = None,
    change: float | None = None,
    passes: bool | None = None,
) -> OutcomeCell:
    return OutcomeCell(timepoint=timepoint, score=score, change=change, passes=passes, words=words)


def _scored(
    instrument: Instrument,
    timepoint: Timepoint,
    record: OutcomeRecord | None,
    base: OutcomeRecord | None,
    threshold: float | None,
) -> OutcomeCell:
    if record is None:
        return _cell(timepoint, "not answered")
    if timepoint is Timepoint.BASELINE:
        return _cell(timepoint, "starting point", record.score)
    if base is None or threshold is None:
        return _cell(timepoint, "no answer before the program to compare with", record.score)
    change = round(record.score - base.score, 1)
    needed = _points(threshold)
    if not reaches(change, threshold):
        words, passes = f"changed by less than {needed}: not yet an important change", False
    elif improved(instrument, change):
        words = f"better by {_points(abs(change))}: an important change (needs {needed})"
        passes = True
    else:
        words = f"worse by {_points(abs(change))}: an important worsening (over {needed})"
        passes = False
    return _cell(timepoint, words, record.score, change, passes)


def _rating(
    instrument: Instrument, timepoint: Timepoint, record: OutcomeRecord | None, threshold: float
) -> OutcomeCell:
    if timepoint is Timepoint.BASELINE:
        return _cell(timepoint, "not asked before the program")
    if record is None:
        return _cell(timepoint, "not answered")
    score = record.score
    needed = f"{compact_number(threshold)} or more"
    if not reaches(score, threshold):
        words, passes = f"about the same: not yet an important change (needs {needed})", False
    elif improved(instrument, score):
        words, passes = f"feels better: an important change ({needed})", True
    else:
        words, passes = "feels worse: an important worsening", False
    return _cell(timepoint, words, score, score, passes)


def pain_words(pain: PainSummary, shown: int) -> str:
    """The pain chart in a few plain sentences (shared by the page and the PDF)."""
    during = pain.during
    words = f"Line: pain during the last {shown} rated sessions (0–10); circles: next morning. "
    if during.recent_average is not None and during.earlier_average is not None:
        words += (
            f"During: {compact_number(during.recent_average)} lately against "
            f"{compact_number(during.earlier_average)} before ({during.trend}). "
        )
    if pain.next_day_recent is not None and pain.next_day_earlier is not None:
        words += (
            f"Next morning: {compact_number(pain.next_day_recent)} against "
            f"{compact_number(pain.next_day_earlier)} ({pain.next_day_trend}). "
        )
    if pain.usual is not None:
        words += (
            f"Dashed: the usual pain, {pain.usual}/10 at the assessment; pain during went above "
            f"it in {pain.above_usual} of {len(during.points)} rated sessions."
        )
    return words.strip()


def motion_words(series: MeasurementSeries) -> str:
    """First against latest reading in a few words, as the series judged it."""
    if series.change is None:
        return "One reading so far."
    if series.within_error:
        return "Within the error: not a change yet."
    gained = "Gained" if series.change > 0 else "Lost"
    return f"{gained} {compact_number(abs(series.change))}°: a real change."


def error_words(series: MeasurementSeries) -> str:
    """The test's measurement error in plain words."""
    return f"A change smaller than {compact_number(series.mdc)}° may be measurement error."


def outcome_report(
    *,
    today: date,
    start: date | None,
    planned: Sequence[date],
    logs: Sequence[SessionLog],
    usual_pain: int | None,
    answers: Sequence[OutcomeRecord],
    instruments: Mapping[str, Instrument],
    measurements: Sequence[MeasurementRecord],
    protocols: Mapping[str, Protocol],
) -> OutcomeReport:
    """The report from what was read (no adherence without a program)."""
    return OutcomeReport(
        today=today,
        adherence=None if start is None else week_adherence(start, planned, logs, today),
        pain=pain_summary(logs, usual_pain),
        outcomes=outcome_rows(answers, instruments),
        motion=measurement_series(measurements, protocols),
    )
