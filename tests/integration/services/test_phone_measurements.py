"""Angles measured with the phone are stored with their trials and device class, and steer the
plan like typed ones (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from midback.content.loader import Content
from midback.domain.phone_measure import PhoneMeasurementInput
from midback.services import assessments
from midback.services.errors import InvalidInput
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security
from midback.storage.uow import Storage

from .test_training import started

PIXEL = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131 Mobile Safari"


def body(**overrides: object) -> PhoneMeasurementInput:
    data: dict[str, object] = {
        "protocol": "seated_rotation",
        "variant": "stick",
        "api": "sensor",
        "results": [
            {"side": "left", "trials": [40.04, 43.5, -41.0]},
            {"side": "right", "trials": [30, 31, 32]},
        ],
    }
    data.update(overrides)
    return PhoneMeasurementInput.model_validate(data)


def test_a_phone_result_is_stored_with_its_trials_and_reaches_the_plan(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    records = assessments.add_phone_measurements(
        storage.unit_of_work(),
        builtin_content,
        user_id,
        body(),
        user_agent=PIXEL,
        recorded_by=user_id,
    )
    left, right = records
    assert (left.method, left.trials, left.degrees) == ("phone", (40.0, 43.5, 41.0), 41.5)
    assert (right.degrees, right.device) == (31.0, "android/sensor")
    stored = assessments.measurements_of(storage.unit_of_work(read_only=True), user_id)
    assert [m for m in stored if m.method == "phone"] == records
    assert all(m.method == "typed" and m.trials == () for m in stored if m not in records)
    found = current_plan(
        storage.unit_of_work(read_only=True), builtin_content, PlanCache(), user_id
    )
    assert found is not None
    # The example profile typed 38° left and 24° right: the phone's 31° right is beyond the MDC.
    changes = {(c.side, c.before, c.after, c.within_error) for c in found.plan.assessment.changes}
    assert changes == {("left", 38, 41.5, True), ("right", 24, 31, False)}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"variant": "armband"}, "variant"),
        ({"results": [{"side": "left", "trials": [40, 41]}]}, "results.0.trials"),
        ({"results": [{"side": "both", "trials": [40, 41, 42]}]}, "results.0.side"),
        ({"results": [{"side": "left", "trials": [40, 41, 142]}]}, "results.0.trials"),
        ({"protocol": "no_such_test"}, "protocol"),
    ],
)
def test_a_phone_result_that_does_not_fit_its_protocol_is_refused(
    storage: Storage,
    security: Security,
    builtin_content: Content,
    overrides: dict[str, object],
    field: str,
) -> None:
    user_id = started(storage, security, builtin_content)
    with pytest.raises(InvalidInput) as error:
        assessments.add_phone_measurements(
            storage.unit_of_work(),
            builtin_content,
            user_id,
            body(**overrides),
            user_agent=PIXEL,
            recorded_by=user_id,
        )
    assert field in [f.field for f in error.value.fields]
