"""Lesson files: front matter validated like exercises, one lesson per program week."""

from __future__ import annotations

from pathlib import Path

import pytest

from midback.content.lessons import lesson_files, load_lesson
from midback.content.loader import BUILTIN_DIR
from midback.content.problems import ContentProblem
from midback.domain.lesson import Lesson, unlocked_lessons

BODY = "You sit a lot. " * 20

GOOD = f"""---
id: short-lesson
title: A short lesson
summary: What the reader takes away from it.
week: 2
sources: ["midback tests"]
---
{BODY}
"""


def load(tmp_path: Path, text: str, name: str = "short-lesson") -> tuple[Lesson | None, list]:
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    problems: list[ContentProblem] = []
    return load_lesson(path, problems), problems


def test_a_good_lesson_loads(tmp_path: Path) -> None:
    lesson, problems = load(tmp_path, GOOD)
    assert problems == [] and lesson is not None
    assert lesson.week == 2 and lesson.body.startswith("You sit")
    assert lesson.reading_minutes() == 1


@pytest.mark.parametrize(
    ("text", "field", "fragment", "line"),
    [
        (BODY, "", "front matter", 1),
        ("---\nid: [x\n---\n" + BODY, "", "malformed YAML", None),
        (GOOD.replace("week: 2", "week: 0"), "week", "greater than or equal to 1", 5),
        (GOOD.replace('sources: ["midback tests"]\n', ""), "sources", "missing", None),
        (GOOD.replace("id: short-lesson", "id: other-lesson"), "id", "file name", 2),
        (GOOD.replace(BODY, "word " * 800), "body", "under 700", None),
    ],
)
def test_problems_are_located(
    tmp_path: Path, text: str, field: str, fragment: str, line: int | None
) -> None:
    lesson, problems = load(tmp_path, text)
    assert lesson is None
    (problem,) = problems
    assert problem.field == field and fragment in problem.message
    if line is not None:
        assert problem.line == line


def test_safety_lessons_come_in_week_one_and_the_rest_within_the_program() -> None:
    problems: list[ContentProblem] = []
    lessons = {p.stem: load_lesson(p, problems) for p in lesson_files(BUILTIN_DIR)}
    assert problems == []
    weeks = {lesson_id: lesson.week for lesson_id, lesson in lessons.items() if lesson}
    assert weeks["pain-and-when-to-stop"] == weeks["when-to-see-a-clinician"] == 1
    assert set(weeks.values()) <= set(range(1, 9)) and len(weeks) == 8


def test_unlocking_follows_the_program_week(tmp_path: Path) -> None:
    first, _ = load(tmp_path, GOOD.replace("week: 2", "week: 1"), "short-lesson")
    assert first is not None
    assert unlocked_lessons([first], 1) == [first]
    later = first.model_copy(update={"id": "later", "week": 3})
    assert [lesson.id for lesson in unlocked_lessons([first, later], 3)] == ["later", first.id]
    assert unlocked_lessons([later], 2) == []


def test_lessons_load_with_the_rest_of_the_content(tmp_path: Path) -> None:
    from midback.content.loader import check_content

    content, problems = check_content()
    assert problems == []
    assert [lesson.week for lesson in content.lessons.values()] == [1, 1, 2, 3, 4, 5, 6, 8]
    assert content.screen is not None
    assert set(content.screen.read_first) <= set(content.lessons)
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "why-sitting-stiffens.md").write_text(
        GOOD.replace("short-lesson", "why-sitting-stiffens")
    )
    _, clash = check_content([tmp_path])
    assert any("duplicate id 'why-sitting-stiffens'" in p.message for p in clash)
