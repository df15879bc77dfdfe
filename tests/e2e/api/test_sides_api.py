"""The API says which direction each side of a per-side exercise trains, in the content's words,
and the limited direction of an asymmetry gets the extra set."""

from __future__ import annotations

from tests.e2e.api.conftest import Api
from tests.e2e.api.test_training import start


def test_an_exercise_says_what_its_sides_mean(tapi: Api) -> None:
    book = tapi.client.get("/api/v1/exercises/open-book").json()
    assert book["directions"] == {
        "movement": "rotation",
        "drawn": "left",
        "left": "Turning to your left (lying on your right side)",
        "right": "Turning to your right (lying on your left side)",
    }
    assert tapi.client.get("/api/v1/exercises/wall-angel").json()["directions"] is None


def test_plan_items_say_turning_to_your_left_and_the_limited_direction_gets_more(
    tapi: Api,
) -> None:
    ada = tapi.person("ada@example.org")
    # The example turns 38° left, 24° right; without its golf goal (a golfer's side difference
    # is not a deficit) the limited direction is trained more.
    plan = start(tapi, ada, goals=["posture"])["plan"]
    items = [i for w in plan["weeks"] for s in w["sessions"] for i in s["items"]]
    sided = [i for i in items if i["side"] != "both"]
    assert sided and all(i["side_words"] for i in sided)
    assert all(i["side_words"] == "" for i in items if i["side"] == "both")
    turning = [i for i in sided if i["target"] == "rotation"]
    assert all(f"to your {i['side']}" in i["side_words"] for i in turning)
    for session in (s for w in plan["weeks"] for s in w["sessions"]):
        turns = [i for i in session["items"] if i["target"] == "rotation" and i["side"] != "both"]
        by_side = {i["side"]: i["sets"] for i in turns}
        if by_side:
            assert by_side["right"] == by_side["left"] + 1, session["date"]
