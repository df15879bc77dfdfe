"""The Python reference against the shared fixtures (the browser's maths reads the same file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from midback.domain.inclinometer import (
    Axis,
    Quaternion,
    Sample,
    TiltUnreadable,
    combine_trials,
    steadiness,
    tilt_about,
    twist_about_vertical,
    two_point,
)

FIXTURES = json.loads(
    (Path(__file__).resolve().parents[2] / "fixtures" / "inclinometer.json").read_text()
)


def _q(raw: dict[str, float]) -> Quaternion:
    return Quaternion(raw["x"], raw["y"], raw["z"], raw["w"])


def _v(raw: list[float]) -> tuple[float, float, float]:
    return (raw[0], raw[1], raw[2])


def _names(cases: list[dict[str, Any]]) -> list[str]:
    return [c.get("name", str(i)) for i, c in enumerate(cases)]


@pytest.mark.parametrize("case", FIXTURES["tilt"], ids=_names(FIXTURES["tilt"]))
def test_tilt_about_a_phone_axis(case: dict[str, Any]) -> None:
    got = tilt_about(_v(case["start"]), _v(case["now"]), Axis(case["axis"]))
    assert got == pytest.approx(case["expected"], abs=0.01)


@pytest.mark.parametrize("case", FIXTURES["unreadable"], ids=_names(FIXTURES["unreadable"]))
def test_a_flat_phone_cannot_read_a_turn_about_the_vertical(case: dict[str, Any]) -> None:
    with pytest.raises(TiltUnreadable):
        tilt_about(_v(case["start"]), _v(case["now"]), Axis(case["axis"]))


@pytest.mark.parametrize("case", FIXTURES["twist"], ids=_names(FIXTURES["twist"]))
def test_twist_about_the_vertical(case: dict[str, Any]) -> None:
    got = twist_about_vertical(_q(case["start"]), _q(case["now"]))
    assert got == pytest.approx(case["expected"], abs=0.01)


@pytest.mark.parametrize("case", FIXTURES["two_point"], ids=_names(FIXTURES["two_point"]))
def test_two_point_range(case: dict[str, Any]) -> None:
    upper = (_v(case["upper"][0]), _v(case["upper"][1]))
    lower = (_v(case["lower"][0]), _v(case["lower"][1]))
    assert two_point(upper, lower, Axis(case["axis"])) == pytest.approx(case["expected"], abs=0.01)


@pytest.mark.parametrize("case", FIXTURES["device_orientation"])
def test_device_orientation_angles_as_a_quaternion(case: dict[str, Any]) -> None:
    got = Quaternion.from_device_orientation(case["alpha"], case["beta"], case["gamma"])
    assert got.angle_to(_q(case["expected"])) < 1e-4


@pytest.mark.parametrize("case", FIXTURES["steadiness"], ids=_names(FIXTURES["steadiness"]))
def test_steadiness(case: dict[str, Any]) -> None:
    samples = [Sample(t, d) for t, d in case["samples"]]
    found = steadiness(samples, FIXTURES["hold_s"], FIXTURES["tolerance"])
    assert found.still is case["still"]
    if case["value"] is None:
        assert found.value is None
    else:
        assert found.value == pytest.approx(case["value"], abs=1e-6)


@pytest.mark.parametrize("case", FIXTURES["trials"])
def test_trials_combine_as_their_mean(case: dict[str, Any]) -> None:
    summary = combine_trials(case["trials"])
    assert summary.mean == pytest.approx(case["mean"])
    assert summary.spread == pytest.approx(case["spread"])
    assert summary.count == len(case["trials"])


def test_the_fixtures_cover_every_kind() -> None:
    for kind in ("tilt", "unreadable", "twist", "two_point", "device_orientation", "steadiness"):
        assert len(FIXTURES[kind]) >= 1, kind
