"""A routine being built in a form: rows as typed, edits (add, move, remove) and the routine.

The builder page is one form that posts the whole draft with the button pressed (`op`), so it
works without JavaScript: moving a row up is a post that comes back with the rows swapped. Rows
keep the text people typed until they save, when each problem is tied to its row and field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pydantic import ValidationError

from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary
from midback.domain.profile import Side
from midback.domain.timing import routine_minutes
from midback.domain.training import Routine, RoutineInput, RoutineItem

ROW_FIELDS = ("exercise", "side", "sets", "reps", "hold_s", "rest_s")
MAX_ROWS = 50
FIELD_WORDS = {
    "sets": "sets, from 1 to 10",
    "reps": "reps, from 1 to 50",
    "hold_s": "a hold from 0 to 300 seconds",
    "rest_s": "a rest from 0 to 300 seconds",
}


@dataclass(frozen=True)
class Row:
    """One exercise of the draft, each value as typed."""

    exercise: str
    side: str = "both"
    sets: str = "2"
    reps: str = "8"
    hold_s: str = "0"
    rest_s: str = "30"


@dataclass(frozen=True)
class RoutineDraft:
    """A name and rows, in order."""

    name: str = ""
    rows: tuple[Row, ...] = field(default_factory=tuple)


def row_of(exercise: Exercise) -> Row:
    """A new row at the exercise's own dose."""
    dose = exercise.dose
    return Row(
        exercise.id, "both", str(dose.sets), str(dose.reps), str(dose.hold_s), str(dose.rest_s)
    )


def _is_index(raw: str) -> bool:
    """Plain ASCII digits, few enough to be a row or a dose ('²' passes `isdigit` alone)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 6


def from_form(form: Mapping[str, Sequence[str]]) -> RoutineDraft:
    """The draft a builder form posted (rows are the i-th value of each field)."""
    name = (form.get("name") or [""])[0]
    columns = {f: list(form.get(f) or []) for f in ROW_FIELDS}
    count = min(len(columns["exercise"]), MAX_ROWS)
    rows = []
    for index in range(count):
        values = {f: (columns[f][index] if index < len(columns[f]) else "") for f in ROW_FIELDS}
        rows.append(Row(**{k: v.strip() for k, v in values.items()}))
    return RoutineDraft(name.strip(), tuple(rows))


def from_routine(routine: Routine) -> RoutineDraft:
    """The draft of a saved routine."""
    rows = tuple(
        Row(i.exercise, i.side.value, str(i.sets), str(i.reps), str(i.hold_s), str(i.rest_s))
        for i in routine.items
    )
    return RoutineDraft(routine.name, rows)


def add(draft: RoutineDraft, exercises: Sequence[Exercise]) -> RoutineDraft:
    """The draft with the exercises appended at their own doses (up to the row limit)."""
    rows = (*draft.rows, *(row_of(e) for e in exercises))
    return replace(draft, rows=rows[:MAX_ROWS])


def apply(draft: RoutineDraft, op: str) -> RoutineDraft:
    """Move a row up or down, or remove it: `up:2`, `down:0`, `remove:1`."""
    action, _, raw = op.partition(":")
    if not _is_index(raw) or int(raw) >= len(draft.rows):
        return draft
    index = int(raw)
    rows = list(draft.rows)
    if action == "remove":
        del rows[index]
    elif action in ("up", "down"):
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
    return replace(draft, rows=tuple(rows))


def moved_to(op: str, rows: int) -> int | None:
    """Where the row an up/down `op` moved ended up (for focus and announcements)."""
    action, _, raw = op.partition(":")
    if action not in ("up", "down") or not _is_index(raw):
        return None
    target = int(raw) + (-1 if action == "up" else 1)
    return target if 0 <= target < rows else int(raw)


def to_input(
    draft: RoutineDraft, library: ExerciseLibrary
) -> tuple[RoutineInput | None, dict[str, str]]:
    """The routine to save, or the problems keyed `name` / `items` / `items.<i>.<field>`."""
    errors: dict[str, str] = {}
    if not draft.name:
        errors["name"] = "Give the routine a name."
    if not draft.rows:
        errors["items"] = "Add at least one exercise."
    items: list[RoutineItem] = []
    for index, row in enumerate(draft.rows):
        item = _item(index, row, library, errors)
        if item is not None:
            items.append(item)
    if errors:
        return None, errors
    try:
        return RoutineInput(name=draft.name, items=items), {}
    except ValidationError:
        return None, {"name": "Keep the name under 80 characters."}


def _item(
    index: int, row: Row, library: ExerciseLibrary, errors: dict[str, str]
) -> RoutineItem | None:
    exercise = library.get(row.exercise)
    if exercise is None:
        errors[f"items.{index}.exercise"] = "This exercise is no longer in the library."
        return None
    values: dict[str, int] = {}
    for name in ("sets", "reps", "hold_s", "rest_s"):
        raw = getattr(row, name)
        if not _is_index(raw):
            errors[f"items.{index}.{name}"] = f"Enter {FIELD_WORDS[name]}."
        else:
            values[name] = int(raw)
    sides = {s.value for s in Side}
    side = Side(row.side) if exercise.per_side and row.side in sides else Side.BOTH
    if len(values) < len(FIELD_WORDS):
        return None
    try:
        return RoutineItem(exercise=exercise.id, side=side, **values)
    except ValidationError as error:
        for detail in error.errors():
            name = str(detail["loc"][0])
            errors[f"items.{index}.{name}"] = f"Enter {FIELD_WORDS.get(name, 'a valid value')}."
        return None


def estimate(draft: RoutineDraft, library: ExerciseLibrary) -> float | None:
    """Minutes of the rows that are valid so far (None with no valid row)."""
    items = []
    for index, row in enumerate(draft.rows):
        item = _item(index, row, library, {})
        if item is not None:
            items.append(item)
    return routine_minutes(library, items) if items else None
