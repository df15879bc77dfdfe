"""Outcome answers over time: the band of no important change around the first answer (the
instrument's MIC, clinical-facts §8), and the change in plain words, as ROM series use the MDC."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from midback.domain.assessment import Result
from midback.domain.outcomes import Instrument, OutcomeRecord, Timepoint


def important_change(instrument: Instrument, start: float) -> float:
    """How far from `start` a score must move to count as an important change.

    `mic.points`, or `mic.percent` of the starting score when that is smaller (a pain of 3 that
    falls to 2 has fallen by a third), but never less than `mic.floor`.
    """
    mic = instrument.mic
    threshold = mic.points
    if mic.percent is not None:
        threshold = min(threshold, abs(start) * mic.percent / 100)
    if mic.floor is not None:
        threshold = max(threshold, mic.floor)
    return round(threshold, 2)


class OutcomePoint(Result):
    """One answer on the chart."""

    taken_on: date
    timepoint: Timepoint
    score: float


class ActivityChange(Result):
    """One activity rated first and latest, and whether it moved by its own MIC."""

    activity: str
    first: int
    latest: int
    change: int
    important: bool


class OutcomeSeries(Result):
    """One instrument over time against its band of no important change."""

    instrument: str
    name: str
    low: int
    high: int
    better: Literal["lower", "higher"]
    points: list[OutcomePoint]
    band_centre: float
    band_half_width: float
    change: float | None
    verdict: str
    activities: list[ActivityChange] = Field(default_factory=list)


def outcome_series(
    records: Sequence[OutcomeRecord], instruments: Mapping[str, Instrument]
) -> list[OutcomeSeries]:
    """One series per instrument answered, in the instruments' order."""
    ordered = sorted(records, key=lambda r: (r.taken_on, r.recorded_at, r.id))
    found = []
    for instrument in instruments.values():
        mine = [r for r in ordered if r.instrument == instrument.id]
        if mine:
            found.append(_series(instrument, mine))
    return found


def _series(instrument: Instrument, records: list[OutcomeRecord]) -> OutcomeSeries:
    points = [
        OutcomePoint(taken_on=r.taken_on, timepoint=r.timepoint, score=r.score) for r in records
    ]
    if instrument.kind == "change":
        # A rating of change is already a change: its band sits around "about the same".
        rating = records[-1].score
        half = important_change(instrument, 0)
        words = _change_words(instrument, rating, half)
        return _made(instrument, points, 0.0, half, rating, words)
    baseline = next((r for r in records if r.timepoint is Timepoint.BASELINE), records[0])
    half = important_change(instrument, baseline.score)
    later = [r for r in records if _key(r) > _key(baseline)]
    if not later:
        verdict = "One answer so far: it is asked again at weeks 4 and 8 to show a change."
        return _made(instrument, points, baseline.score, half, None, verdict)
    latest = later[-1]
    change = round(latest.score - baseline.score, 1)
    series = _made(
        instrument, points, baseline.score, half, change, _verdict(instrument, change, half)
    )
    if instrument.kind == "activities":
        series = series.model_copy(
            update={"activities": activity_changes(instrument, baseline, latest)}
        )
    return series


def _key(record: OutcomeRecord) -> tuple[date, datetime, int]:
    return (record.taken_on, record.recorded_at, record.id)


def _made(
    instrument: Instrument,
    points: list[OutcomePoint],
    centre: float,
    half: float,
    change: float | None,
    verdict: str,
) -> OutcomeSeries:
    return OutcomeSeries(
        instrument=instrument.id,
        name=instrument.name,
        low=instrument.low,
        high=instrument.high,
        better=instrument.better,
        points=points,
        band_centre=centre,
        band_half_width=half,
        change=change,
        verdict=verdict,
    )


def _number(value: float) -> str:
    return f"{value:g}"


def reaches(change: float, threshold: float) -> bool:
    """Whether a change (either way) is as large as the important change `threshold`."""
    return abs(change) >= threshold


def improved(instrument: Instrument, change: float) -> bool:
    """Whether a change of score is for the better on this instrument's scale."""
    return (change < 0) == (instrument.better == "lower")


def _verdict(instrument: Instrument, change: float, threshold: float) -> str:
    """The change from the first answer in words: important, or not yet noticeable."""
    size = abs(change)
    points = "point" if size == 1 else "points"
    if not reaches(change, threshold):
        return (
            f"Within {_number(threshold)} points of your first answer: not yet a change you "
            "would notice."
        )
    better = improved(instrument, change)
    if instrument.kind == "score" and instrument.better == "lower":
        what = "Less pain" if better else "More pain"
    else:
        what = "Better" if better else "Worse"
    words = f"{what} than at the start, by {_number(size)} {points}: a change large enough to "
    words += "matter."
    return words if better else f"{words} Tell your clinician or physiotherapist."


def _change_words(instrument: Instrument, latest: float, threshold: float) -> str:
    if latest >= threshold:
        return "You feel your back has improved in a way that matters to you."
    if latest <= -threshold:
        return "You feel your back has got worse. Tell your clinician or physiotherapist."
    return f"About the same as when you started ({instrument.middle_label or 'no change'})."


def activity_changes(
    instrument: Instrument, first: OutcomeRecord, latest: OutcomeRecord
) -> list[ActivityChange]:
    """Each activity named both times (matched by name, ignoring case), first against latest."""
    item_mic = instrument.mic.item_points or instrument.mic.points
    before = {a.activity.casefold(): a for a in first.activities}
    changes = []
    for item in latest.activities:
        earlier = before.get(item.activity.casefold())
        if earlier is None:
            continue
        change = item.score - earlier.score
        changes.append(
            ActivityChange(
                activity=item.activity,
                first=earlier.score,
                latest=item.score,
                change=change,
                important=abs(change) >= item_mic,
            )
        )
    return changes
