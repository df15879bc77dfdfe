"""Learn: short lessons by program week, written in Markdown and rendered once per app."""

from __future__ import annotations

from itertools import groupby

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from markdown_it import MarkdownIt

from midback.domain.lesson import Lesson
from midback.web.pages.common import VisitorDep, render

router = APIRouter(include_in_schema=False)


def _lessons(request: Request) -> dict[str, Lesson]:
    lessons: dict[str, Lesson] = request.app.state.content.lessons
    return lessons


def markdown_html(text: str) -> str:
    """Lesson Markdown as HTML; raw HTML in the source is escaped, never passed through."""
    # Lessons start at h2 (the page's h1 is the title); tables are allowed, raw HTML is not.
    html: str = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    return html


@router.get("/learn")
def learn_index(request: Request, visitor: VisitorDep) -> Response:
    """Every lesson, by the program week it belongs to."""
    lessons = sorted(_lessons(request).values(), key=lambda lesson: (lesson.week, lesson.id))
    weeks = [(week, list(items)) for week, items in groupby(lessons, key=lambda x: x.week)]
    return render(request, visitor, "learn/index.html", {"weeks": weeks, "count": len(lessons)})


@router.get("/learn/{lesson_id}")
def lesson_page(lesson_id: str, request: Request, visitor: VisitorDep) -> Response:
    """One lesson, its sources, and the lessons before and after it."""
    lessons = _lessons(request)
    lesson = lessons.get(lesson_id)
    if lesson is None:
        raise HTTPException(status_code=404, detail=f"no lesson with id '{lesson_id}'")
    cache: dict[str, str] = getattr(request.app.state, "lesson_html", {})
    request.app.state.lesson_html = cache
    if lesson.id not in cache:
        cache[lesson.id] = markdown_html(lesson.body)
    ordered = list(lessons)
    index = ordered.index(lesson.id)
    context = {
        "lesson": lesson,
        "body": cache[lesson.id],
        "previous": lessons[ordered[index - 1]] if index > 0 else None,
        "next": lessons[ordered[index + 1]] if index + 1 < len(ordered) else None,
    }
    return render(request, visitor, "learn/lesson.html", context)
