"""What a session's log asks again: the screen's `during_program` questions, and the verdict on
the answers alone (what the player shows at once)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.content.loader import load_content
from midback.domain.profile import RedFlag
from midback.domain.screening import Screen, Tier, screen_answers

SCREEN = load_content().safety().screen


def test_emergency_signs_are_asked_first() -> None:
    asked = SCREEN.asked_during_program()
    tiers = [screen_answers([q.id], SCREEN).tier for q in asked]
    order = [Tier.EMERGENCY, Tier.URGENT, Tier.SEE_CLINICIAN]
    assert tiers == sorted(tiers, key=order.index)
    assert tiers[0] is Tier.EMERGENCY and Tier.SEE_CLINICIAN in tiers


@pytest.mark.parametrize(
    ("answers", "tier"),
    [
        ([], Tier.OK),
        ([RedFlag.NIGHT_OR_REST_PAIN], Tier.SEE_CLINICIAN),
        ([RedFlag.NIGHT_OR_REST_PAIN, RedFlag.FEVER_OR_UNWELL], Tier.URGENT),
        ([RedFlag.FEVER_OR_UNWELL, RedFlag.CHEST_PAIN], Tier.EMERGENCY),
    ],
)
def test_the_most_urgent_answer_decides(answers: list[RedFlag], tier: Tier) -> None:
    verdict = screen_answers(answers, SCREEN)
    assert verdict.tier is tier
    assert {o.tier for o in verdict.outcomes} <= {Tier.EMERGENCY, Tier.URGENT, Tier.SEE_CLINICIAN}


@pytest.mark.parametrize(
    ("during", "message"),
    [
        (["chest_pain_or_breathlessness"], "not asked"),
        (["chest_pain", "chest_pain"], "twice"),
    ],
)
def test_the_list_names_asked_questions_once(during: list[str], message: str) -> None:
    raw: dict[str, Any] = SCREEN.model_dump(mode="json")
    with pytest.raises(ValidationError, match=message):
        Screen.model_validate({**raw, "during_program": during})
