"""Keyframes in the room: on the floor by their contacts, never through the floor or a wall."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.body.pose import Pose
from midback.domain.body.scene import build_scene
from midback.domain.exercise import Exercise

from ....conftest import exercise_data

STANDING = {"contact": ["feet"]}
WALL_BEHIND = {"prop": "wall", "side": "behind", "touching": ["pelvis"]}


def _problems(**keyframes: dict[str, Any]) -> list[str]:
    poses = {name: Pose.model_validate(data) for name, data in keyframes.items()}
    return build_scene(poses).problems


def test_standing_on_the_feet_is_fine() -> None:
    assert _problems(start=STANDING) == []
    feet = build_scene({"start": Pose.model_validate(STANDING)}).poses[0].skeleton.points
    assert min(feet["left_heel"][2], feet["left_toe"][2]) == pytest.approx(0.024, abs=0.001)


def test_a_body_part_below_the_contacts_goes_through_the_floor() -> None:
    problems = _problems(start={"contact": ["hands"]})
    assert any(p.startswith("start: left_foot goes") and "through the floor" in p for p in problems)


def test_a_listed_contact_must_reach_the_floor() -> None:
    problems = _problems(start={"contact": ["feet", "hands"]})
    assert any("left_hand should rest on the floor but is" in p for p in problems)


def test_kneeling_rests_on_knees_and_shins() -> None:
    kneeling = {"angles": {"knee_flexion": 90, "ankle_dorsiflexion": -65}, "contact": ["knees"]}
    assert _problems(start=kneeling) == []


def test_a_wall_behind_the_pelvis_stops_an_arm_reaching_back() -> None:
    ok = {**STANDING, "props": [WALL_BEHIND]}
    assert _problems(start=ok) == []
    back = {"contact": ["feet"], "angles": {"shoulder_flexion": -50}, "props": [WALL_BEHIND]}
    problems = _problems(start=ok, end=back)
    assert any(
        "end: left_hand goes" in p and "through the wall behind the body" in p for p in problems
    )


def test_a_part_said_to_touch_the_wall_must_touch_it() -> None:
    stooped = {
        **STANDING,
        "angles": {"hip_flexion": 60},
        "props": [{**WALL_BEHIND, "touching": ["pelvis", "head"]}],
    }
    problems = _problems(start=stooped)
    assert any("head should touch the wall behind the body but is" in p for p in problems)


def test_the_wall_stays_where_the_first_keyframe_put_it() -> None:
    start = {**STANDING, "props": [WALL_BEHIND]}
    lean = {**start, "body": {"pitch": 8}, "angles": {"ankle_dorsiflexion": 8}}
    assert any("end: pelvis should touch the wall" in p for p in _problems(start=start, end=lean))
    swing = {**start, "angles": {"hip_flexion": 20}}  # feet stay put, so the body moves back
    assert any("end: pelvis goes" in p for p in _problems(start=start, end=swing))


def test_contacts_shared_by_keyframes_stay_in_place() -> None:
    lean = {"contact": ["feet"], "angles": {"hip_flexion": 40, "knee_flexion": 20}}
    scene = build_scene(
        {k: Pose.model_validate(v) for k, v in {"start": STANDING, "end": lean}.items()}
    )
    first, last = (p.skeleton.points for p in scene.poses)
    assert last["left_ankle"][0] == pytest.approx(first["left_ankle"][0], abs=0.03)


def test_sitting_on_a_chair() -> None:
    seated = {
        "angles": {"hip_flexion": 90, "knee_flexion": 90, "elbow_flexion": 80},
        "contact": ["feet"],
        "props": [{"prop": "chair"}],
    }
    assert _problems(start=seated) == []
    slump = {**seated, "angles": {"hip_flexion": 70, "knee_flexion": 70, "elbow_flexion": 80}}
    assert any("pelvis should sit on the chair" in p for p in _problems(start=seated, end=slump))


def test_lying_over_a_foam_roller() -> None:
    supine = {
        "body": {"pitch": -90},
        "angles": {"hip_flexion": 60, "knee_flexion": 110, "ankle_dorsiflexion": 20},
        "contact": ["pelvis", "feet"],
        "props": [{"prop": "foam_roller", "under": "thorax"}],
    }
    problems = _problems(start=supine)
    assert any("thorax should touch the foam roller" in p or "sinks" in p for p in problems)


def test_a_ball_and_a_wall_beside_the_knee() -> None:
    ball = {"prop": "ball", "side": "left", "touching": ["left_knee"]}
    wall = {"prop": "wall", "side": "left", "touching": ["ball"]}
    assert _problems(start={**STANDING, "props": [ball, wall]}) == []


def test_exercise_reports_scene_problems_under_poses() -> None:
    data = exercise_data(poses={"start": {"contact": ["hands"]}})
    with pytest.raises(ValidationError) as caught:
        Exercise.model_validate(data)
    error = caught.value.errors()[0]
    assert error["loc"] == ("poses",) and "through the floor" in error["msg"]
