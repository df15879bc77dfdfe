"""The two sentences onboarding ends on, for real plans of the built-in content."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from midback.content.loader import Content, load_content
from midback.domain.intake import read_profile
from midback.domain.planner import make_plan
from midback.domain.program_story import program_story

TODAY = date(2026, 11, 30)
BASE: dict[str, Any] = {"sitting_hours_per_day": 9, "minutes_per_day": 15, "days_per_week": 5,
                        "red_flags": [], "equipment": ["chair"]}  # fmt: skip


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def story(content: Content, **changes: Any) -> list[str]:
    profile = read_profile({**BASE, **changes}, content.protocols)
    program = content.programs["thoracic-8-week"]
    plan = make_plan(profile, [], program=program, library=content.exercises,
                     protocols=content.protocols, today=TODAY,
                     safety=content.safety())  # fmt: skip
    minutes = plan.weeks[0].sessions[0].estimated_minutes if plan.weeks else 0
    return program_story(plan, profile, content.protocols, minutes)


def test_without_measurements_it_balances_the_primary_directions(content: Content) -> None:
    first, second = story(content)
    assert first == (
        "With no measurements yet, it balances bending back (extension) and turning "
        "(rotation), the two directions long sitting stiffens most."
    )
    assert second.startswith("Each session takes about ") and "of your 15 minutes, 5 days" in second


def test_a_limited_side_explains_the_emphasis_and_the_extra_set(content: Content) -> None:
    measured = [{"protocol": "seated_rotation", "side": "left", "degrees": 40},
                {"protocol": "seated_rotation", "side": "right", "degrees": 25}]  # fmt: skip
    first, _ = story(content, measurements=measured)
    assert first.startswith("Most of the work goes into turning (rotation)")
    assert "seated rotation (right) measured 25°, 20° below the 45° reference" in first
    assert first.endswith("your right side gets an extra set because it is 15° behind the other.")


def test_constraints_are_said_in_plain_words(content: Content) -> None:
    floor = ["half_kneeling", "tall_kneeling", "quadruped", "supine", "prone", "side_lying"]
    _, second = story(content, positions_to_avoid=floor, pain={"current": 7},
                      precautions=["osteoporosis"])  # fmt: skip
    assert second.endswith(
        ", with no floor work, gentler first sessions because your pain is 7/10 and exercises "
        "left out or adapted for osteoporosis."
    )
