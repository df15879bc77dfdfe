"""Reading what people send (profiles, feedback) into domain objects, or saying what is wrong.

Every problem names its field path and the values or range that field allows, so a person (or
the web form) can fix all of them at once. Protocol and exercise ids are checked against content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from midback.domain.feedback import EARLIEST_SESSION, FeedbackEntry, latest_session_day
from midback.domain.library import ExerciseLibrary
from midback.domain.profile import Measurement, Profile, compact_number
from midback.domain.protocol import Protocol

Loc = tuple[str | int, ...]
_FEEDBACK = TypeAdapter(list[FeedbackEntry])
_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One thing wrong with an input, at `loc` (e.g. ('measurements', 0, 'degrees'))."""

    loc: Loc
    message: str


class InputError(ValueError):
    """Input that failed validation; carries every problem found."""

    def __init__(self, problems: list[InputProblem]) -> None:
        super().__init__(f"{len(problems)} input problem(s)")
        self.problems = problems


def read_profile(data: object, protocols: Mapping[str, Protocol]) -> Profile:
    """A valid Profile from parsed JSON, or InputError listing every problem."""
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        problems = problems_from_validation(Profile, error)
        problems += measurement_problems(*_valid_measurements(data), protocols, ("measurements",))
        raise InputError(sorted(problems, key=_order)) from None
    problems = measurement_problems(profile.measurements, None, protocols, ("measurements",))
    if problems:
        raise InputError(problems)
    return profile


def _valid_measurements(data: object) -> tuple[list[Measurement], list[int]]:
    """The measurements of a profile that failed validation, that are valid by themselves."""
    raw = data.get("measurements") if isinstance(data, dict) else None
    found: list[Measurement] = []
    indices: list[int] = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            found.append(Measurement.model_validate(item))
        except ValidationError:
            continue
        indices.append(index)
    return found, indices


def _order(problem: InputProblem) -> tuple[int, str]:
    """Problems in the order of the profile's fields, positions within lists in order."""
    fields = list(Profile.model_fields)
    head = problem.loc[0] if problem.loc else ""
    rank = fields.index(head) if head in fields else len(fields)
    rest = ".".join(f"{part:08d}" if isinstance(part, int) else part for part in problem.loc[1:])
    return rank, rest


def read_feedback(
    data: object,
    *,
    protocols: Mapping[str, Protocol],
    library: ExerciseLibrary,
    first_day: date,
    last_day: date,
) -> list[FeedbackEntry]:
    """Valid feedback entries (sorted by date) from parsed JSON, or InputError."""
    try:
        entries = _FEEDBACK.validate_python(data)
    except ValidationError as error:
        raise InputError(problems_from_validation(FeedbackEntry, error, ("feedback",))) from None
    problems: list[InputProblem] = []
    seen: set[date] = set()
    for index, entry in enumerate(entries):
        loc: Loc = ("feedback", index)
        if entry.date in seen:
            problems.append(InputProblem((*loc, "date"), f"{entry.date} is logged twice"))
        seen.add(entry.date)
        if not first_day <= entry.date <= last_day:
            problems.append(
                InputProblem(
                    (*loc, "date"),
                    f"{entry.date} is outside the program ({first_day} to {last_day}); "
                    "set start_date in the profile to the day the program began",
                )
            )
        prefix = (*loc, "measurements")
        problems += measurement_problems(entry.measurements, None, protocols, prefix)
        problems += _unknown_exercises(
            entry.painful_exercises, library, (*loc, "painful_exercises")
        )
    if problems:
        raise InputError(problems)
    return sorted(entries, key=lambda e: e.date)


def logged_session_problems(days: Sequence[date], today: date, prefix: Loc) -> list[InputProblem]:
    """Dates a record of logged sessions cannot hold: before 2000, after tomorrow (a session is
    logged once it happened), or one day twice. The data export and the import both apply it,
    so an export always imports."""
    latest = latest_session_day(today)
    problems: list[InputProblem] = []
    seen: set[date] = set()
    for index, day in enumerate(days):
        loc = (*prefix, index, "date")
        if not EARLIEST_SESSION <= day <= latest:
            message = f"must be from {EARLIEST_SESSION} to {latest}; a session is logged once done"
            problems.append(InputProblem(loc, message))
        if day in seen:
            problems.append(InputProblem(loc, "another session is on this day"))
        seen.add(day)
    return problems


def _unknown_exercises(
    exercise_ids: Sequence[str], library: ExerciseLibrary, prefix: Loc
) -> list[InputProblem]:
    problems = []
    for index, exercise_id in enumerate(exercise_ids):
        if exercise_id not in library:
            hint = library.similar_ids(exercise_id)
            suffix = f"; did you mean {', '.join(hint)}?" if hint else ""
            message = f"unknown exercise id '{exercise_id}'{suffix}"
            problems.append(InputProblem((*prefix, index), message))
    return problems


def measurement_problems(
    measurements: Sequence[Measurement],
    indices: Sequence[int] | None,
    protocols: Mapping[str, Protocol],
    prefix: Loc,
) -> list[InputProblem]:
    """Unknown protocols, sides that do not fit the protocol, implausible angles, repeats.

    `indices` are the measurements' positions in the input when some were left out.
    """
    problems: list[InputProblem] = []
    seen: set[tuple[str, str]] = set()
    positions = indices if indices is not None else range(len(measurements))
    for index, m in zip(positions, measurements, strict=True):
        loc = (*prefix, index)
        protocol = protocols.get(m.protocol)
        if protocol is None:
            allowed = ", ".join(sorted(protocols)) or "none loaded"
            message = f"unknown protocol '{m.protocol}'; allowed: {allowed}"
            problems.append(InputProblem((*loc, "protocol"), message))
            continue
        if m.side not in protocol.sides():
            allowed = ", ".join(s.value for s in protocol.sides())
            message = f"'{m.side.value}' does not fit {protocol.id}; allowed: {allowed}"
            problems.append(InputProblem((*loc, "side"), message))
        if m.degrees > protocol.max_degrees:
            limit = compact_number(protocol.max_degrees)
            shown = compact_number(m.degrees)
            message = f"{shown} is out of range for {protocol.id}; allowed: 0 to {limit}"
            problems.append(InputProblem((*loc, "degrees"), message))
        if (m.protocol, m.side) in seen:
            message = f"{m.protocol} ({m.side.value}) is given twice; keep one value"
            problems.append(InputProblem(loc, message))
        seen.add((m.protocol, m.side))
    return problems


def problems_from_validation(
    model: type[BaseModel], error: ValidationError, prefix: Loc = ()
) -> list[InputProblem]:
    """One InputProblem per pydantic error, with the allowed values or range of its field."""
    problems = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(p for p in detail["loc"] if isinstance(p, str | int))
        inner = loc[1:] if prefix else loc  # a list's errors start with the item's index
        if prefix and not loc:
            message = f"expected a list of entries, got {_shown(detail.get('input'))}"
        else:
            message = _message(model, inner, detail["type"], detail["msg"], detail.get("input"))
        problems.append(InputProblem((*prefix, *loc), message))
    return problems


def _message(model: type[BaseModel], loc: Loc, kind: str, text: str, given: object) -> str:
    field = _field_at(model, loc)
    allowed = describe(field, _schema_of(model)) if field is not None else ""
    if kind == "missing":
        return f"required field is missing; allowed: {allowed}" if allowed else "required"
    if kind == "extra_forbidden":
        fields = _fields_of(_field_at(model, loc[:-1]))
        return f"unknown field; allowed fields: {', '.join(fields)}"
    if kind.startswith("value_error") or not allowed:
        return text.removeprefix("Value error, ")
    what = _shown(given)
    if kind in _RANGE_ERRORS:
        return f"{what} is out of range; allowed: {allowed}"
    if kind in {"enum", "literal_error"}:
        return f"{what} is not allowed; allowed: {allowed}"
    return f"expected {allowed}, got {what}"


def _shown(given: object) -> str:
    """A given value as a person would recognise it in their JSON."""
    if isinstance(given, str):
        return repr(given)
    if isinstance(given, bool):
        return "true" if given else "false"
    if isinstance(given, int | float):
        return str(given)
    names = {list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(given), "another kind of value")


Schema = dict[str, Any]


@cache
def _schema_of(model: type[BaseModel]) -> Schema:
    """The model's JSON schema: pydantic's public account of each field's type and limits."""
    return model.model_json_schema()


def _field_at(model: type[BaseModel], loc: Loc) -> Schema | None:
    """The schema of the field at `loc`, walking objects and lists (None where none is)."""
    root = _schema_of(model)
    node = _resolved(root, root)
    for part in loc:
        if isinstance(part, str):
            found = node.get("properties", {}).get(part)
        else:
            found = node.get("items") if node.get("type") == "array" else None
        if found is None:
            return None
        node = _resolved(found, root)
    return node


def _resolved(node: Schema, root: Schema) -> Schema:
    """`node` with its reference followed and an optional value's null left out."""
    while True:
        if "$ref" in node:
            target = root.get("$defs", {})[str(node["$ref"]).rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            continue
        branches = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
        if "anyOf" in node and len(branches) == 1:
            node = {**{k: v for k, v in node.items() if k != "anyOf"}, **branches[0]}
            continue
        return node


def _fields_of(node: Schema | None) -> list[str]:
    return list((node or {}).get("properties", {}))


def describe(node: Schema, root: Schema | None = None) -> str:
    """The values a field allows, in words: 'a whole number from 5 to 60', 'one of: …'."""
    node = _resolved(node, root or node)
    if "enum" in node:
        return ", ".join(str(value) for value in node["enum"])
    if "properties" in node:
        return "an object with fields " + ", ".join(node["properties"])
    kind = node.get("type")
    if kind == "array":
        item = _resolved(node.get("items", {}), root or node)
        words = describe(item, root or node)
        return f"a list of: {words}" if "enum" in item else f"a list, each {words}"
    if kind == "string" and node.get("format") == "date":
        return "a date as YYYY-MM-DD"
    names = {"boolean": "true or false", "integer": "a whole number", "number": "a number"}
    if kind == "string":
        return "text"
    return names.get(str(kind), "a value") + _range(node)


def _range(node: Schema) -> str:
    low: object = node.get("exclusiveMinimum", node.get("minimum"))
    high: object = node.get("maximum")
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    return f" of at most {high}" if high is not None else ""
