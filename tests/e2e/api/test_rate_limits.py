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
