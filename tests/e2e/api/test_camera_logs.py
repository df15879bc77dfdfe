"""Sets the camera counted travel through the log API, storage (SQLite and PostgreSQL) and the
progress report, kept apart from measurements."""

from __future__ import annotations

from tests.e2e.api.conftest import Api
from tests.e2e.api.test_training import post_log
from tests.support.training import log_body, today

CAMERA_ITEM = {
    "exercise": "wall-angel",
    "sets_done": 2,
    "reps_done": 10,
    "camera": [
        {"set": 1, "measure": "arm_elevation", "reps": 10, "reached_deg": 148.5},
        {"set": 2, "measure": "arm_elevation", "reps": 9, "reached_deg": 151.0},
    ],
}


def test_camera_sets_are_stored_and_read_back(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    body = log_body(
        today(), items=[CAMERA_ITEM, {"exercise": "open-book", "sets_done": 1, "reps_done": 8}]
    )
    created = post_log(tapi, ada, body, "cam-1")
    assert created.status_code == 201, created.text
    logs = tapi.client.get("/api/v1/logs", headers=ada.auth).json()
    items = logs[0]["items"]
    assert items[0]["camera"] == CAMERA_ITEM["camera"]
    assert items[1]["camera"] == []


def test_a_camera_range_outside_0_to_180_is_refused(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    bad = {
        **CAMERA_ITEM,
        "camera": [{"set": 1, "measure": "arm_elevation", "reps": 3, "reached_deg": 400}],
    }
    refused = post_log(tapi, ada, log_body(today(), items=[bad]), "cam-2")
    assert refused.status_code == 422
