"""The minimal web library over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from midback.config import Settings
from midback.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(data_dir=tmp_path)))


def test_library_lists_every_exercise(client: TestClient) -> None:
    page = client.get("/library")
    assert page.status_code == 200
    assert page.text.count('class="card"') >= 40
    assert "not medical advice" in page.text


def test_exercise_page_and_links(client: TestClient) -> None:
    page = client.get("/exercises/wall-angel")
    assert page.status_code == 200
    assert "How to do it" in page.text and 'href="/exercises/wall-angel-lift-off"' in page.text


def test_unknown_exercise_is_404(client: TestClient) -> None:
    assert client.get("/exercises/nope").status_code == 404


def test_api_filters_and_detail(client: TestClient) -> None:
    found = client.get("/api/v1/exercises", params={"target": "rotation", "q": "kneeling"}).json()
    assert found and all("rotation" in e["targets"] for e in found)
    assert client.get("/api/v1/exercises/open-book").json()["per_side"] is True
    assert client.get("/api/v1/exercises", params={"level": 9}).status_code == 422
