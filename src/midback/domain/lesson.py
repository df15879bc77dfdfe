"""Lessons: short pieces of education, one unlocked per program week."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from midback.domain.exercise import EXERCISE_ID_PATTERN, ContentModel, Text

MAX_LESSON_WORDS = 700
"""Lessons are meant to be read in a few minutes on a phone."""

WORDS_PER_MINUTE = 200


class Lesson(ContentModel):
    """A lesson: front matter from its file plus the Markdown body."""

    id: Annotated[str, StringConstraints(pattern=EXERCISE_ID_PATTERN, max_length=64)]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=90)]
    summary: Text
    week: int = Field(ge=1, le=52, description="Program week in which the lesson unlocks.")
    sources: list[Text] = Field(min_length=1)
    body: str = Field(min_length=50, description="Markdown text of the lesson.")

    @field_validator("body")
    @classmethod
    def _short_enough(cls, body: str) -> str:
        words = len(re.findall(r"\w+", body))
        if words > MAX_LESSON_WORDS:
            raise ValueError(f"lesson has {words} words; keep it under {MAX_LESSON_WORDS}")
        return body

    def reading_minutes(self) -> int:
        """Rounded-up reading time at an easy pace."""
        words = len(re.findall(r"\w+", self.body))
        return max(1, -(-words // WORDS_PER_MINUTE))


def unlocked_lessons(lessons: list[Lesson], program_week: int) -> list[Lesson]:
    """Lessons available in `program_week`, newest first."""
    return sorted(
        (lesson for lesson in lessons if lesson.week <= program_week),
        key=lambda lesson: (-lesson.week, lesson.id),
    )
