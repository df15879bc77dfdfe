"""The illustration of an exercise over HTTP, and on its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from midback.config import Settings
from midback.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(data_dir=tmp_path)))


def test_illustration_is_served_as_svg(client: TestClient) -> None:
    response = client.get("/exercises/wall-angel/illustration.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "<title" in response.text and "@keyframes" not in response.text


def test_animated_illustration(client: TestClient) -> None:
    response = client.get("/exercises/wall-angel/illustration.svg?animated=1")
    assert response.status_code == 200
    assert "@keyframes" in response.text and "prefers-reduced-motion" in response.text


def test_unknown_exercise_has_no_illustration(client: TestClient) -> None:
    assert client.get("/exercises/nope/illustration.svg").status_code == 404


def test_exercise_page_shows_the_illustration_with_a_text_alternative(client: TestClient) -> None:
    page = client.get("/exercises/wall-angel")
    assert (
        '<img src="/exercises/wall-angel/illustration.svg?animated=1" alt="Wall angel' in page.text
    )
