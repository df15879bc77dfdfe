"""A protocol's phone method: only what a phone's sensors can physically read is accepted."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from midback.domain.protocol_method import Method


def method(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "sensor": "gravity",
        "reading": "tilt",
        "turn_about": "horizontal",
        "position": "quadruped",
        "mdc": 6,
        "error": 5,
        "evidence": ["A made-up source for tests."],
        "variants": [
            {
                "id": "partner",
                "holder": "partner",
                "places": ["upper_back"],
                "axis": "x",
                "illustration": "open-book",
                "placement": "Flat on the upper back.",
                "start": "Still, at the start.",
                "read": "Turned, and held.",
            }
        ],
    }
    data.update(overrides)
    return data


def variant(**overrides: Any) -> dict[str, Any]:
    return {**method()["variants"][0], **overrides}


def reason(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as error:
        Method.model_validate(data)
    return str(error.value)


def test_a_valid_tilt_method_defaults_to_the_mean_of_three() -> None:
    found = Method.model_validate(method())
    assert (found.trials, found.combine) == (3, "mean")


def test_a_tilt_sensor_cannot_read_a_turn_about_the_vertical() -> None:
    assert "does not see it" in reason(method(turn_about="vertical"))


def test_a_turn_about_the_vertical_is_read_as_a_twist_of_the_orientation() -> None:
    twist = method(
        sensor="orientation",
        reading="twist",
        turn_about="vertical",
        variants=[variant(axis=None, places=["breastbone"])],
    )
    assert Method.model_validate(twist).sensor == "orientation"


def test_reading_and_sensor_must_agree() -> None:
    assert "needs sensor 'orientation'" in reason(method(reading="twist"))
    assert "needs sensor 'gravity'" in reason(method(sensor="orientation"))


def test_a_tilt_needs_the_phone_axis_and_a_twist_takes_none() -> None:
    assert "needs the phone axis" in reason(method(variants=[variant(axis=None)]))
    twist = method(sensor="orientation", reading="twist", turn_about="vertical")
    assert "takes no phone axis" in reason(twist)


def test_two_point_names_two_places() -> None:
    assert "takes 2 place(s)" in reason(method(reading="two_point"))
    two = method(reading="two_point", variants=[variant(places=["t1", "t12"])])
    assert Method.model_validate(two).reading == "two_point"


def test_a_self_variant_beside_a_partner_one_says_why_it_is_less_accurate() -> None:
    alone = variant(id="armband", holder="self")
    assert "less_accurate" in reason(method(variants=[variant(), alone]))
    marked = variant(id="armband", holder="self", less_accurate="The band slides.", error=8)
    found = Method.model_validate(method(variants=[variant(), marked]))
    assert found.error_of(found.variants[1]) == 8
    assert found.error_of(found.variants[0]) == 5


def test_variant_ids_differ() -> None:
    assert "must differ" in reason(method(variants=[variant(), variant()]))


def test_combining_other_than_the_mean_is_refused() -> None:
    assert "mean" in reason(method(combine="best"))
