"""The player's "time left" and Today's minutes come from one count (a shared fixture).

The domain counts each item's seconds; the server hands them to the player; the player's
JavaScript (web/static/player-timing.js) adds them up the same way, checked by node.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.support.node_tools import node_tests_pass

from midback.domain.exercise import Dose
from midback.domain.guided import GuidedItem, items_for_exercises, session_seconds
from midback.domain.planner.dosing import TRANSITION_SECONDS
from midback.web.pages.player import player_data

from ...support.planning import exercise, library

ROOT = Path(__file__).resolve().parents[3]
FIXTURES: dict[str, Any] = json.loads(
    (ROOT / "tests" / "fixtures" / "player-timing.json").read_text(encoding="utf-8")
)
DOSE_FIELDS = ("sets", "reps", "hold_s", "rest_s", "seconds_per_rep")


@pytest.mark.parametrize("case", FIXTURES["cases"], ids=lambda c: c["name"])
def test_the_domain_counts_the_fixture_seconds(case: dict[str, Any]) -> None:
    assert FIXTURES["transition_s"] == TRANSITION_SECONDS
    items = []
    for row in case["items"]:
        dose = Dose(**{name: row[name] for name in DOSE_FIELDS})
        assert dose.seconds(1) == row["seconds"]
        items.append(GuidedItem.model_construct(**row))
    assert session_seconds(items) == case["session_seconds"]


def test_the_player_is_given_each_item_s_seconds() -> None:
    held = exercise(
        "held", dose={"sets": 2, "reps": 5, "hold_s": 20, "rest_s": 30, "seconds_per_rep": 3}
    )
    items = items_for_exercises([held])
    rows = player_data(items, library())["items"]
    assert [row["seconds"] for row in rows] == [270]
    assert [row["seconds"] for row in rows] == [item.seconds() for item in items]


def test_the_browser_timing_agrees_with_the_fixtures() -> None:
    node_tests_pass(ROOT / "tests" / "js" / "player_timing.test.js")
