"""One day's logs folded into one feedback entry: the rule the planner and the export share.

Several logs on one day (a planned session and a routine, say) count as one session: done if
any was, and rated by the highest pain and difficulty logged that day, so the planner never
progresses on the milder of two ratings (clinical-facts §5: pain decides the dose).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from midback.domain.feedback import FeedbackEntry
from midback.domain.profile import Measurement
from midback.domain.training import SessionLog


def highest(values: Iterable[int | None]) -> int | None:
    """The highest rating given (None if none was)."""
    known = [value for value in values if value is not None]
    return max(known) if known else None


def day_entry(
    day: date, logs: Sequence[SessionLog], measurements: Sequence[Measurement] = ()
) -> FeedbackEntry:
    """The day's logs as one entry (done if any was; the highest ratings), with the
    measurements taken that day."""
    return FeedbackEntry(
        date=day,
        completed=any(log.completed for log in logs),
        pain_during=highest(log.pain_during for log in logs),
        pain_next_day=highest(log.pain_next_day for log in logs),
        difficulty=highest(log.difficulty for log in logs),
        measurements=list(measurements),
        painful_exercises=sorted({i.exercise for log in logs for i in log.items if i.painful}),
        new_symptoms=sorted({flag for log in logs for flag in log.new_symptoms}),
        seen_clinician=any(log.seen_clinician for log in logs),
    )
