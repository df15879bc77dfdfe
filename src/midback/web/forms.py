"""Reading form fields and query parameters: the one strict parser every HTML page uses.

Browsers send text; a page needs a number in a range, a record's id, a date, a time, one of a
few choices or a small JSON document from our own scripts. The readers here accept only what
they promise: plain ASCII digits (`str.isdigit()` also says yes to '²' and '٣', which `int()`
then refuses), lengths bounded before anything is converted (no 5,000-digit numbers), ids that
fit the database, and JSON of bounded size and depth. Anything else raises `FieldError`, which
names the field and says in plain words what is allowed, so the page answers with its form and
that message (400 or 422), never with a server error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from typing import Annotated, Any

from fastapi import Path

MAX_ID = 2**63 - 1
"""The largest id either database stores (a signed 64-bit integer)."""
MAX_JSON_CHARS = 256 * 1024
MAX_JSON_DEPTH = 8

_DIGITS = re.compile(r"[0-9]{1,19}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")

FormData = Mapping[str, Sequence[str]]
PathId = Annotated[int, Path(ge=1, le=MAX_ID, description="A numeric id.")]
"""A record's id in a page's path: an id out of the database's range is a 404, not a crash."""


class FieldError(ValueError):
    """A field's value is not acceptable; `message` is a sentence for the person."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def text(form: FormData, name: str) -> str:
    """The first value posted under `name`, '' if none."""
    values = form.get(name) or [""]
    return values[0]


def whole_number(raw: str | None, field: str, *, low: int, high: int, what: str = "") -> int:
    """A whole number from `low` to `high` written in ASCII digits (spaces around allowed)."""
    value = _digits(raw)
    if value is None or not low <= value <= high:
        words = what or "a whole number"
        raise FieldError(field, f"Enter {words} from {low} to {high}.")
    return value


def optional_whole_number(
    raw: str | None, field: str, *, low: int, high: int, what: str = ""
) -> int | None:
    """`whole_number`, or None when the field was left empty."""
    if raw is None or not raw.strip():
        return None
    return whole_number(raw, field, low=low, high=high, what=what)


def is_whole_number(raw: str | None, *, low: int = 0, high: int = MAX_ID) -> bool:
    """True if `raw` is a whole number in ASCII digits from `low` to `high`."""
    value = _digits(raw)
    return value is not None and low <= value <= high


def record_id(raw: str | None, field: str) -> int:
    """The id of a stored record (1 to MAX_ID)."""
    value = _digits(raw)
    if value is None or not 1 <= value <= MAX_ID:
        raise FieldError(field, "This is not something you can choose here.")
    return value


def day(raw: str | None, field: str, *, low: date, high: date) -> date:
    """A date written YYYY-MM-DD, from `low` to `high`."""
    value = (raw or "").strip()
    found = None
    if _DAY.fullmatch(value):
        try:
            found = date.fromisoformat(value)
        except ValueError:
            found = None
    if found is None or not low <= found <= high:
        raise FieldError(field, f"Enter a date from {low.isoformat()} to {high.isoformat()}.")
    return found


def clock_time(raw: str | None, field: str) -> time:
    """A time of day written HH:MM (24-hour clock)."""
    found = _CLOCK.fullmatch((raw or "").strip())
    if found is None:
        raise FieldError(field, "Give a time as hours and minutes, like 07:30.")
    return time(int(found.group(1)), int(found.group(2)))


def choice(raw: str | None, field: str, allowed: Iterable[str]) -> str:
    """One of `allowed`, exactly."""
    options = list(allowed)
    value = (raw or "").strip()
    if value not in options:
        raise FieldError(field, "Choose one of the options shown.")
    return value


def json_document(
    raw: str | None, field: str, *, max_chars: int = MAX_JSON_CHARS, max_depth: int = MAX_JSON_DEPTH
) -> Any:
    """A JSON value our own scripts posted, no longer than `max_chars` and no deeper than
    `max_depth` nested arrays or objects ('' reads as null)."""
    value = raw or ""
    problem = FieldError(field, "This form came back damaged. Please try again.")
    if len(value) > max_chars or _depth(value) > max_depth:
        raise problem
    if not value.strip():
        return None
    try:
        return json.loads(value)
    except ValueError:
        raise problem from None


def _digits(raw: str | None) -> int | None:
    value = (raw or "").strip()
    return int(value) if _DIGITS.fullmatch(value) else None


def _depth(document: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets in strings not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in document:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest
