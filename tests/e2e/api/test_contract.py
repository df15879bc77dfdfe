"""The API's contract at its edge: who you are is checked before what you sent, dates are
dates (not numbers) within sensible bounds, and a member on a clinician route is forbidden."""

from __future__ import annotations

from tests.e2e.api.conftest import Api, assert_error
from tests.support.training import log_body, profile

from midback.domain.accounts import Role


def test_an_anonymous_bad_body_gets_401_not_422(api: Api) -> None:
    for body in ({"nonsense": True}, [1, 2]):
        response = api.client.post("/api/v1/logs", json=body, headers={"Idempotency-Key": "k"})
        assert_error(response, 401, "not_authenticated")
    broken = api.client.post(
        "/api/v1/logs",
        content=b"{not json",
        headers={"Idempotency-Key": "k", "Content-Type": "application/json"},
    )
    assert_error(broken, 401, "not_authenticated")
    bad_token = {"Authorization": "Bearer nope", "Idempotency-Key": "k"}
    unknown = api.client.post("/api/v1/logs", json={}, headers=bad_token)
    assert_error(unknown, 401, "not_authenticated")
    ada = api.person("ada@example.org")
    signed = api.client.post("/api/v1/logs", json={}, headers={**ada.auth, "Idempotency-Key": "k"})
    assert_error(signed, 422, "invalid_input")


def test_dates_are_dates_within_bounds(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    for on in ("0", "1", "false", "0001-01-01", "9999-12-31"):
        response = tapi.client.get("/api/v1/programs/today", params={"on": on}, headers=ada.auth)
        assert_error(response, 422, "invalid_input")
    for start in (0, False, "0001-01-01"):
        body = profile(start_date=start)
        response = tapi.client.post("/api/v1/assessments", json=body, headers=ada.auth)
        assert_error(response, 422, "invalid_input")
    for planned in ("0001-01-01", 0):
        body = log_body(planned_session=planned)
        response = tapi.client.post(
            "/api/v1/logs", json=body, headers={**ada.auth, "Idempotency-Key": f"k{planned}"}
        )
        assert_error(response, 422, "invalid_input")


def test_a_member_on_a_clinician_route_is_forbidden(api: Api) -> None:
    ada = api.person("ada@example.org")
    bob = api.person("bob@example.org")
    for method, path in (
        ("POST", "/api/v1/clinician/invites"),
        ("GET", "/api/v1/clinician/patients"),
        ("GET", f"/api/v1/clinician/patients/{bob.id}"),
        ("PUT", f"/api/v1/clinician/patients/{bob.id}/program"),
        ("POST", f"/api/v1/clinician/patients/{bob.id}/routines"),
    ):
        response = api.client.request(method, path, json={}, headers=ada.auth)
        assert_error(response, 403, "forbidden")
    clinician = api.person("sam@example.org", Role.CLINICIAN)
    assert api.client.get("/api/v1/clinician/patients", headers=clinician.auth).status_code == 200


def test_405_lists_every_allowed_method(api: Api) -> None:
    response = api.client.request("PATCH", "/api/v1/me")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert {"GET", "DELETE"} <= allowed and "PATCH" not in allowed


def test_the_schema_says_a_log_is_for_a_session_or_a_routine_not_both(api: Api) -> None:
    schema = api.client.get("/api/v1/openapi.json").json()["components"]["schemas"]["LogInput"]
    assert "not" in str(schema) or "oneOf" in str(schema) or "anyOf" in str(schema)
    assert "not both" in schema.get("description", "")


def test_true_and_false_are_not_numbers(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    for field in ("pain_during", "difficulty"):
        body = log_body(**{field: False})
        response = tapi.client.post(
            "/api/v1/logs", json=body, headers={**ada.auth, "Idempotency-Key": field}
        )
        assert_error(response, 422, "invalid_input")
    response = tapi.client.post(
        "/api/v1/assessments", json=profile(minutes_per_day=True), headers=ada.auth
    )
    assert_error(response, 422, "invalid_input")
