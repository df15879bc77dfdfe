"""A person's own skips and moves of single sessions, and that a skip is never a break."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.session_moves import (
    SessionMove,
    apply_moves,
    move_choices,
    move_problem,
    skip_problem,
)

from ...support.planning import feedback, plan_for, profile

PERSON = profile(days_per_week=3, minutes_per_day=15, pain={"current": 1})
PLAN = plan_for(PERSON)
DATES = [s.date for s in PLAN.sessions()]
START = DATES[0]  # the first session is on the first day of the program


def test_a_skipped_session_leaves_the_plan_and_a_moved_one_takes_its_new_day() -> None:
    first, second = DATES[0], DATES[1]
    moved_to = first + timedelta(days=1)
    assert moved_to not in DATES
    plan = apply_moves(PLAN, [SessionMove(first, moved_to), SessionMove(second)])
    dates = [s.date for s in plan.sessions()]
    assert first not in dates and second not in dates and moved_to in dates
    assert len(dates) == len(DATES) - 1
    assert plan.sessions()[0].items == PLAN.sessions()[0].items  # what was planned, kept
    assert apply_moves(PLAN, []) is PLAN


def test_a_move_onto_a_day_that_has_a_session_now_is_left_aside() -> None:
    plan = apply_moves(PLAN, [SessionMove(DATES[0], DATES[1])])
    assert [s.date for s in plan.sessions()] == DATES


def test_what_may_be_skipped_or_moved() -> None:
    today = DATES[1]
    assert skip_problem(DATES[0], DATES, today) == "That session is in the past."
    assert skip_problem(today + timedelta(days=1), DATES, today) is not None  # none planned
    assert skip_problem(today, DATES, today) is None
    week_end = START + timedelta(days=6)
    assert move_problem(today, today - timedelta(days=1), DATES, START, today) is not None
    assert move_problem(today, week_end + timedelta(days=1), DATES, START, today) == (
        "Choose a day in the same week."
    )
    assert move_problem(today, DATES[2], DATES, START, today) == "That day has a session already."
    assert move_problem(today, today, DATES, START, today) == "Choose a different day."
    choices = move_choices(today, DATES, START, today)
    assert choices and all(today <= d <= week_end and d not in DATES for d in choices)


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(st.tuples(st.integers(0, 23), st.integers(-1, 6)), max_size=8),
    today_offset=st.integers(0, 55),
)
def test_moves_never_put_two_sessions_on_a_day_nor_leave_their_week(
    picks: list[tuple[int, int]], today_offset: int
) -> None:
    today = START + timedelta(days=today_offset)
    moves: dict[date, SessionMove] = {}
    for index, offset in picks:
        planned = DATES[index % len(DATES)]
        week_start = START + timedelta(days=7 * ((planned - START).days // 7))
        to = None if offset < 0 else week_start + timedelta(days=offset)
        sessions = [s.date for s in apply_moves(PLAN, moves.values()).sessions()]
        if to is None and skip_problem(planned, sessions, today) is None:
            moves[planned] = SessionMove(planned)
        elif to is not None and move_problem(planned, to, sessions, START, today) is None:
            moves[planned] = SessionMove(planned, to)
    plan = apply_moves(PLAN, moves.values())
    dates = [s.date for s in plan.sessions()]
    assert len(dates) == len(set(dates))
    assert len(dates) == len(DATES) - sum(m.skipped for m in moves.values())
    for move in moves.values():
        if move.to is not None:
            assert (move.to - START).days // 7 == (move.planned - START).days // 7
            assert move.to >= today


def log(day: date) -> dict[str, object]:
    return {"date": day, "completed": True, "pain_during": 1, "pain_next_day": 1, "difficulty": 4}


def test_sessions_skipped_on_purpose_are_not_a_break() -> None:
    """Three weeks of skipped sessions, then a session done: no restart lower (rule 7)."""
    done = [log(d) for d in DATES[:6]]
    skipped = DATES[6:15]
    back = DATES[15]
    away = plan_for(PERSON, feedback(*done, log(back)))
    assert any("welcome back" in r for r in away.reasons)
    excused = plan_for(PERSON, feedback(*done, log(back)), skipped=skipped)
    assert not any("welcome back" in r for r in excused.reasons)
    step_of = {s.date: s.step for s in excused.sessions()}
    assert step_of[back] >= {s.date: s.step for s in away.sessions()}[back]


def test_a_skipped_session_is_neither_missed_nor_assumed_done() -> None:
    done = [log(d) for d in DATES[:6]]
    as_of = DATES[9]
    missed = plan_for(PERSON, feedback(*done), as_of=as_of)
    excused = plan_for(PERSON, feedback(*done), as_of=as_of, skipped=DATES[6:9])
    step = {s.date: s.step for s in excused.sessions()}[as_of]
    assert step >= {s.date: s.step for s in missed.sessions()}[as_of]
    ahead = plan_for(PERSON, feedback(*done), skipped=DATES[6:12])
    assumed = plan_for(PERSON, feedback(*done))
    later = DATES[12]
    assert {s.date: s.step for s in ahead.sessions()}[later] <= {
        s.date: s.step for s in assumed.sessions()
    }[later]
