"""Every error has the same JSON shape and the right status; big bodies are refused."""

from __future__ import annotations

from collections.abc import Iterator

from .conftest import PASSWORD, Api, MakeApi, assert_error

MIB = 1024 * 1024


def test_validation_errors_list_each_field(api: Api) -> None:
    response = api.client.post("/api/v1/auth/register", json={"email": "a@example.org"})
    error = assert_error(response, 422, "invalid_input")
    assert error["fields"] == [{"field": "password", "message": "Field required"}]
    extra = api.client.post(
        "/api/v1/auth/login", json={"email": "a@example.org", "password": PASSWORD, "admin": True}
    )
    assert assert_error(extra, 422, "invalid_input")["fields"][0]["field"] == "admin"


def test_malformed_json_is_a_422(api: Api) -> None:
    response = api.client.post(
        "/api/v1/auth/login", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 422, "invalid_input")


def test_unknown_paths_and_methods(api: Api) -> None:
    assert_error(api.client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(api.client.get("/api/v1/auth/login"), 405, "method_not_allowed")


def test_a_body_announced_over_1_mib_is_refused_unread(api: Api) -> None:
    response = api.client.post(
        "/api/v1/auth/login",
        content=b"x" * (MIB + 1),
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 413, "payload_too_large")


def test_a_streamed_body_growing_past_1_mib_is_refused(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(17):
            yield b" " * (64 * 1024)

    response = api.client.post(
        "/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_error(response, 413, "payload_too_large")


def test_a_body_just_under_the_limit_is_read(api: Api) -> None:
    body = b'{"email": "a@example.org", "password": "' + b"x" * (MIB - 100) + b'"}'
    response = api.client.post(
        "/api/v1/auth/login", content=body, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 422, "invalid_input")  # too long a password, but read and parsed


def test_unexpected_failures_are_a_json_500_without_details(make_api: MakeApi) -> None:
    api = make_api()

    def explode() -> None:
        raise RuntimeError("secret internals")

    api.client.app.add_api_route("/api/v1/explode", explode)  # type: ignore[attr-defined]
    response = api.client.get("/api/v1/explode")
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in error["message"]


def test_hosts_outside_the_allowed_list_are_refused(make_api: MakeApi) -> None:
    api = make_api(allowed_hosts=["midback.example.org"])
    assert api.client.get("/healthz").status_code == 400
    allowed = api.client.get("/healthz", headers={"Host": "midback.example.org"})
    assert allowed.status_code == 200
