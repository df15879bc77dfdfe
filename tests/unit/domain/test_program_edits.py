"""A clinician's edits laid over a plan: left out, swapped, re-dosed, with honest minutes."""

from __future__ import annotations

from tests.support.planning import library as sample_library
from tests.support.planning import plan_for, profile

from midback.domain.profile import Side
from midback.domain.program_edits import apply_edits
from midback.domain.timing import routine_minutes
from midback.domain.training import DoseEdit, ProgramEdits, RoutineItem


def test_edits_leave_out_swap_and_redose() -> None:
    plan = plan_for(profile())
    first = plan.sessions()[0]
    dropped, kept = first.items[0].exercise, first.items[-1].exercise
    edits = ProgramEdits(exclude=[dropped], doses={kept: DoseEdit(sets=5)}, note="Slowly.")
    edited = apply_edits(plan, edits, sample_library()).sessions()[0]
    assert dropped not in [i.exercise for i in edited.items]
    assert all(i.sets == 5 for i in edited.items if i.exercise == kept)
    assert edited.estimated_minutes != first.estimated_minutes
    assert "Note from your clinician: Slowly." in apply_edits(plan, edits, sample_library()).reasons
    assert edited.date == first.date


def test_a_per_side_exercise_swapped_for_one_without_sides_appears_once() -> None:
    plan = plan_for(profile())
    library = sample_library()
    sided = next(i for s in plan.sessions() for i in s.items if i.side != Side.BOTH)
    plain = next(e.id for e in library.values() if not e.per_side)
    edited = apply_edits(plan, ProgramEdits(substitute={sided.exercise: plain}), library)
    for session in edited.sessions():
        swapped = [i for i in session.items if i.exercise == plain and i.notes]
        assert len(swapped) <= 1 and all(i.side == Side.BOTH for i in swapped)


def test_routine_minutes_count_both_sides_of_a_per_side_exercise() -> None:
    library = sample_library()
    sided = next(e for e in library.values() if e.per_side)
    one = routine_minutes(library, [RoutineItem(exercise=sided.id, side=Side.LEFT, sets=2, reps=8)])
    both = routine_minutes(library, [RoutineItem(exercise=sided.id, sets=2, reps=8)])
    assert both > one > 0
