"""The desk's stored facts give, on any day, what the progress rules give from the plan and
the logs themselves (the clinician's list shows the former, computed from scratch the latter)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.desk_summary import (
    MISSED_FLAG,
    DeskFacts,
    adherence_on,
    desk_facts,
    last_pain,
    missed_on,
    on_day,
)
from midback.domain.feedback import PAIN_TOO_MUCH
from midback.domain.progress import adherence, missed_in_a_row
from midback.domain.training import SessionLog

START = date(2026, 3, 2)  # a Monday


def log(
    number: int,
    day: date,
    completed: bool,
    planned: date | None,
    pain: int | None,
    next_day: int | None,
) -> SessionLog:
    """Log `number` of a session on `day`."""
    return SessionLog(
        id=number,
        user_id=1,
        session_date=day,
        planned_session=planned,
        program_ref=None,
        routine_id=None,
        completed=completed,
        pain_during=pain,
        pain_next_day=next_day,
        difficulty=3 if completed else None,
        note="",
        created_at=datetime(2026, 3, 1, tzinfo=UTC),
        items=(),
        idempotency_key=str(number),
        request_hash="",
    )


def offset(low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: START + timedelta(days=n))


pains = st.none() | st.integers(0, 10)
logs_strategy = st.lists(
    st.tuples(offset(-14, 70), st.booleans(), st.none() | offset(-7, 63), pains, pains),
    max_size=25,
).map(lambda rows: [log(i + 1, *row) for i, row in enumerate(rows)])


def expected(
    program: bool, planned: list[date], logs: list[SessionLog], today: date
) -> tuple[int | None, int | None, list[str], date | None]:
    """What services.clinic.summarize computes: adherence, last pain, flags, last session."""
    pain = last_pain(logs)
    flags = (
        [f"pain {pain}/10 at the last session"] if pain is not None and pain > PAIN_TOO_MUCH else []
    )
    percent = None
    if program:
        in_program = [g for g in logs if g.session_date >= START]
        percent = adherence(START, planned, in_program, today)[1]
        missed = missed_in_a_row(planned, in_program, today)
        if missed >= MISSED_FLAG:
            flags.append(f"{missed} planned sessions missed in a row")
    done = [g.session_date for g in logs if g.completed]
    return percent, pain, flags, max(done, default=None)


@settings(max_examples=400, deadline=None)
@given(
    program=st.booleans(),
    planned=st.lists(offset(0, 63), max_size=30).map(sorted),
    logs=logs_strategy,
    today=offset(-10, 80),
)
def test_the_facts_give_on_any_day_what_the_logs_and_the_plan_give(
    program: bool, planned: list[date], logs: list[SessionLog], today: date
) -> None:
    facts = desk_facts(START if program else None, planned if program else [], logs)
    day = on_day(facts, today)
    got = day.adherence_percent, day.last_pain, day.flags, facts.last_session
    assert got == expected(program, planned if program else [], logs, today)


@settings(max_examples=100, deadline=None)
@given(planned=st.lists(offset(0, 63), max_size=30).map(sorted), logs=logs_strategy)
def test_the_facts_hold_for_every_day_of_the_program(
    planned: list[date], logs: list[SessionLog]
) -> None:
    facts = desk_facts(START, planned, logs)
    in_program = [g for g in logs if g.session_date >= START]
    for n in range(-3, 70):
        today = START + timedelta(days=n)
        assert adherence_on(facts, today) == adherence(START, planned, in_program, today)[1]
        assert missed_on(facts, today) == missed_in_a_row(planned, in_program, today)


def test_two_missed_sessions_flag_the_patient_from_the_next_day() -> None:
    planned = [START, START + timedelta(days=2), START + timedelta(days=4)]
    facts = desk_facts(START, planned, [log(1, START, True, START, 2, None)])
    assert on_day(facts, START + timedelta(days=4)).flags == []  # today's is not missed yet
    assert on_day(facts, START + timedelta(days=5)).flags == ["2 planned sessions missed in a row"]
    assert on_day(facts, START + timedelta(days=5)).adherence_percent == 33


def test_without_a_program_there_is_no_adherence() -> None:
    facts = DeskFacts(last_session=None, last_pain=7, has_program=False)
    assert on_day(facts, START) == on_day(facts, START + timedelta(days=400))
    assert on_day(facts, START).adherence_percent is None
    assert on_day(facts, START).flags == ["pain 7/10 at the last session"]
