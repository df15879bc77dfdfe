"""Content problems: what is wrong, in which file, at which field and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from midback.content.yaml_source import FieldPath, YamlDocument


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One thing wrong with a content file. `field` is a dotted path, empty for the whole file."""

    file: Path
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.field or '(file)'}: {self.message}"


class ContentError(Exception):
    """Content that failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''}:\n{lines}")


def field_path(loc: FieldPath) -> str:
    """Render a location such as ('dose', 'sets') or ('steps', 0) as 'dose.sets' / 'steps[0]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def problems_from_validation(
    file: Path, document: YamlDocument, error: ValidationError
) -> list[ContentProblem]:
    """One ContentProblem per pydantic error, with the field path and line in the file."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if isinstance(part, str | int))
        message = _plain_message(detail["type"], detail["msg"], detail.get("input"))
        problems.append(ContentProblem(file, field_path(loc), message, document.line_of(loc)))
    return problems


def _plain_message(kind: str, message: str, given: object) -> str:
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against the content format in the README)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_type" and isinstance(given, dict):
        return "expected text, found a mapping (quote text that contains ': ')"
    if kind.startswith("value_error"):
        return message.removeprefix("Value error, ")
    if isinstance(given, str | int | float | bool) and kind != "string_too_long":
        return f"{message} (got {given!r})"
    return message
