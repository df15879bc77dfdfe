"""The camera coach on the pages: the player gets the camera specs, the feedback form carries
what the camera counted, and Progress shows it as its own labelled, indicative series."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from .conftest import feedback_form, sign_up
from .test_content_pages import island


def test_the_player_gets_camera_specs_only_for_exercises_the_camera_follows(
    client: TestClient,
) -> None:
    data = island(client.get("/play?exercises=wall-angel,open-book").text)
    by_id = {item["exercise_id"]: item for item in data["items"]}
    assert by_id["wall-angel"]["camera"]["track"]["measure"] == "arm_elevation"
    assert by_id["open-book"]["camera"] is None
    assert data["camera_files"]["model"].startswith(
        "/static/vendor/mediapipe/pose_landmarker_lite.task?v="
    )


def test_what_the_camera_counted_is_logged_and_shown_apart_on_progress(
    client: TestClient,
) -> None:
    sign_up(client)
    player = client.get("/play/wall-angel")
    assert "Use camera" in player.text
    form = feedback_form(player.text)
    results = json.loads(form["results"])
    results[0]["camera"] = [
        {"set": 1, "measure": "arm_elevation", "reps": 10, "reached_deg": 147.5},
        {"set": 2, "measure": "arm_elevation", "reps": 8, "reached_deg": 150.5},
    ]
    form["results"] = json.dumps(results)
    assert "Saved to your history." in client.post("/play/done", data=form).text
    progress = client.get("/progress").text
    assert "What the camera saw" in progress
    assert "Indicative, not a clinical measurement" in progress
    section = progress.split("What the camera saw", 1)[1]
    assert "Wall angel" in section and "149" in section and "Arm elevation" in section


def test_progress_has_no_camera_section_without_camera_readings(client: TestClient) -> None:
    sign_up(client)
    assert "What the camera saw" not in client.get("/progress").text
