"""The PDF handout, read back with pypdf: pages, paper, every word, and no lost characters."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from midback.domain.records import HandoutRoutine
from midback.exports.handout import (
    EmptyProgramError,
    Handout,
    NoSuchWeekError,
    plan_handout,
    routine_handout,
)
from midback.exports.handout_pdf import render_handout
from midback.exports.pdf_kit import find_unicode_font, normalise

from ...support.planning import START, library, plan_for, profile, program

MM_PER_POINT = 25.4 / 72


def week_handout(week: int | None = None, **changes: object) -> Handout:
    plan = plan_for(profile(**changes))
    return plan_handout(
        plan,
        program(),
        library(),
        week=week,
        today=START,
        person="Alex Morgan",
        clinician="Sam Lee",
        base_url="https://app.example",
    )


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def test_a_week_of_the_plan_lists_each_exercise_once_with_people_and_safety() -> None:
    handout = week_handout()
    reader, text = read(render_handout(handout))
    assert 1 <= len(reader.pages) <= 8
    assert "Alex Morgan" in text and "Sam Lee" in text
    assert "week 1 of 8" in text
    for entry in handout.exercises:
        assert entry.exercise.name in text
        assert entry.exercise.steps[0].split()[0] in text
    names = [entry.exercise.id for entry in handout.exercises]
    assert len(names) == len(set(names))
    assert "Safety" in text and "see your doctor or physiotherapist" in text
    assert reader.metadata is not None and reader.metadata.title == handout.title


def test_tick_boxes_mark_the_days_an_exercise_is_planned() -> None:
    handout = week_handout()
    plan = plan_for(profile())
    week_days = {s.date.weekday() for s in plan.weeks[0].sessions}
    for entry in handout.exercises:
        planned = {day for day, on in enumerate(entry.days) if on}
        assert planned and planned <= week_days


def test_paper_sizes() -> None:
    handout = week_handout()
    a4 = PdfReader(io.BytesIO(render_handout(handout, paper="a4"))).pages[0].mediabox
    letter = PdfReader(io.BytesIO(render_handout(handout, paper="letter"))).pages[0].mediabox
    assert round(float(a4.width) * MM_PER_POINT) == 210
    assert round(float(a4.height) * MM_PER_POINT) == 297
    assert round(float(letter.width) * MM_PER_POINT) == 216
    assert round(float(letter.height) * MM_PER_POINT) == 279


def test_a_chosen_week_and_a_week_that_does_not_exist() -> None:
    assert week_handout(week=3).title.endswith("week 3 of 8")
    with pytest.raises(ValueError, match="week 12 has no sessions"):
        week_handout(week=12)


def test_only_a_missing_week_is_a_week_error() -> None:
    with pytest.raises(NoSuchWeekError, match="the plan has weeks 1–8"):
        week_handout(week=9)
    with pytest.raises(EmptyProgramError) as empty:  # also a ValueError, but not about the week
        week_handout(week=9, red_flags=["recent_trauma"])
    assert not isinstance(empty.value, NoSuchWeekError)


def test_a_referral_has_no_handout() -> None:
    with pytest.raises(EmptyProgramError, match="clinician first"):
        week_handout(red_flags=["recent_trauma"])


def test_a_routine_uses_each_exercise_s_dose_and_every_day() -> None:
    routine = HandoutRoutine.model_validate(
        {
            "name": "Desk reset – 5 min",
            "items": [
                {"exercise": "chest-stretch", "note": "Hold 30 s, ≤ 3 times, 90° elbows."},
                {"exercise": "careful-side-bend", "dose": {"sets": 1, "reps": 6}},
            ],
        }
    )
    handout = routine_handout(routine, library(), today=date(2026, 12, 1))
    assert handout.exercises[1].dose == "1 set × 6 reps · each side"
    assert all(all(entry.days) for entry in handout.exercises)
    _, text = read(render_handout(handout))
    assert "Desk reset – 5 min" in text
    assert "≤ 3 times, 90° elbows" in text
    assert "1 set × 6 reps" in text


@pytest.mark.skipif(find_unicode_font() is None, reason="DejaVu Sans is not installed")
def test_the_unicode_font_keeps_every_character() -> None:
    _, text = read(render_handout(week_handout()))
    assert "×" in text and "·" in text
    assert "?" not in text.replace("Done?", "")


def test_the_core_font_fallback_normalises_instead_of_dropping() -> None:
    assert normalise("≤ 3 → 5 − 1, 90° × 2 – done") == "<= 3 -> 5 - 1, 90° × 2 – done"
    assert normalise("naïve ☺") == "naïve U+263A"
    _, text = read(render_handout(week_handout(), unicode_font=False))
    assert "Alex Morgan" in text and "×" in text
