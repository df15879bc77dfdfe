"""Phone results against the protocol's method, the device class, and which ways a person can
measure (positions and equipment respected)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from midback.content.loader import load_content
from midback.domain.phone_measure import (
    PhoneMeasurementInput,
    device_class,
    doable_variants,
    phone_readings,
)
from midback.domain.profile import Profile

PROTOCOLS = load_content().protocols
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "profile.json"


@pytest.mark.parametrize(
    ("agent", "api", "expected"),
    [
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148", "event",
         "iphone/event"),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131 Mobile Safari", "sensor",
         "android/sensor"),
        ("Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/131 Safari", "sensor",
         "android-tablet/sensor"),
        ("Mozilla/5.0 (X11; Linux x86_64) Chrome/156", "sensor", "desktop/sensor"),
    ],
)  # fmt: skip
def test_the_device_class_is_coarse(agent: str, api: str, expected: str) -> None:
    assert device_class(agent, api) == expected  # type: ignore[arg-type]


def test_the_stored_angle_is_the_mean_of_the_trials_rounded() -> None:
    body = PhoneMeasurementInput(
        protocol="standing_extension",
        variant="partner",
        api="sensor",
        results=[{"side": "both", "trials": [10.04, 12.0, -11.0]}],  # type: ignore[list-item]
    )
    readings, problems = phone_readings(body, PROTOCOLS, "desktop/sensor")
    assert problems == []
    assert [(r.degrees, r.trials) for r in readings] == [(11.0, (10.0, 12.0, 11.0))]


def test_a_side_twice_is_a_problem() -> None:
    body = PhoneMeasurementInput.model_validate(
        {
            "protocol": "seated_rotation",
            "variant": "stick",
            "api": "sensor",
            "results": [{"side": "left", "trials": [1, 2, 3]}] * 2,
        }
    )
    readings, problems = phone_readings(body, PROTOCOLS, "desktop/sensor")
    assert readings == [] and [p.loc for p in problems] == [("results", 1, "side")]


def test_positions_avoided_and_missing_equipment_leave_ways_out() -> None:
    profile = Profile.model_validate(json.loads(EXAMPLE.read_text()))
    seated = [v.id for v in doable_variants(PROTOCOLS["seated_rotation"], profile)]
    assert seated == ["stick", "breastbone"]  # a chair and a stick
    no_stick = profile.model_copy(update={"equipment": ["chair"]})
    assert [v.id for v in doable_variants(PROTOCOLS["seated_rotation"], no_stick)] == ["breastbone"]
    assert "half_kneeling" in profile.positions_to_avoid
    assert doable_variants(PROTOCOLS["half_kneeling_rotation"], profile) == []
    kneels = profile.model_copy(update={"positions_to_avoid": []})
    assert [v.id for v in doable_variants(PROTOCOLS["half_kneeling_rotation"], kneels)] == ["stick"]
    assert len(doable_variants(PROTOCOLS["wall_angel_reach"], None)) == 2
