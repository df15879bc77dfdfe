"""Trimming a session back under its time budget (planner.session's last step).

A session can overrun its budget: every part keeps one exercise even when the budget's slack
is gone, and an earlier step may leave more sets than fit. Trimming then takes sets off, takes
doses back to the exercise's own, drops the limited side's extra set and, last, whole exercises,
never reordering what stays.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.planner.eligibility import Pool
from midback.domain.planner.entry import Entry
from midback.domain.planner.session import Ledger, SessionSpec, _Builder, build_session

from ...support.planning import library, program

PROGRAM = program()
POOL = Pool(library().values(), PROGRAM.parts)


def spec(budget_s: float, *, fill: float = 0.9, step: int = 8) -> SessionSpec:
    """A session of the test program at `step` with this budget."""
    return SessionSpec(
        parts=PROGRAM.parts,
        pool=POOL,
        weights={part.id: dict.fromkeys(part.targets, 1.0) for part in PROGRAM.parts},
        step=PROGRAM.step(step),
        budget_s=budget_s,
        fill_s=fill * budget_s,
    )


def placed(builder: _Builder, sets: list[int]) -> list[Entry]:
    """Place one entry per part and target (up to len(sets)), each with the given sets."""
    candidates = [
        builder.entry(part, target, POOL.band(part, target, 3, frozenset())[0][1])
        for part in PROGRAM.parts
        for target in part.targets
    ]
    entries = [e.resized(n) for e, n in zip(candidates, sets, strict=False)]
    for entry in entries:
        builder.add(entry)
    return entries


def key(entry: Entry) -> tuple[str, str]:
    return entry.part.id, entry.exercise.id


def is_subsequence(kept: list[tuple[str, str]], original: list[tuple[str, str]]) -> bool:
    remaining = iter(original)
    return all(item in remaining for item in kept)


def test_sets_go_first_then_exercises() -> None:
    builder = _Builder(spec(budget_s=300), Ledger())
    before = placed(builder, [4, 4, 1, 1])
    assert builder.total > 300
    builder.trim()
    assert builder.total <= 300
    assert [key(e) for e in builder.entries] == [key(e) for e in before]  # sets sufficed
    assert max(e.dose.sets for e in builder.entries) < 4


def test_a_session_far_over_budget_loses_whole_exercises_in_order() -> None:
    builder = _Builder(spec(budget_s=120), Ledger())
    before = placed(builder, [3] * 8)
    builder.trim()
    kept = [key(e) for e in builder.entries]
    assert builder.total <= 120 and 1 <= len(kept) < len(before)
    assert is_subsequence(kept, [key(e) for e in before])


def test_a_budget_below_one_set_keeps_a_single_exercise() -> None:
    builder = _Builder(spec(budget_s=5), Ledger())
    placed(builder, [2, 2, 2])
    builder.trim()
    assert len(builder.entries) == 1 and builder.entries[0].dose.sets == 1


def test_a_tight_budget_session_is_trimmed_to_fit() -> None:
    """Three parts each take one exercise from no slack at all: trimming restores the budget."""
    entries = build_session(spec(budget_s=150, fill=1.0), Ledger())
    assert sum(e.seconds for e in entries) <= 150
    order = [part.id for part in PROGRAM.parts]
    assert [order.index(e.part.id) for e in entries] == sorted(
        order.index(e.part.id) for e in entries
    )


@settings(max_examples=60, deadline=None)
@given(
    budget=st.integers(min_value=30, max_value=1800),
    sets=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=10),
)
def test_trimming_fits_the_budget_and_keeps_the_order(budget: int, sets: list[int]) -> None:
    builder = _Builder(spec(budget_s=budget), Ledger())
    before = placed(builder, sets)
    builder.trim()
    kept = builder.entries
    assert kept, "a session never trims to nothing"
    assert builder.total <= budget or (len(kept) == 1 and kept[0].dose.sets == 1)
    assert is_subsequence([key(e) for e in kept], [key(e) for e in before])
    assert abs(builder.total - sum(e.seconds for e in kept)) < 1e-6
    originals = {key(e): e for e in before}
    assert all(e.dose.sets <= originals[key(e)].dose.sets for e in kept)


@settings(max_examples=40, deadline=None)
@given(budget=st.integers(min_value=60, max_value=3600), step=st.integers(min_value=1, max_value=8))
def test_built_sessions_fit_their_budget_in_part_order(budget: int, step: int) -> None:
    entries = build_session(spec(budget_s=budget, step=step), Ledger())
    assert entries
    total = sum(e.seconds for e in entries)
    assert total <= budget or (len(entries) == 1 and entries[0].dose.sets == 1)
    order = [part.id for part in PROGRAM.parts]
    positions = [order.index(e.part.id) for e in entries]
    assert positions == sorted(positions)
