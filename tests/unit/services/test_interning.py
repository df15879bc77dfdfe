"""Cached plans share their equal parts, and no value changes."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime, timedelta, timezone

from pydantic import BaseModel, ConfigDict

from midback.services.interning import Interner


class Item(BaseModel):
    model_config = ConfigDict(frozen=True)

    exercise: str
    reps: int
    notes: list[str]
    weight: float = 0.0


class Session(BaseModel):
    model_config = ConfigDict(frozen=True)

    day: date
    items: list[Item]
    at: datetime | None = None


def session(day: int, *reps: int) -> Session:
    items = [Item(exercise="open book", reps=r, notes=["slowly"]) for r in reps]
    return Session(day=date(2026, 12, day), items=items)


def test_equal_parts_of_different_plans_become_one_object_and_show_the_same() -> None:
    interner = Interner()
    first, second = session(7, 8, 10), session(9, 10, 12)
    shown = first.model_dump_json(), second.model_dump_json()
    first, second = interner.intern(first), interner.intern(second)
    assert (first.model_dump_json(), second.model_dump_json()) == shown
    assert second.items[0] is first.items[1]  # reps 10 in both
    assert second.items[1] is not first.items[0]


def test_an_equal_plan_is_the_one_already_kept() -> None:
    interner = Interner()
    kept = interner.intern(session(7, 8))
    assert interner.intern(session(7, 8)) is kept
    assert interner.intern(session(8, 8)) is not kept


def test_values_equal_in_python_but_shown_differently_stay_apart() -> None:
    interner = Interner()
    zero = interner.intern(Item(exercise="a", reps=1, notes=[], weight=0.0))
    minus_zero = interner.intern(Item(exercise="a", reps=1, notes=[], weight=-0.0))
    assert minus_zero is not zero and minus_zero.model_dump_json() != zero.model_dump_json()
    utc = datetime(2026, 12, 7, 12, tzinfo=UTC)
    paris = utc.astimezone(timezone(timedelta(hours=1)))
    assert utc == paris
    one = interner.intern(Session(day=date(2026, 12, 7), items=[], at=utc))
    other = interner.intern(Session(day=date(2026, 12, 7), items=[], at=paris))
    assert other is not one and other.at == paris and other.at.utcoffset() == timedelta(hours=1)


def test_a_part_is_kept_only_while_some_plan_holds_it() -> None:
    interner = Interner()
    kept = interner.intern(session(7, 8, 10))
    assert len(interner) == 3  # two items and the session
    del kept
    gc.collect()
    assert len(interner) == 0
