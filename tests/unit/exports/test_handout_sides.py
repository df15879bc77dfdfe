"""The handout says each side of a per-side exercise as a direction of movement, and which side
its drawing shows."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from midback.content.loader import load_content
from midback.domain.records import HandoutRoutine
from midback.exports.handout import routine_handout
from midback.exports.handout_pdf import render_handout

LIBRARY = load_content(include_builtin=True).exercises


def test_a_routine_handout_says_turning_to_your_left_and_which_side_is_drawn() -> None:
    routine = HandoutRoutine.model_validate(
        {"name": "Turns", "items": [{"exercise": "open-book"}, {"exercise": "wall-angel"}]}
    )
    handout = routine_handout(routine, LIBRARY, today=date(2026, 12, 1))
    book, wall = handout.exercises
    assert book.sides == (
        "Turning to your left (lying on your right side)",
        "Turning to your right (lying on your left side)",
    )
    assert book.drawn_side() == "Turning to your left (lying on your right side)"
    assert wall.sides == () and wall.drawn_side() == ""
    reader = PdfReader(io.BytesIO(render_handout(handout)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert (
        "Each side: turning to your left (lying on your right side); then turning to your" in text
    )
    assert "The drawing shows turning to your left (lying on your right side)" in text
