"""Onboarding steps: plain answers into the planner's vocabulary, one step at a time."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.planning import safety

from midback.domain.intake import read_profile
from midback.domain.onboarding import STEPS, Draft, StepId, referred
from midback.domain.profile import RedFlag
from midback.domain.protocol import Protocol
from midback.domain.vocabulary import FLOOR_POSITIONS, Equipment, Position
from midback.web.pages.onboarding_forms import draft_values, read_step

ROTATION = Protocol.model_validate(
    {"id": "seated_rotation", "name": "Seated rotation", "target": "rotation", "per_side": True,
     "reference": 45, "reference_source": "test", "mdc": 6, "mdc_source": "test",
     "max_degrees": 90, "how_to": ["Sit.", "Turn."], "meaning": "Stiff.",
     "instruments": ["heading"]}
)  # fmt: skip
PROTOCOLS = {ROTATION.id: ROTATION}
SCREEN = safety().screen
FLAGS_NO = {flag.value: ["no"] for flag in RedFlag}
FORMS: dict[StepId, dict[str, list[str]]] = {
    StepId.DAY: {"sitting": ["9"], "age": [""]},
    StepId.ACTIVITY: {"activity": ["30"]},
    StepId.TIME: {"minutes": ["15"], "days": ["5"]},
    StepId.EQUIPMENT: {"chair": ["no"], "equipment": ["foam_roller", "chair", "bogus"]},
    StepId.POSITIONS: {"avoid": ["floor"]},
    StepId.PAIN: {"pain": ["0"], "regions": ["neck"]},
    StepId.HEALTH: FLAGS_NO,
    StepId.PRECAUTIONS: {"precautions": ["pregnancy"]},
    StepId.MEASURE: {"m-seated_rotation-left": ["40,5"], "m-seated_rotation-right": [""]},
    StepId.CONFIRM: {"disclaimer": ["yes"]},
}


def answer_all(**changes: Any) -> Draft:
    draft = Draft()
    for step in STEPS:
        answer = read_step(step, {**FORMS[step], **changes.get(step.value, {})}, draft, PROTOCOLS)
        assert not answer.errors, (step, answer.errors)
        draft = answer.draft
    return draft


def test_each_step_unlocks_the_next_and_the_answers_make_a_valid_profile() -> None:
    draft = Draft()
    assert draft.next_step() is StepId.DAY and not draft.may_show(StepId.TIME)
    draft = answer_all()
    assert all(draft.answered(step) for step in STEPS) and draft.may_show(StepId.CONFIRM)
    profile = read_profile(draft.profile_data(), PROTOCOLS)
    assert profile.equipment == [Equipment.FOAM_ROLLER]  # "no" chair wins over a forged tick
    assert set(profile.positions_to_avoid) == set(FLOOR_POSITIONS)
    assert profile.pain is not None and profile.pain.regions == []  # no pain, no regions
    assert profile.measurements[0].degrees == 40.5 and len(profile.measurements) == 1
    assert not referred(draft, SCREEN)


def test_a_chair_is_equipment_and_kneeling_leaves_out_every_kneeling_position() -> None:
    draft = answer_all(equipment={"chair": ["yes"]}, positions={"avoid": ["kneeling"]})
    data = draft.profile_data()
    assert data["equipment"] == ["chair", "foam_roller"]
    assert {Position(p) for p in data["positions_to_avoid"]} == {
        Position.HALF_KNEELING, Position.TALL_KNEELING, Position.QUADRUPED
    }  # fmt: skip


@pytest.mark.parametrize(
    ("step", "form", "field"),
    [(StepId.DAY, {"sitting": ["3"]}, "sitting"),
     (StepId.DAY, {"sitting": ["9"], "age": ["15"]}, "age"),
     (StepId.TIME, {"minutes": ["15"]}, "days"),
     (StepId.EQUIPMENT, {}, "chair"),
     (StepId.PAIN, {"pain": ["11"]}, "pain"),
     (StepId.HEALTH, {**FLAGS_NO, "recent_trauma": [""]}, "recent_trauma"),
     (StepId.MEASURE, {"m-seated_rotation-left": ["ninety"]}, "m-seated_rotation-left"),
     (StepId.MEASURE, {"m-seated_rotation-right": ["91"]}, "m-seated_rotation-right"),
     (StepId.CONFIRM, {}, "disclaimer")],
)  # fmt: skip
def test_a_wrong_answer_names_its_field_and_keeps_the_draft(
    step: StepId, form: dict[str, list[str]], field: str
) -> None:
    before = Draft(sitting_hours=5)
    answer = read_step(step, form, before, PROTOCOLS)
    assert field in answer.errors and answer.draft == before


def test_an_urgent_yes_ends_the_onboarding_and_a_past_cancer_alone_does_not() -> None:
    draft = answer_all(health={"fever_or_unwell": ["yes"]})
    assert referred(draft, SCREEN) and draft.red_flags == [RedFlag.FEVER_OR_UNWELL]
    past = answer_all(health={"history_of_cancer": ["yes"]})
    assert not referred(past, SCREEN) and past.red_flags == [RedFlag.HISTORY_OF_CANCER]


def test_surgery_site_and_weeks_and_trimester_reach_the_profile() -> None:
    form = {
        "precautions": ["recent_surgery", "pregnancy"],
        "surgery_site": ["chest"],
        "surgery_weeks": ["3"],
        "trimester": ["2"],
    }
    draft = read_step(StepId.PRECAUTIONS, form, Draft(), PROTOCOLS).draft
    data = draft.profile_data()
    assert data["surgery"] == {"site": "chest", "weeks_since": 3}
    assert data["pregnancy_trimester"] == 2
    unknown = read_step(StepId.PRECAUTIONS, {"precautions": ["recent_surgery"]}, Draft(), PROTOCOLS)
    assert unknown.draft.profile_data()["surgery"] == {"site": "other", "weeks_since": None}


def test_skipping_measurements_is_an_answer_and_values_round_trip() -> None:
    skipped = read_step(StepId.MEASURE, {"skip": ["1"]}, Draft(), PROTOCOLS).draft
    assert skipped.measurements == [] and skipped.answered(StepId.MEASURE)
    draft = answer_all()
    values = draft_values(draft)
    assert values["sitting"] == ["9"] and values["chair"] == ["no"]
    assert values["fever_or_unwell"] == ["no"] and values["m-seated_rotation-left"] == ["40.5"]
    for step in STEPS:  # every step reads back what it showed
        assert read_step(step, values, Draft(), PROTOCOLS).errors == {}, step
