"""Static files: hashed URLs are cached for a year, the pose model and runtime are served here."""

from __future__ import annotations

from fastapi.testclient import TestClient

from midback.web.pages.templating import static_url


def test_hashed_urls_are_immutable_and_plain_ones_revalidate(client: TestClient) -> None:
    hashed = client.get(static_url("vendor/mediapipe/vision_bundle.mjs"))
    assert hashed.status_code == 200
    assert hashed.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["content-type"].startswith("text/javascript")
    plain = client.get("/static/player.js")
    assert plain.headers["cache-control"] == "no-cache"


def test_the_pose_model_and_wasm_come_from_our_own_server(client: TestClient) -> None:
    wasm = client.get(static_url("vendor/mediapipe/vision_wasm_internal.wasm"))
    assert wasm.headers["content-type"] == "application/wasm"
    model = client.get(static_url("vendor/mediapipe/pose_landmarker_lite.task"))
    assert model.status_code == 200
    assert model.content[:2] == b"PK"  # a zip bundle: detector and landmark model
