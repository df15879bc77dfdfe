"""A browser-like HTTP client for the pages, on a fresh SQLite database."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.support.databases import make_settings

from midback.web.app import create_app

HTML = {"Accept": "text/html"}
PASSWORD = "a long and rare passphrase"
MakeClient = Callable[..., TestClient]


def csrf_of(html: str) -> str:
    """The CSRF token rendered into a page's forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    """Start apps with setting overrides; each is stopped afterwards."""
    clients: list[TestClient] = []

    def make(base_url: str = "http://testserver", **overrides: Any) -> TestClient:
        data = tmp_path / f"data{len(clients)}"
        settings = make_settings(
            f"sqlite:///{tmp_path / f'db{len(clients)}.sqlite'}", data, **overrides
        )
        client = TestClient(create_app(settings), base_url=base_url, headers=HTML)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A client on the default test settings."""
    return make_client()


def sign_up(client: TestClient, email: str = "ada@example.org") -> None:
    """Create an account through the sign-up form; the client keeps the session cookie."""
    token = csrf_of(client.get("/signup").text)
    response = client.post(
        "/signup",
        data={"email": email, "password": PASSWORD, "disclaimer": "yes", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
