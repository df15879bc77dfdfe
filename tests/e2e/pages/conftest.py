"""A browser-like HTTP client for the pages, on a fresh SQLite database."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from tests.support.databases import make_settings

from midback.content.loader import load_content
from midback.domain.accounts import Role
from midback.services import accounts
from midback.storage.uow import Storage
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


RED_FLAGS = [q.id.value for q in load_content().safety().screen.asked()]
"""Every health-check question onboarding asks (the screen's content decides them)."""
ANSWERS: dict[str, dict[str, Any]] = {
    "day": {"sitting": "9", "age": "44"},
    "activity": {"activity": "30"},
    "time": {"minutes": "15", "days": "5"},
    "equipment": {"chair": "yes", "equipment": ["stick"]},
    "positions": {"avoid": ["kneeling"]},
    "pain": {"pain": "3", "regions": ["mid_back"]},
    "health": dict.fromkeys(RED_FLAGS, "no"),
    "precautions": {},
    "measure": {"m-seated_rotation-left": "38", "m-seated_rotation-right": "24"},
    "confirm": {"disclaimer": "yes"},
}
"""Onboarding answers, step by step: a desk worker who finds kneeling hard."""


def onboard(client: TestClient, until: str = "", **changes: dict[str, Any]) -> Response:
    """Answer the onboarding steps through the forms, all of them or those before `until`
    (`changes` replace a step's answers)."""
    token = csrf_of(client.get("/onboarding/day").text)
    response: Response | None = None
    for step, answers in {**ANSWERS, **changes}.items():
        if step == until:
            break
        response = client.post(
            f"/onboarding/{step}", data={**answers, "csrf_token": token}, follow_redirects=False
        )
        assert response.status_code == 303, (step, response.text)
        if "see-a-clinician" in response.headers["location"]:
            break
    assert response is not None
    return response


def storage_of(client: TestClient) -> Storage:
    """The app's database."""
    storage: Storage = client.app.state.storage  # type: ignore[attr-defined]
    return storage


def make_clinician(client: TestClient, email: str = "sam@example.org") -> None:
    """Sign up (in this client) and give the account the clinician role."""
    sign_up(client, email)
    accounts.set_role(storage_of(client).unit_of_work(), email=email, role=Role.CLINICIAN)


def feedback_form(page: str, **fields: str) -> dict[str, str]:
    """The feedback form of a player page, answered (pain 2, effort 4 unless given)."""

    def hidden(name: str) -> str:
        found = re.search(rf'name="{name}"(?: id="\w+")? value="([^"]*)"', page)
        assert found, name
        return html.unescape(found.group(1))

    names = ("session_key", "exercises", "planned_session", "routine_id", "results")
    form = {name: hidden(name) for name in names}
    return {**form, "csrf_token": csrf_of(page), "pain_during": "2", "difficulty": "4", **fields}
