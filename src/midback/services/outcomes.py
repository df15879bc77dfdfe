"""Outcome measures end to end: what is due today, storing a check-in, and the series that
Progress and the clinician's patient page chart against each instrument's MIC band.

A check-in moves the person's plan-inputs version on (like a measurement), so cached views of
Today, Progress and the clinician's record show it at once. Answers are only ever read for the
person they belong to, or by a clinician linked to them (audited through `sharing`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from midback.content.instruments import builtin_instruments
from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.outcome_schedule import DueCheckIn, Window, due_check_in, open_window
from midback.domain.outcome_series import OutcomeSeries, outcome_series
from midback.domain.outcomes import (
    Instrument,
    OutcomeInput,
    OutcomeRecord,
    Timepoint,
    answer_problems,
    score_of,
    tidy_activities,
)
from midback.services import sharing
from midback.services.errors import FieldProblem, InvalidInput
from midback.services.plans import CurrentPlan, PlanCache, current_plan
from midback.services.views import ViewCache, cached
from midback.storage.uow import UnitOfWork

EARLIEST = date(2000, 1, 1)
MAX_ANSWERS = 10
"""Answers one request may store (a check-in is three)."""


def instruments() -> dict[str, Instrument]:
    """The instruments offered, in form order."""
    return builtin_instruments()


@dataclass(frozen=True)
class CheckInStatus:
    """Where a person stands with their outcome measures today."""

    due: DueCheckIn | None
    window: Window | None
    records: list[OutcomeRecord]
    series: list[OutcomeSeries]


def _measure_days(current: CurrentPlan) -> dict[int, date]:
    """The re-measure session of each program week that has one."""
    start = current.program.start_date
    found: dict[int, date] = {}
    for session in current.sessions:
        if session.reassess:
            found.setdefault((session.date - start).days // 7 + 1, session.date)
    return found


def check_in_status(
    uow: UnitOfWork, content: Content, plans: PlanCache, user_id: int, today: date
) -> CheckInStatus:
    """What is due today (nothing without a program), every answer, and the charted series."""
    current = current_plan(uow, content, plans, user_id)
    with uow:
        records = uow.outcomes.of_user(user_id)
    return status_of(current, records, today)


def cached_status(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    views: ViewCache,
    user_id: int,
    today: date,
) -> CheckInStatus:
    """`check_in_status`, kept in the view cache until the person's data or the day changes
    (a check-in moves the plan-inputs version on, like every write the pages show)."""
    return cached(
        views,
        uow,
        ("outcomes", user_id),
        user_id,
        today,
        lambda: check_in_status(uow, content, plans, user_id, today),
    )


def status_of(
    current: CurrentPlan | None, records: Sequence[OutcomeRecord], today: date
) -> CheckInStatus:
    """The check-in status from what was read."""
    found = instruments()
    due, window = None, None
    if current is not None and current.sessions:
        start, days = current.program.start_date, _measure_days(current)
        window = open_window(start, days, today)
        answered = {(r.instrument, r.timepoint) for r in records}
        due = due_check_in(start, days, today, list(found.values()), answered)
    return CheckInStatus(due, window, list(records), outcome_series(records, found))


def record_outcomes(
    uow: UnitOfWork,
    content: Content,
    plans: PlanCache,
    user_id: int,
    answers: Sequence[OutcomeInput],
    *,
    recorded_by: int,
    today: date,
    prefix: str = "",
) -> list[OutcomeRecord]:
    """Check every answer (InvalidInput lists every problem), then store them together.

    An answer without a timepoint belongs to the check-in open today; with none open, the
    client must say which one it is. `prefix` goes before field names (`answers.0.`).
    """
    if not answers or len(answers) > MAX_ANSWERS:
        problem = FieldProblem(prefix.rstrip(".") or "body", f"send 1 to {MAX_ANSWERS} answers")
        raise InvalidInput("nothing to store", fields=(problem,))
    found = instruments()
    window = None
    if any(a.timepoint is None for a in answers):
        window = open_window_of(uow, content, plans, user_id, today)
    problems: list[FieldProblem] = []
    checked: list[tuple[OutcomeInput, Instrument]] = []
    for index, answer in enumerate(answers):
        where = f"{prefix}{index}." if len(answers) > 1 or prefix else ""
        problems += _problems(answer, found, window, today, where)
        if answer.instrument in found:
            timepoint = answer.timepoint or (window.timepoint if window else Timepoint.BASELINE)
            dated = answer.model_copy(update={"timepoint": timepoint})
            checked.append((dated, found[answer.instrument]))
    if problems:
        raise InvalidInput("the answers are not valid", fields=tuple(problems))
    now = uow.clock.now()
    with uow:
        uow.plan_inputs.bump(user_id)
        stored = [
            uow.outcomes.add(
                user_id=user_id,
                instrument=instrument.id,
                timepoint=answer.timepoint or Timepoint.BASELINE,
                taken_on=answer.taken_on or today,
                score=score_of(answer, instrument),
                activities=tidy_activities(answer.activities or []),
                recorded_by=recorded_by,
                now=now,
            )
            for answer, instrument in checked
        ]
        uow.commit()
    return stored


def retest_protocols(
    uow: UnitOfWork, content: Content, plans: PlanCache, user_id: int
) -> list[str]:
    """The protocols the program's re-measure sessions list (none without a program)."""
    current = current_plan(uow, content, plans, user_id)
    if current is None:
        return []
    listed = [p for s in current.sessions if s.reassess for p in s.measure]
    return list(dict.fromkeys(listed))


def open_window_of(
    uow: UnitOfWork, content: Content, plans: PlanCache, user_id: int, today: date
) -> Window | None:
    """The check-in window open today for the person's program, if any."""
    current = current_plan(uow, content, plans, user_id)
    if current is None or not current.sessions:
        return None
    return open_window(current.program.start_date, _measure_days(current), today)


def _problems(
    answer: OutcomeInput,
    found: Mapping[str, Instrument],
    window: Window | None,
    today: date,
    where: str,
) -> list[FieldProblem]:
    instrument = found.get(answer.instrument)
    if instrument is None:
        known = ", ".join(found)
        return [FieldProblem(f"{where}instrument", f"unknown instrument; one of {known}")]
    problems = [FieldProblem(f"{where}{f}", m) for f, m in answer_problems(answer, instrument)]
    if answer.timepoint is None and window is None:
        message = "no check-in is due today: say which one this is (baseline, week_4, week_8)"
        problems.append(FieldProblem(f"{where}timepoint", message))
    elif answer.timepoint is None and window and not instrument.asked_at(window.timepoint):
        message = f"{instrument.id} is not asked {window.timepoint.words}"
        problems.append(FieldProblem(f"{where}timepoint", message))
    taken_on = answer.taken_on or today
    if not EARLIEST <= taken_on <= today + timedelta(days=1):
        problems.append(FieldProblem(f"{where}taken_on", "must be between 2000-01-01 and today"))
    return problems


def outcomes_of(uow: UnitOfWork, user_id: int) -> list[OutcomeRecord]:
    """Every answer of the person, oldest first."""
    with uow:
        return uow.outcomes.of_user(user_id)


def patient_outcomes(uow: UnitOfWork, clinician: User, patient_id: int) -> list[OutcomeRecord]:
    """A linked patient's answers for their clinician (audited; NotFound if not linked)."""
    sharing.open_patient(
        uow, clinician, patient_id, action="clinician.read", detail="outcome measures"
    )
    return outcomes_of(uow, patient_id)
