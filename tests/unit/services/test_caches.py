"""The plan and view caches never serve one account's entry to another."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from midback.services.plans import CurrentPlan, PlanCache
from midback.services.versioned_cache import VersionedCache
from midback.services.views import ViewCache
from midback.storage.repositories.assessments import FIRST_VERSION_RANGE, first_version

DAY = date(2026, 12, 7)
PLAN = cast(CurrentPlan, object())


def test_version_zero_is_never_served_and_drops_the_entry() -> None:
    plans = PlanCache()
    plans.put(7, 3, PLAN)
    assert plans.get(7, 3) == (True, PLAN)
    assert plans.get(7, 0) == (False, None)  # the account is gone (in some process)
    assert plans.get(7, 3) == (False, None)
    plans.put(7, 0, PLAN)
    assert plans.get(7, 0) == (False, None)


def test_forgetting_a_person_drops_their_plan_and_every_view_of_them() -> None:
    plans, views = PlanCache(), ViewCache()
    plans.put(7, 3, PLAN)
    views.put(("today", 7), 3, "ada's today", day=DAY, person_id=7)
    views.put(("summary", 40), 3, "ada for her clinician", day=DAY, person_id=7)
    views.put(("today", 8), 5, "bob's today", day=DAY, person_id=8)
    plans.forget_person(7)
    views.forget_person(7)
    assert plans.get(7, 3) == (False, None)
    assert views.get(("today", 7), 3, DAY) == (False, None)
    assert views.get(("summary", 40), 3, DAY) == (False, None)
    assert views.get(("today", 8), 5, DAY) == (True, "bob's today")


def test_views_at_version_zero_are_not_kept() -> None:
    views = ViewCache()
    views.put(("today", 9), 0, "someone's", day=DAY, person_id=9)
    assert views.get(("today", 9), 0, DAY) == (False, None)


def test_views_leave_the_person_index_when_evicted() -> None:
    views = ViewCache(size=2)
    for n in range(5):
        views.put(("today", n), 1, n, day=DAY, person_id=n)
    index: dict[int, Any] = views._by_person  # noqa: SLF001 - the bound is the point
    assert set(index) == {3, 4}


def test_first_versions_are_random_and_fit_a_calendar_sequence() -> None:
    drawn = {first_version() for _ in range(200)}
    assert len(drawn) > 190
    assert all(1 <= v <= FIRST_VERSION_RANGE < 2**31 - 2**20 for v in drawn)


def test_one_cache_type_serves_plans_and_views() -> None:
    assert isinstance(PlanCache(), VersionedCache) and isinstance(ViewCache(), VersionedCache)


def test_an_older_version_never_replaces_a_newer_one() -> None:
    plans = PlanCache()
    plans.put(7, 5, PLAN)
    plans.put(7, 4, cast(CurrentPlan, "stale"))
    assert plans.get(7, 5) == (True, PLAN)
    assert plans.get(7, 4) == (False, None)


def test_a_view_is_valid_for_its_day_only() -> None:
    views = ViewCache()
    views.put(("today", 7), 3, "monday's", day=DAY, person_id=7)
    assert views.get(("today", 7), 3, DAY) == (True, "monday's")
    assert views.get(("today", 7), 3, date(2026, 12, 8)) == (False, None)


def test_the_least_recently_used_go_first() -> None:
    cache: VersionedCache[str, int] = VersionedCache(2)
    cache.put("a", 1, 1)
    cache.put("b", 1, 2)
    assert cache.get("a", 1) == (True, 1)  # "a" is now the most recently used
    cache.put("c", 1, 3)
    assert cache.get("b", 1) == (False, None)
    assert cache.get("a", 1) == (True, 1) and cache.get("c", 1) == (True, 3)
