"""Register, log in, use and lose bearer tokens, change and reset passwords over HTTP."""

from __future__ import annotations

from sqlalchemy import text

from midback.services import accounts
from midback.services.security import Security

from .conftest import PASSWORD, Api, assert_error


def test_register_log_in_and_see_yourself(api: Api) -> None:
    created = api.client.post(
        "/api/v1/auth/register", json={"email": "Ada@Example.org", "password": PASSWORD}
    )
    assert created.status_code == 201
    assert created.json()["email"] == "ada@example.org"
    assert created.json()["role"] == "member"
    assert "password" not in created.text and "argon2" not in created.text
    login = api.client.post(
        "/api/v1/auth/login", json={"email": "ADA@example.org", "password": PASSWORD}
    )
    assert login.status_code == 200
    body = login.json()
    assert body["token_type"] == "bearer" and len(body["access_token"]) >= 40
    me = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json() == created.json()


def test_sign_up_refusals_name_the_field(api: Api) -> None:
    api.person("ada@example.org")
    taken = api.client.post(
        "/api/v1/auth/register", json={"email": "ADA@example.org", "password": PASSWORD}
    )
    assert assert_error(taken, 409, "conflict")["fields"][0]["field"] == "email"
    for password in ("short", "password123", "qwertyuiop"):
        weak = api.client.post(
            "/api/v1/auth/register", json={"email": "bob@example.org", "password": password}
        )
        assert assert_error(weak, 422, "invalid_input")["fields"][0]["field"] == "password"
    bad = api.client.post("/api/v1/auth/register", json={"email": "bob", "password": PASSWORD})
    assert assert_error(bad, 422, "invalid_input")["fields"][0]["field"] == "email"


def test_requests_without_a_valid_token_get_401(api: Api) -> None:
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic eDp5"}):
        response = api.client.get("/api/v1/me", headers=headers)
        assert_error(response, 401, "not_authenticated")
        assert response.headers["WWW-Authenticate"] == "Bearer"
    wrong = api.client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.org", "password": PASSWORD}
    )
    assert_error(wrong, 401, "invalid_credentials")


def test_logout_revokes_only_that_token(api: Api) -> None:
    first = api.person("ada@example.org")
    second = api.log_in("ada@example.org")
    assert api.client.post("/api/v1/auth/logout", headers=first.auth).status_code == 204
    assert_error(api.client.get("/api/v1/me", headers=first.auth), 401, "not_authenticated")
    assert api.client.get("/api/v1/me", headers=second.auth).status_code == 200


def test_expired_tokens_are_refused(api: Api) -> None:
    ada = api.person("ada@example.org")
    assert api.client.get("/api/v1/me", headers=ada.auth).status_code == 200
    with api.storage.engine.begin() as connection:
        connection.execute(text("UPDATE api_tokens SET expires_at = created_at"))
    assert_error(api.client.get("/api/v1/me", headers=ada.auth), 401, "not_authenticated")


def test_token_use_is_recorded(api: Api) -> None:
    ada = api.person("ada@example.org")
    api.client.get("/api/v1/me", headers=ada.auth)
    with api.storage.engine.connect() as connection:
        used = connection.execute(text("SELECT last_used_at FROM api_tokens")).scalar_one()
    assert used is not None


def test_changing_the_password(api: Api) -> None:
    ada = api.person("ada@example.org")
    elsewhere = api.log_in("ada@example.org")
    url = "/api/v1/auth/password"
    wrong = api.client.post(
        url, headers=ada.auth, json={"current_password": "nope", "new_password": "x" * 12}
    )
    assert assert_error(wrong, 422, "invalid_input")["fields"][0]["field"] == "current_password"
    new = "another rare passphrase"
    changed = api.client.post(
        url, headers=ada.auth, json={"current_password": PASSWORD, "new_password": new}
    )
    assert changed.status_code == 204
    assert api.client.get("/api/v1/me", headers=ada.auth).status_code == 200
    assert_error(api.client.get("/api/v1/me", headers=elsewhere.auth), 401, "not_authenticated")
    assert api.log_in("ada@example.org", new)


def test_resetting_a_password_with_an_admin_token(api: Api) -> None:
    ada = api.person("ada@example.org")
    security = Security.from_settings(api.settings)
    token = accounts.issue_reset_token(
        api.storage.unit_of_work(), security, email="ada@example.org"
    )
    new = "a brand new passphrase"
    url = "/api/v1/auth/password/reset"
    assert api.client.post(url, json={"token": token, "new_password": new}).status_code == 204
    again = api.client.post(url, json={"token": token, "new_password": new})
    assert assert_error(again, 422, "invalid_input")["fields"][0]["field"] == "token"
    assert_error(api.client.get("/api/v1/me", headers=ada.auth), 401, "not_authenticated")
    assert api.log_in("ada@example.org", new)


def test_deleting_your_account_needs_your_password(api: Api) -> None:
    ada = api.person("ada@example.org")
    assert_error(api.client.delete("/api/v1/me", headers=ada.auth), 422, "invalid_input")
    wrong = assert_error(api.delete_account(ada, "not my password"), 422, "invalid_input")
    assert wrong["fields"][0]["field"] == "password"
    for _ in range(4):
        api.delete_account(ada, "not my password")
    assert_error(api.delete_account(ada), 429, "rate_limited")
    assert api.client.get("/api/v1/me", headers=ada.auth).status_code == 200


def test_deleting_your_account_erases_you(api: Api) -> None:
    ada = api.person("ada@example.org")
    bob = api.person("bob@example.org")
    assert api.delete_account(ada).status_code == 204
    assert_error(api.client.get("/api/v1/me", headers=ada.auth), 401, "not_authenticated")
    login = api.client.post(
        "/api/v1/auth/login", json={"email": "ada@example.org", "password": PASSWORD}
    )
    assert_error(login, 401, "invalid_credentials")
    with api.storage.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM api_tokens")).scalar_one() == 1
        assert connection.execute(text("SELECT email FROM users")).scalars().all() == [bob.email]
