"""Issue 11: goals and pain regions shift the emphasis, as content (the program's focus_rules)."""

from __future__ import annotations

from typing import Any

from midback.content.loader import load_content
from midback.domain.plan import Plan
from midback.domain.planner import make_plan

from ...support.planning import TODAY, profile, safety

CONTENT = load_content()
PROGRAM = CONTENT.programs["thoracic-8-week"]
ASYMMETRIC = [
    {"protocol": "seated_rotation", "side": "left", "degrees": 44},
    {"protocol": "seated_rotation", "side": "right", "degrees": 24},
]


def plan(**overrides: Any) -> Plan:
    person = profile(minutes_per_day=20, equipment=["chair", "stick", "ball"], **overrides)
    return make_plan(
        person,
        [],
        program=PROGRAM,
        library=CONTENT.exercises,
        protocols=CONTENT.protocols,
        today=TODAY,
        safety=safety(),
    )


def sets_of(result: Plan, **match: str) -> int:
    return sum(
        i.sets
        for s in result.sessions()
        for i in s.items
        if all(getattr(i, k) == v for k, v in match.items())
    )


def test_every_preferred_exercise_is_in_the_library() -> None:
    for program in CONTENT.programs.values():
        for rule in program.focus_rules:
            assert set(rule.prefer) <= set(CONTENT.exercises), rule.id


def test_a_golfers_side_difference_is_not_trained_as_a_deficit() -> None:
    plain = plan(measurements=ASYMMETRIC)
    golfer = plan(measurements=ASYMMETRIC, goals=["Golf"])
    assert sets_of(plain, target="rotation", side="right") > sets_of(
        plain, target="rotation", side="left"
    )
    assert sets_of(golfer, target="rotation", side="right") == sets_of(
        golfer, target="rotation", side="left"
    )
    assert sets_of(golfer, target="core_control") > sets_of(plain, target="core_control")
    assert any("golf" in r for r in golfer.reasons)


def test_neck_pain_leans_toward_extension_and_deep_neck_flexor_control() -> None:
    plain, neck = plan(), plan(pain={"current": 2, "regions": ["neck"]})
    assert sets_of(neck, target="neck_control") > sets_of(plain, target="neck_control")
    assert sets_of(neck, target="extension") > sets_of(plain, target="extension")


def test_low_back_pain_turns_with_the_low_back_locked() -> None:
    locked = {"quadruped", "side_lying"}
    plain, back = plan(), plan(pain={"current": 2, "regions": ["low_back"]})

    def locked_share(result: Plan) -> float:
        rotation = [i for s in result.sessions() for i in s.items if i.target == "rotation"]
        ok = [i for i in rotation if CONTENT.exercises[i.exercise].position in locked]
        return len(ok) / len(rotation)

    assert locked_share(back) > locked_share(plain)
