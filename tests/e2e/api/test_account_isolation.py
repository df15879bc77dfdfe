"""A deleted account's data never reaches the account created after it (ids, caches)."""

from __future__ import annotations

from typing import Any

from tests.e2e.api.conftest import PASSWORD, Api, Person
from tests.support.training import profile


def register(api: Api, email: str) -> Person:
    """Sign up over HTTP and log in."""
    created = api.client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    return api.log_in(email)


def delete(api: Api, person: Person) -> None:
    """Delete the account over HTTP (the password confirms it)."""
    response = api.delete_account(person)
    assert response.status_code == 204, response.text


def start(api: Api, person: Person, **overrides: Any) -> None:
    """Save a profile and start a program."""
    saved = api.client.post("/api/v1/assessments", json=profile(**overrides), headers=person.auth)
    assert saved.status_code == 201, saved.text
    created = api.client.post("/api/v1/programs", headers=person.auth)
    assert created.status_code == 201, created.text


def test_a_new_account_never_gets_a_deleted_accounts_program(tapi: Api) -> None:
    x = register(tapi, "x@example.org")
    start(tapi, x, precautions=["osteoporosis"], days_per_week=5)
    seen = tapi.client.get("/api/v1/programs/current", headers=x.auth)
    assert "osteoporosis" in seen.text
    delete(tapi, x)

    y = register(tapi, "y@example.org")
    assert y.id != x.id, "an id was reused"
    start(tapi, y, precautions=[], days_per_week=3)
    current = tapi.client.get("/api/v1/programs/current", headers=y.auth)
    assert current.status_code == 200
    assert "osteoporosis" not in current.text
    days = {s["date"] for w in current.json()["plan"]["weeks"] for s in w["sessions"]}
    assert len(days) <= 3 * 8


def test_ids_are_not_reused_after_a_delete(api: Api) -> None:
    for round_ in range(3):
        person = register(api, f"p{round_}@example.org")
        ids = {person.id}
        delete(api, person)
        again = register(api, f"q{round_}@example.org")
        assert again.id not in ids
