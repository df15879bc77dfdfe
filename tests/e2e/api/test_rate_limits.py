"""Login rate limiting over HTTP: 429 with Retry-After, per account and per address."""

from __future__ import annotations

from .conftest import PASSWORD, Api, MakeApi, assert_error


def _login(api: Api, email: str, password: str) -> int:
    body = {"email": email, "password": password}
    return api.client.post("/api/v1/auth/login", json=body).status_code


def test_five_failures_then_429_even_with_the_right_password(api: Api) -> None:
    api.person("ada@example.org")
    assert [_login(api, "ada@example.org", "wrong guess") for _ in range(5)] == [401] * 5
    response = api.client.post(
        "/api/v1/auth/login", json={"email": "ada@example.org", "password": PASSWORD}
    )
    assert_error(response, 429, "rate_limited")
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60


def test_an_address_guessing_many_accounts_is_stopped(make_api: MakeApi) -> None:
    api = make_api(login_max_failures_per_address=4)
    api.person("ada@example.org")
    codes = [_login(api, f"user{n}@example.org", "wrong guess") for n in range(4)]
    assert codes == [401] * 4
    assert _login(api, "ada@example.org", PASSWORD) == 429


def test_limits_hold_across_app_instances(make_api: MakeApi) -> None:
    """Counts live in the database, so every worker process sees them."""
    first, second = make_api(), make_api()
    first.person("ada@example.org")
    for api in (first, second, first, second, first):
        assert _login(api, "ada@example.org", "wrong guess") == 401
    assert _login(second, "ada@example.org", PASSWORD) == 429


def test_sign_ups_from_one_address_are_limited(make_api: MakeApi) -> None:
    """409 tells whether an email has an account; the limit keeps that from being mass-asked."""
    api = make_api(register_max_per_address=3)
    url = "/api/v1/auth/register"
    codes = [
        api.client.post(url, json={"email": f"p{n}@example.org", "password": PASSWORD}).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 201]
    taken = api.client.post(url, json={"email": "p0@example.org", "password": PASSWORD})
    response = assert_error(taken, 429, "rate_limited")
    assert response["message"]


def test_a_wrong_current_password_is_limited_like_a_login(api: Api) -> None:
    ada = api.person("ada@example.org")
    body = {"current_password": "a wrong guess", "new_password": "another rare passphrase"}
    for _ in range(5):
        wrong = api.client.post("/api/v1/auth/password", json=body, headers=ada.auth)
        assert wrong.status_code == 422
    right = {**body, "current_password": PASSWORD}
    limited = api.client.post("/api/v1/auth/password", json=right, headers=ada.auth)
    assert_error(limited, 429, "rate_limited")
