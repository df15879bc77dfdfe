"""Reading profiles and feedback: every problem names its field and what the field allows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from midback.domain.intake import InputError, InputProblem, read_feedback, read_profile
from midback.domain.profile import RedFlag

from ...support.planning import START, library, protocols

VALID: dict[str, Any] = {
    "sitting_hours_per_day": 9,
    "minutes_per_day": 15,
    "days_per_week": 5,
    "red_flags": [],
}


def profile_problems(**changes: Any) -> dict[tuple[str | int, ...], str]:
    data = {**VALID, **changes}
    data = {k: v for k, v in data.items() if v is not ...}
    with pytest.raises(InputError) as caught:
        read_profile(data, protocols())
    return {p.loc: p.message for p in caught.value.problems}


def feedback_problems(entries: object) -> list[InputProblem]:
    with pytest.raises(InputError) as caught:
        read_feedback(
            entries,
            protocols=protocols(),
            library=library(),
            first_day=START,
            last_day=date(2027, 1, 25),
        )
    return caught.value.problems


def test_a_minimal_profile_is_valid() -> None:
    profile = read_profile(VALID, protocols())
    assert profile.current_pain() == 0 and profile.start_date is None


def test_missing_fields_name_the_allowed_range() -> None:
    problems = profile_problems(minutes_per_day=..., red_flags=...)
    assert problems[("minutes_per_day",)] == (
        "required field is missing; allowed: a whole number from 5 to 60"
    )
    assert problems[("red_flags",)].startswith("required field is missing; allowed: a list of:")


def test_out_of_range_values_name_the_range() -> None:
    problems = profile_problems(
        age=12,
        days_per_week=8,
        pain={"current": 11},
        measurements=[{"protocol": "rot", "side": "left", "degrees": 400}],
    )
    assert problems[("age",)] == "12 is out of range; allowed: a whole number from 16 to 100"
    assert problems[("days_per_week",)].endswith("from 1 to 7")
    assert problems[("pain", "current")].endswith("a whole number from 0 to 10")
    assert problems[("measurements", 0, "degrees")] == (
        "400 is out of range; allowed: a number from 0 to 180"
    )


def test_wrong_types_say_what_was_expected() -> None:
    problems = profile_problems(days_per_week="five", equipment="chair")
    assert problems[("days_per_week",)] == "expected a whole number from 1 to 7, got 'five'"
    assert problems[("equipment",)].startswith("expected a list of: foam_roller")


def test_unknown_values_and_fields_list_what_is_allowed() -> None:
    problems = profile_problems(red_flags=["headache"], colour="blue", pain={"current": 2, "x": 1})
    allowed = ", ".join(flag.value for flag in RedFlag)
    assert problems[("red_flags", 0)] == f"'headache' is not allowed; allowed: {allowed}"
    assert problems[("colour",)].startswith("unknown field; allowed fields: age, ")
    assert problems[("pain", "x")] == "unknown field; allowed fields: current, regions, weeks"


def test_measurements_are_checked_against_the_protocols() -> None:
    problems = profile_problems(
        measurements=[
            {"protocol": "neck_turn", "side": "left", "degrees": 40},
            {"protocol": "rot", "side": "both", "degrees": 40},
            {"protocol": "ext", "side": "both", "degrees": 20},
            {"protocol": "ext", "side": "both", "degrees": 22},
        ]
    )
    assert problems[("measurements", 0, "protocol")] == (
        "unknown protocol 'neck_turn'; allowed: ext, reach, rot"
    )
    assert problems[("measurements", 1, "side")] == "'both' does not fit rot; allowed: left, right"
    assert problems[("measurements", 3)] == "ext (both) is given twice; keep one value"


def test_protocol_problems_come_with_other_problems_at_once() -> None:
    problems = profile_problems(
        age=3, measurements=[{"protocol": "nope", "side": "left", "degrees": 40}, {"x": 1}]
    )
    assert ("age",) in problems and ("measurements", 0, "protocol") in problems
    assert ("measurements", 1, "x") in problems


def test_the_whole_input_must_be_an_object() -> None:
    with pytest.raises(InputError) as caught:
        read_profile([1, 2], protocols())
    assert caught.value.problems[0].loc == ()
    assert caught.value.problems[0].message.endswith("got a list")


def test_valid_feedback_is_sorted_by_date() -> None:
    entries = read_feedback(
        [
            {"date": "2026-12-03", "completed": False},
            {"date": "2026-12-01", "completed": True, "pain_during": 1, "difficulty": 2},
        ],
        protocols=protocols(),
        library=library(),
        first_day=START,
        last_day=date(2027, 1, 25),
    )
    assert [e.date.day for e in entries] == [1, 3]


def test_feedback_problems_name_their_entry() -> None:
    problems = feedback_problems(
        [
            {"date": "2026-12-01", "completed": True},
            {"date": "2026-12-02", "completed": True, "pain_during": 12, "difficulty": 0},
        ]
    )
    found = {p.loc: p.message for p in problems}
    assert found[("feedback", 0)].startswith("a completed session needs pain_during")
    assert found[("feedback", 1, "pain_during")].endswith("a whole number from 0 to 10")
    assert found[("feedback", 1, "difficulty")].endswith("a whole number from 1 to 10")


def test_feedback_dates_ids_and_protocols_are_checked() -> None:
    problems = feedback_problems(
        [
            {"date": "2026-11-30", "completed": False},
            {"date": "2026-12-02", "completed": False, "painful_exercises": ["open-bok"]},
            {"date": "2026-12-02", "completed": False},
            {
                "date": "2026-12-05",
                "completed": False,
                "measurements": [{"protocol": "nope", "side": "left", "degrees": 3}],
            },
        ]
    )
    found = {p.loc: p.message for p in problems}
    assert "outside the program (2026-12-01 to 2027-01-25)" in found[("feedback", 0, "date")]
    assert found[("feedback", 1, "painful_exercises", 0)].startswith(
        "unknown exercise id 'open-bok'"
    )
    assert found[("feedback", 2, "date")] == "2026-12-02 is logged twice"
    assert ("feedback", 3, "measurements", 0, "protocol") in found


def test_feedback_must_be_a_list() -> None:
    problems = feedback_problems({"date": "2026-12-01"})
    assert [(p.loc, p.message) for p in problems] == [
        (("feedback",), "expected a list of entries, got an object")
    ]
