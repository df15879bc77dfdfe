"""Pauses: program time and real time map to each other around every pause."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from midback.content.loader import load_content
from midback.domain.pauses import Pause, from_program_time, paused_plan, to_program_time
from midback.domain.plan import Plan
from midback.domain.planner import make_plan

from ...support.planning import TODAY, profile, safety

D = date(2026, 3, 2)
HOLIDAY = Pause(D + timedelta(days=10), D + timedelta(days=17))  # a week off


def test_days_before_a_pause_stay_and_days_after_move_back_by_its_length() -> None:
    assert to_program_time(D, [HOLIDAY]) == D
    assert to_program_time(HOLIDAY.end or D, [HOLIDAY]) == HOLIDAY.start
    assert from_program_time(HOLIDAY.start, [HOLIDAY]) == HOLIDAY.end
    assert from_program_time(D + timedelta(days=9), [HOLIDAY]) == D + timedelta(days=9)


def test_a_day_inside_a_pause_counts_as_its_first_day() -> None:
    assert to_program_time(D + timedelta(days=12), [HOLIDAY]) == HOLIDAY.start


def test_nothing_is_planned_from_an_open_pause_on() -> None:
    ill = Pause(D + timedelta(days=3))
    assert from_program_time(D + timedelta(days=3), [ill]) is None
    assert from_program_time(D + timedelta(days=40), [ill]) is None
    assert from_program_time(D + timedelta(days=2), [ill]) == D + timedelta(days=2)


offsets = st.lists(st.tuples(st.integers(1, 20), st.integers(1, 15)), min_size=0, max_size=4)


def pauses_from(gaps: list[tuple[int, int]]) -> list[Pause]:
    """Pauses one after another: each `gap` days after the last, `length` days long."""
    found, day = [], D
    for gap, length in gaps:
        start = day + timedelta(days=gap)
        found.append(Pause(start, start + timedelta(days=length)))
        day = start + timedelta(days=length)
    return found


@given(offsets, st.integers(0, 200))
def test_a_planned_day_never_falls_inside_a_pause_and_maps_back(
    gaps: list[tuple[int, int]], offset: int
) -> None:
    pauses = pauses_from(gaps)
    program_day = D + timedelta(days=offset)
    real = from_program_time(program_day, pauses)
    assert real is not None
    assert not any(p.start <= real < (p.end or real) for p in pauses)
    assert to_program_time(real, pauses) == program_day


def built_in_plan() -> Plan:
    content = load_content()
    return make_plan(
        profile(minutes_per_day=15),
        [],
        program=content.programs["thoracic-8-week"],
        library=content.exercises,
        protocols=content.protocols,
        today=TODAY,
        safety=safety(),
    )


def test_the_maintenance_phase_moves_with_a_pause_and_waits_while_paused() -> None:
    plan = built_in_plan()
    before = plan.maintenance
    assert before is not None and before.sessions
    week = timedelta(days=7)
    holiday = Pause(TODAY + timedelta(days=3), TODAY + timedelta(days=3) + week)
    moved = paused_plan(plan, [holiday]).maintenance
    assert moved is not None and moved.starts == before.starts + week
    assert [s.date for s in moved.sessions] == [s.date + week for s in before.sessions]
    assert paused_plan(plan, [Pause(TODAY + timedelta(days=3))]).maintenance is None
    assert paused_plan(plan, []).maintenance == before
