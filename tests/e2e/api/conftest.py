"""An API client on a fresh database (SQLite, then PostgreSQL) and helpers to act as people."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.support.databases import make_settings

from midback.config import Settings
from midback.content.loader import Content
from midback.domain.accounts import Role
from midback.domain.library import ExerciseLibrary
from midback.services import accounts
from midback.services.security import Security
from midback.storage.uow import Storage
from midback.web.app import create_app

PASSWORD = "a long and rare passphrase"
NO_CONTENT = Content(ExerciseLibrary([]))


@dataclass
class Person:
    """Someone with an account and a bearer token."""

    id: int
    email: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        """Headers that authenticate as this person."""
        return {"Authorization": f"Bearer {self.token}"}


class Api:
    """A TestClient plus shortcuts to make people; `storage` reaches the database directly."""

    def __init__(self, client: TestClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.storage: Storage = client.app.state.storage  # type: ignore[attr-defined]

    def person(self, email: str, role: Role = Role.MEMBER) -> Person:
        """Create an account with `role` and log it in over HTTP."""
        security = Security.from_settings(self.settings)
        accounts.create_user(
            self.storage.unit_of_work(), security, email=email, password=PASSWORD, role=role
        )
        return self.log_in(email)

    def log_in(self, email: str, password: str = PASSWORD) -> Person:
        """Log in over HTTP; fails the test unless it works."""
        response = self.client.post(
            "/api/v1/auth/login", json={"email": email, "password": password}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        return Person(body["user"]["id"], body["user"]["email"], body["access_token"])

    def delete_account(self, person: Person, password: str = PASSWORD) -> Any:
        """DELETE /api/v1/me with the password that confirms it; returns the response."""
        return self.client.request(
            "DELETE", "/api/v1/me", json={"password": password}, headers=person.auth
        )


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """Check the status and the one error shape; returns the error object."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return error


MakeApi = Callable[..., Api]


@pytest.fixture
def make_api(database_url: str, tmp_path: Path) -> Iterator[MakeApi]:
    """Start apps on the test database with setting overrides; each is stopped afterwards."""
    clients: list[TestClient] = []

    def make(content: Content = NO_CONTENT, **overrides: Any) -> Api:
        settings = make_settings(database_url, tmp_path / "data", **overrides)
        client = TestClient(create_app(settings, content=content), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return Api(client, settings)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def api(make_api: MakeApi) -> Api:
    """An app with the test settings."""
    return make_api()


@pytest.fixture
def tapi(make_api: MakeApi, builtin_content: Content) -> Api:
    """An app with the built-in content (exercises, protocols, programs)."""
    return make_api(content=builtin_content)
