"""When the outcome measures are due: at the start, and at the week 4 and week 8 re-tests.

The baseline is asked from the moment a program exists until the end of its second week (later
than that it no longer describes the start). A re-test opens on that week's measure day (the
session the planner marks for re-measuring) or, without one, three days before the week ends,
and stays open for three weeks so a missed day can be caught up.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta

from midback.domain.assessment import Result
from midback.domain.outcomes import Instrument, Timepoint

BASELINE_DAYS = 14
"""The baseline can be given until the end of the program's second week."""

OPEN_BEFORE_WEEK_END = 3
"""A re-test without a measure day opens this many days before its week ends."""

OPEN_DAYS = 21
"""A re-test stays open this long, so a missed check-in can still be given."""


class Window(Result):
    """The days an instrument set is due: from `opens` up to but not including `closes`."""

    timepoint: Timepoint
    opens: date | None
    closes: date


class DueCheckIn(Result):
    """The check-in due today: its timepoint, and the instruments not yet answered for it."""

    timepoint: Timepoint
    closes: date
    instruments: list[str]


def windows(start: date, measure_days: Mapping[int, date]) -> list[Window]:
    """Each timepoint's window for a program starting on `start` (`measure_days`: the date of
    the re-measure session of a program week, where the plan has one)."""
    found = [Window(timepoint=Timepoint.BASELINE, opens=None, closes=start + _days(BASELINE_DAYS))]
    for timepoint in (Timepoint.WEEK_4, Timepoint.WEEK_8):
        week_end = start + _days(7 * timepoint.week)
        opens = measure_days.get(timepoint.week, week_end - _days(OPEN_BEFORE_WEEK_END))
        found.append(Window(timepoint=timepoint, opens=opens, closes=opens + _days(OPEN_DAYS)))
    return found


def open_window(start: date, measure_days: Mapping[int, date], today: date) -> Window | None:
    """The window open today, if any (they never overlap: the first wins if they did)."""
    for window in windows(start, measure_days):
        if (window.opens is None or window.opens <= today) and today < window.closes:
            return window
    return None


def due_check_in(
    start: date,
    measure_days: Mapping[int, date],
    today: date,
    instruments: Sequence[Instrument],
    answered: Collection[tuple[str, Timepoint]],
) -> DueCheckIn | None:
    """What is due today: the open timepoint's instruments without an answer (None: nothing)."""
    window = open_window(start, measure_days, today)
    if window is None:
        return None
    missing = [
        i.id
        for i in instruments
        if i.asked_at(window.timepoint) and (i.id, window.timepoint) not in answered
    ]
    if not missing:
        return None
    return DueCheckIn(timepoint=window.timepoint, closes=window.closes, instruments=missing)


def _days(count: int) -> timedelta:
    return timedelta(days=count)
