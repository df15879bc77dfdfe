"""A plan over changes of settings: the sessions before a change stay as they were planned.

When a person changes their time, days, equipment, positions or precautions, the planner works
the program out again from the new answers. The weeks already lived must not be redrawn with
sessions that were never planned then, so each change takes effect from its day: a session
dated before it comes from the plan made from the answers in force then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from midback.domain.plan import Plan, PlanWeek


def keep_before(earlier: Plan, later: Plan, day: date) -> Plan:
    """`later` with every session dated before `day` taken from `earlier` instead.

    The weeks are matched by number (both plans share the program's start). When `later` has
    no weeks (a hold or a referral from the new answers), the weeks come from `earlier` with
    only their sessions before `day`; the status, reasons and everything else stay `later`'s.
    """
    before = {w.week: [s for s in w.sessions if s.date < day] for w in earlier.weeks}
    weeks: list[PlanWeek]
    if not later.weeks:
        weeks = [
            w.model_copy(update={"sessions": before[w.week]})
            for w in earlier.weeks
            if before[w.week]
        ]
        return later.model_copy(update={"weeks": weeks})
    weeks = []
    for week in later.weeks:
        kept = before.get(week.week, [])
        after = [s for s in week.sessions if s.date >= day]
        sessions = [*kept, *after]
        if sessions != week.sessions:
            week = week.model_copy(update={"sessions": sessions})
        weeks.append(week)
    return later.model_copy(update={"weeks": weeks})


def plan_over_changes(plans: Sequence[tuple[date | None, Plan]]) -> Plan:
    """One plan from the plans of successive answers, oldest first, each with the day it takes
    effect (None for the first: from the start). Each plan's sessions run up to the next's day."""
    if not plans:
        raise ValueError("no plan to put together")
    result = plans[0][1]
    for day, plan in plans[1:]:
        result = plan if day is None else keep_before(result, plan, day)
    return result
