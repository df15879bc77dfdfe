"""What the clinician's desk shows of one patient, apart from the day it is shown on.

A patient's line on the desk comes from their plan and recent logs, which change only when
their data does (the plan-inputs version moves); only which planned sessions are due depends on
the day. So the line is kept as `DeskFacts` (the current program's planned dates and the ones a
completed log accounts for, the last session and pain, the outcome measures first and latest),
and the day's figures (adherence, sessions missed in a row) are derived when it is shown. They
equal `progress.adherence` and `progress.missed_in_a_row` for the same plan, logs and day.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from midback.domain.feedback import PAIN_TOO_MUCH
from midback.domain.outcome_series import OutcomeSeries
from midback.domain.progress import counts_as_done, done_sessions
from midback.domain.training import SessionLog

MISSED_FLAG = 2
"""Planned sessions missed in a row that flag a patient."""


@dataclass(frozen=True, slots=True)
class OutcomeGlance:
    """One outcome measure as the desk lists it: its first and latest score."""

    instrument: str
    name: str
    first: float
    latest: float
    count: int


@dataclass(frozen=True, slots=True)
class DeskFacts:
    """A patient's desk line for one plan-inputs version, true on any day."""

    last_session: date | None
    """The latest session done (`progress.counts_as_done`) among the recent logs."""
    last_pain: int | None
    has_program: bool
    planned: tuple[int, ...] = ()
    """The current program's planned session dates as ordinals (`date.toordinal`), in order
    (none without a program): 200 patients' lines are read and used without making a date each."""
    done: frozenset[int] = frozenset()
    """The planned dates (ordinals) a done log in the program accounts for."""
    outcomes: tuple[OutcomeGlance, ...] = ()


@dataclass(frozen=True, slots=True)
class DeskDay:
    """A patient's desk figures on one day."""

    adherence_percent: int | None
    last_pain: int | None
    flags: list[str]


def last_pain(logs: Sequence[SessionLog]) -> int | None:
    """The highest pain (during or the next day) of the latest log that rated any."""
    for log in sorted(logs, key=lambda g: (g.session_date, g.id), reverse=True):
        known = [p for p in (log.pain_during, log.pain_next_day) if p is not None]
        if known:
            return max(known)
    return None


def glances(series: Sequence[OutcomeSeries]) -> tuple[OutcomeGlance, ...]:
    """Each answered outcome measure's first and latest score."""
    return tuple(
        OutcomeGlance(s.instrument, s.name, s.points[0].score, s.points[-1].score, len(s.points))
        for s in series
        if s.points
    )


def desk_facts(
    start: date | None,
    planned: Sequence[date],
    logs: Sequence[SessionLog],
    outcomes: Sequence[OutcomeSeries] = (),
) -> DeskFacts:
    """The facts of a patient whose current program started on `start` (None: no program) with
    these planned dates, from their recent `logs` and outcome series."""
    done = [g.session_date for g in logs if counts_as_done(g)]
    last = max(done, default=None)
    pain = last_pain(logs)
    if start is None:
        return DeskFacts(last, pain, False, outcomes=glances(outcomes))
    in_program = [g for g in logs if g.session_date >= start]
    ordered = sorted(planned)
    accounted = frozenset(d.toordinal() for d in done_sessions(ordered, in_program))
    ordinals = tuple(d.toordinal() for d in ordered)
    return DeskFacts(last, pain, True, ordinals, accounted, glances(outcomes))


def adherence_on(facts: DeskFacts, today: date) -> int | None:
    """Overall adherence (whole %) on `today`: sessions before today are due, today's once done."""
    if not facts.has_program:
        return None
    before = bisect_left(facts.planned, today.toordinal())
    due = before + sum(d in facts.done for d in facts.planned[before:])
    if not due:
        return None
    kept = sum(d in facts.done for d in facts.planned[:before]) + (due - before)
    return round(100 * kept / due)


def missed_on(facts: DeskFacts, today: date) -> int:
    """How many of the latest planned sessions before `today` went undone, counting back."""
    if not facts.has_program:
        return 0
    missed = 0
    for day in reversed(facts.planned[: bisect_left(facts.planned, today.toordinal())]):
        if day in facts.done:
            break
        missed += 1
    return missed


def on_day(facts: DeskFacts, today: date) -> DeskDay:
    """The figures and flags the desk shows for the patient on `today`."""
    pain = facts.last_pain
    flags = (
        [f"pain {pain}/10 at the last session"] if pain is not None and pain > PAIN_TOO_MUCH else []
    )
    missed = missed_on(facts, today)
    if missed >= MISSED_FLAG:
        flags.append(f"{missed} planned sessions missed in a row")
    return DeskDay(adherence_on(facts, today), pain, flags)
