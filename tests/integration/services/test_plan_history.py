"""A change of settings never redraws the weeks already lived, on SQLite and PostgreSQL: the
sessions dated before the change day stay as planned then, whatever changed and whenever."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support.training import profile

from midback.clock import MovableClock
from midback.content.loader import Content
from midback.domain.training import ProgramRequest
from midback.domain.vocabulary import Equipment, Precaution
from midback.services import assessments, plan_settings, programs
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security
from midback.storage.uow import Storage

from .test_training import member

EMAILS = (f"change-{n}@example.org" for n in itertools.count())


@pytest.fixture
def moving(database_url: str) -> Iterator[tuple[Storage, MovableClock]]:
    clock = MovableClock(datetime.combine(datetime.now(UTC).date(), time(9), tzinfo=UTC))
    storage = Storage.from_url(database_url, clock=clock)
    yield storage, clock
    storage.dispose()


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    days=st.integers(1, 7),
    minutes=st.sampled_from([5, 10, 20, 30]),
    chair=st.booleans(),
    careful=st.booleans(),
    lived=st.lists(st.integers(0, 30), min_size=1, max_size=3),
)
def test_changing_settings_never_changes_a_session_before_the_change_day(
    moving: tuple[Storage, MovableClock],
    security: Security,
    builtin_content: Content,
    days: int,
    minutes: int,
    chair: bool,
    careful: bool,
    lived: list[int],
) -> None:
    storage, clock = moving
    user_id = member(storage, security, next(EMAILS))
    data = profile(days_ago=0) | {"start_date": str(clock.today())}
    assessments.save_assessment(
        storage.unit_of_work(), builtin_content, user_id, data, recorded_by=user_id
    )
    request = ProgramRequest(start_date=clock.today())
    programs.create_program(
        storage.unit_of_work(), builtin_content, user_id, request, today=clock.today()
    )
    plans = PlanCache()
    for step in sorted(lived):  # a change after each stretch of days lived
        clock.advance(timedelta(days=step))
        before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
        assert before is not None
        now = plan_settings.current_settings(storage.unit_of_work(), user_id)
        care = plan_settings.Precautions(frozenset({Precaution.OSTEOPOROSIS} if careful else ()))
        wanted = replace(
            now,
            minutes_per_day=minutes,
            days_per_week=days,
            equipment=frozenset({Equipment.CHAIR} if chair else ()),
            precautions=care,
        )
        plan_settings.change_settings(storage.unit_of_work(), builtin_content, user_id, wanted)
        after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
        assert after is not None
        day = clock.today()
        assert [s for s in after.sessions if s.date < day] == [
            s for s in before.sessions if s.date < day
        ]
        ahead = [s for s in after.sessions if s.date >= day]
        assert all(s.estimated_minutes <= minutes + 1 for s in ahead)
