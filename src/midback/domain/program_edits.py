"""A clinician's edits to a program, laid over each plan the planner computes.

The planner keeps adapting to feedback; the edits say what the clinician wants regardless:
exercises left out, exercises swapped for others, doses set by hand, and a note.
"""

from __future__ import annotations

from midback.domain.library import ExerciseLibrary
from midback.domain.plan import Plan, PlanItem, PlannedSession, PlanWeek
from midback.domain.profile import Side
from midback.domain.timing import plan_items_seconds
from midback.domain.training import ProgramEdits


def apply_edits(plan: Plan, edits: ProgramEdits, library: ExerciseLibrary) -> Plan:
    """The plan with the clinician's edits applied, and a reason saying so."""
    weeks = [_edit_week(week, edits, library) for week in plan.weeks]
    reasons = list(plan.reasons)
    changes = _describe(edits, library)
    if changes:
        reasons.append("Your clinician adjusted the program: " + "; ".join(changes) + ".")
    if edits.note:
        reasons.append(f"Note from your clinician: {edits.note}")
    return plan.model_copy(update={"weeks": weeks, "reasons": reasons})


def _describe(edits: ProgramEdits, library: ExerciseLibrary) -> list[str]:
    """The edits in words, each exercise by its name (a person never reads an id)."""

    def name(exercise_id: str) -> str:
        found = library.get(exercise_id)
        return found.name if found is not None else exercise_id

    parts = []
    if edits.exclude:
        parts.append("left out " + ", ".join(name(e) for e in edits.exclude))
    parts += [f"{name(old)} replaced by {name(new)}" for old, new in edits.substitute.items()]
    if edits.doses:
        parts.append("doses set for " + ", ".join(name(e) for e in edits.doses))
    return parts


def _edit_week(week: PlanWeek, edits: ProgramEdits, library: ExerciseLibrary) -> PlanWeek:
    sessions = [_edit_session(s, edits, library) for s in week.sessions]
    return week.model_copy(update={"sessions": sessions})


def _edit_session(
    session: PlannedSession, edits: ProgramEdits, library: ExerciseLibrary
) -> PlannedSession:
    items: list[PlanItem] = []
    for item in session.items:
        if item.exercise in edits.exclude:
            continue
        edited = _substituted(item, edits.substitute.get(item.exercise), library)
        dose = edits.doses.get(edited.exercise)
        if dose is not None:
            changes = {k: v for k, v in dose.model_dump().items() if v is not None}
            edited = edited.model_copy(update=changes)
        if items and edited.side == Side.BOTH and items[-1].exercise == edited.exercise:
            continue  # a per-side exercise swapped for one without sides: once, not twice
        items.append(edited)
    if items == session.items:
        return session
    delta = plan_items_seconds(library, items) - plan_items_seconds(library, session.items)
    minutes = round(max(0.0, session.estimated_minutes + delta / 60), 1)
    return session.model_copy(update={"items": items, "estimated_minutes": minutes})


def _substituted(item: PlanItem, new_id: str | None, library: ExerciseLibrary) -> PlanItem:
    if new_id is None or new_id == item.exercise:
        return item
    new = library.get(new_id)
    side = item.side if new is not None and new.per_side else Side.BOTH
    note = f"Chosen by your clinician instead of {item.exercise}."
    return item.model_copy(update={"exercise": new_id, "side": side, "notes": [note]})
