"""Reading lesson files: Markdown with YAML front matter between `---` lines."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from midback.content.problems import ContentProblem, problems_from_validation
from midback.content.yaml_source import YamlSyntaxError, parse_yaml
from midback.domain.lesson import Lesson

FENCE = "---"


def lesson_files(directory: Path) -> list[Path]:
    """The lesson files of a content folder (its `lessons/` subfolder), if any."""
    folder = directory / "lessons"
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def load_lesson(path: Path, problems: list[ContentProblem]) -> Lesson | None:
    """Parse and validate one lesson file, appending any problems found."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(ContentProblem(path, "", "not a UTF-8 text file"))
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE or FENCE not in (s.strip() for s in lines[1:]):
        message = "a lesson starts with front matter between two '---' lines"
        problems.append(ContentProblem(path, "", message, 1))
        return None
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FENCE)
    try:
        document = parse_yaml("\n" + "\n".join(lines[1:end]))
    except YamlSyntaxError as error:
        problems.append(ContentProblem(path, "", str(error), error.line))
        return None
    if not isinstance(document.data, dict):
        problems.append(ContentProblem(path, "", "front matter must be a mapping of fields", 1))
        return None
    data = {**document.data, "body": "\n".join(lines[end + 1 :]).strip()}
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(path, document, error))
        return None
    if lesson.id != path.stem:
        message = f"id '{lesson.id}' must match the file name '{path.stem}'"
        problems.append(ContentProblem(path, "id", message, document.line_of(("id",))))
        return None
    return lesson
