"""A planned session in words: one line per exercise, both sides of a per-side exercise together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from midback.domain.exercise import Dose, Exercise, describe_dose
from midback.domain.plan import Plan, PlanItem, PlannedSession, PlanWeek
from midback.domain.profile import Side


@dataclass(frozen=True)
class Line:
    """One exercise of a session as people read it."""

    exercise: str
    part: str
    dose: str
    notes: tuple[str, ...]


def item_dose(item: PlanItem, *, each_side: bool = False) -> str:
    """A planned dose in words, e.g. '2 sets × 8 reps · 20 s rest · each side'."""
    dose = Dose(sets=item.sets, reps=item.reps, hold_s=item.hold_s, rest_s=item.rest_s)
    return describe_dose(dose, each_side)


def _same_dose(a: PlanItem, b: PlanItem) -> bool:
    return (a.sets, a.reps, a.hold_s, a.rest_s) == (b.sets, b.reps, b.hold_s, b.rest_s)


def _line(items: list[PlanItem], names: Mapping[str, Exercise]) -> Line:
    first = items[0]
    known = names.get(first.exercise)
    name = known.name if known else first.exercise
    if len(items) == 1 and first.side == Side.BOTH:
        dose = item_dose(first)
    elif all(_same_dose(first, other) for other in items[1:]) and len(items) == 2:
        dose = item_dose(first, each_side=True)
    else:
        dose = "; ".join(f"{i.side.value} {item_dose(i)}" for i in items)
    notes = tuple(dict.fromkeys(note for i in items for note in i.notes))
    return Line(exercise=name, part=first.part, dose=dose, notes=notes)


def session_lines(session: PlannedSession, names: Mapping[str, Exercise]) -> list[Line]:
    """The session's exercises in order, a per-side exercise's sides merged into one line."""
    groups = groupby(session.items, key=lambda item: (item.exercise, item.part))
    return [_line(list(items), names) for _, items in groups]


def week_of(plan: Plan, day: date) -> PlanWeek | None:
    """The week whose sessions span `day`, the first week before the start, the last after it."""
    weeks = [w for w in plan.weeks if w.sessions]
    if not weeks:
        return None
    for week in weeks:
        if day <= week.sessions[-1].date:
            return week
    return weeks[-1]


def first_items(sessions: Sequence[PlannedSession]) -> list[list[PlanItem]]:
    """Each exercise of these sessions once, in order of first appearance, with all its sides."""
    found: dict[str, list[PlanItem]] = {}
    seen_in: dict[str, date] = {}
    for session in sessions:
        for item in session.items:
            if seen_in.setdefault(item.exercise, session.date) == session.date:
                found.setdefault(item.exercise, []).append(item)
    return list(found.values())
