"""When sessions happen: a fixed number per week, spread evenly across each 7-day week."""

from __future__ import annotations

from datetime import date, timedelta

DAYS_IN_WEEK = 7


def week_offsets(days_per_week: int) -> list[int]:
    """Day offsets (0–6) for `days_per_week` sessions, as evenly spaced as whole days allow."""
    return [index * DAYS_IN_WEEK // days_per_week for index in range(days_per_week)]


def session_dates(start: date, weeks: int, days_per_week: int) -> list[list[date]]:
    """The session dates of each week, weeks counted in 7-day blocks from `start`."""
    offsets = week_offsets(days_per_week)
    return [
        [start + timedelta(days=DAYS_IN_WEEK * week + offset) for offset in offsets]
        for week in range(weeks)
    ]
