"""A change of settings never redraws the sessions before its day (domain.plan_changes)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.plan_changes import keep_before, plan_over_changes

from ...support.planning import START, plan_for, profile

FEW = settings(max_examples=30, deadline=None)


@FEW
@given(
    days_before=st.integers(1, 7),
    days_after=st.integers(1, 7),
    minutes_before=st.sampled_from([10, 15, 20, 30]),
    minutes_after=st.sampled_from([10, 15, 20, 30]),
    change=st.integers(0, 60),
)
def test_changing_settings_never_changes_a_session_before_the_change_day(
    days_before: int, days_after: int, minutes_before: int, minutes_after: int, change: int
) -> None:
    before = plan_for(profile(days_per_week=days_before, minutes_per_day=minutes_before))
    after = plan_for(profile(days_per_week=days_after, minutes_per_day=minutes_after))
    day = START + timedelta(days=change)
    plan = keep_before(before, after, day)
    assert [s for s in plan.sessions() if s.date < day] == [
        s for s in before.sessions() if s.date < day
    ]
    assert [s for s in plan.sessions() if s.date >= day] == [
        s for s in after.sessions() if s.date >= day
    ]
    assert [w.week for w in plan.weeks] == [w.week for w in after.weeks]
    dates = [s.date for s in plan.sessions()]
    assert dates == sorted(dates)
    if change and days_before != days_after:
        assert any(s.date < day for s in plan.sessions())  # not trivially all new


def test_answers_that_hold_the_program_keep_the_sessions_before_the_change() -> None:
    before = plan_for(profile())
    held = plan_for(profile(precautions=["recent_surgery"], surgery={"site": "spine"}))
    assert held.status == "hold" and not held.weeks
    day = START + timedelta(days=10)
    plan = keep_before(before, held, day)
    assert plan.status == "hold" and plan.reasons == held.reasons
    assert plan.sessions() == [s for s in before.sessions() if s.date < day]


def test_each_set_of_answers_plans_up_to_the_next() -> None:
    one = plan_for(profile(days_per_week=2))
    two = plan_for(profile(days_per_week=5))
    three = plan_for(profile(days_per_week=3))
    first, second = START + timedelta(days=7), START + timedelta(days=21)
    plan = plan_over_changes([(None, one), (first, two), (second, three)])
    by_day = {s.date: s for s in plan.sessions()}
    assert all(by_day.get(s.date) == s for s in one.sessions() if s.date < first)
    assert all(by_day.get(s.date) == s for s in two.sessions() if first <= s.date < second)
    assert all(by_day.get(s.date) == s for s in three.sessions() if s.date >= second)
    assert plan_over_changes([(None, one)]) is one
