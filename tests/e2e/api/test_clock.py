"""The app tells the time by the clock it was made with: tests move it instead of editing rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.e2e.api.conftest import NO_CONTENT, PASSWORD, assert_error
from tests.support.databases import make_settings

from midback.clock import MovableClock
from midback.domain.accounts import Role
from midback.services import accounts
from midback.services.security import Security
from midback.web.app import create_app

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


@pytest.fixture
def client(database_url: str, tmp_path: Path, clock: MovableClock) -> Iterator[TestClient]:
    settings = make_settings(database_url, tmp_path / "data")
    app = create_app(settings, content=NO_CONTENT, clock=clock)
    assert app.state.clock is clock and app.state.storage.clock is clock
    with TestClient(app, raise_server_exceptions=False) as client:
        security = Security.from_settings(settings)
        accounts.create_user(
            app.state.storage.unit_of_work(),
            security,
            email="ada@example.org",
            password=PASSWORD,
            role=Role.MEMBER,
        )
        yield client


def test_a_token_expires_when_the_clock_passes_its_lifetime(
    client: TestClient, clock: MovableClock
) -> None:
    login = {"email": "ada@example.org", "password": PASSWORD}
    answer = client.post("/api/v1/auth/login", json=login)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    expires = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert expires == START + timedelta(days=30)  # the app's clock, not the wall clock
    clock.set(expires - timedelta(seconds=1))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    clock.advance(timedelta(seconds=2))
    assert_error(client.get("/api/v1/me", headers=headers), 401, "not_authenticated")
