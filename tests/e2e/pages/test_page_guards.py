"""The page guards and the one page error handler (web/pages/guards.py, web/pages/errors.py):
who is sent to log in, who is refused, forms without their CSRF token, and a service's error
answered with the same status the API gives it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from .conftest import HTML, PASSWORD, csrf_of, sign_up

MEMBER_PAGES = (
    "/today",
    "/routines",
    "/routines/1",
    "/progress",
    "/settings",
    "/settings/calendar",
    "/measure",
    "/onboarding/day",
    "/clinic",
    "/clinic/patients/1",
    "/routines/1/handout.pdf",
)
MEMBER_FORMS = (
    "/routines/1/delete",
    "/routines/1/share",
    "/today/pain",
    "/settings/links",
    "/clinic/invites",
    "/clinic/patients/1/program",
)
CLINICIAN_FORMS = (
    "/clinic/invites",
    "/clinic/patients/1/routine",
    "/clinic/patients/1/program",
)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_an_anonymous_visitor_goes_to_log_in_and_comes_back(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={quote(path, safe='')}"


def test_an_anonymous_form_goes_to_log_in_not_to_an_expired_form(client: TestClient) -> None:
    for path in MEMBER_FORMS:
        response = client.post(path, data={"csrf_token": "x"}, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == f"/login?next={quote(path, safe='')}"


def test_a_patient_is_refused_every_clinician_page_and_form(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/settings").text)
    for path in ("/clinic", "/clinic/patients/1"):
        page = client.get(path)
        assert page.status_code == 403 and "for clinician accounts" in page.text, path
    for path in CLINICIAN_FORMS:
        page = client.post(path, data={"csrf_token": token, "routine": "1"})
        assert page.status_code == 403 and "for clinician accounts" in page.text, path
    form = {"csrf_token": token, "rule": "night_pain", "clearance_on": "2026-12-01"}
    cleared = client.post("/clinic/patients/1/clearance", data=form)
    assert cleared.status_code == 404 and "No such patient." in cleared.text


@pytest.mark.parametrize("sent", [{}, {"csrf_token": ""}, {"csrf_token": "forged"}])
def test_a_form_without_its_csrf_token_is_refused(client: TestClient, sent: dict[str, str]) -> None:
    sign_up(client)
    for path in ("/settings/links", "/routines/new", "/today/pain", "/settings/calendar"):
        page = client.post(path, data={**sent, "code": "ABCD-EFGH", "op": "save"})
        assert page.status_code == 403, path
        assert "This form has expired or did not come from midback." in page.text
    assert "No clinician is linked." in client.get("/settings").text


def test_an_anonymous_form_needs_its_token_too(client: TestClient) -> None:
    login = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert login.status_code == 403 and "This form has expired" in login.text


def test_a_service_error_in_a_page_has_the_status_the_api_gives_it(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/routines/99")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "No such routine." in page.text and "<h1" in page.text
    token = client.post(
        "/api/v1/auth/login", json={"email": "ada@example.org", "password": PASSWORD}
    ).json()["access_token"]
    api = TestClient(client.app).get(
        "/api/v1/routines/99", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status_code == page.status_code
    assert api.json()["error"]["message"] == "no such routine"


def test_an_unreadable_field_is_a_400_page_naming_what_to_fix(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/routines").text)
    page = client.post("/routines/add", data={"csrf_token": token, "exercise": "cat-cow",
                                              "routine": "12x"})  # fmt: skip
    assert page.status_code == 400 and "This is not something you can choose here." in page.text


def test_the_api_keeps_its_json_errors(client: TestClient) -> None:
    api = TestClient(client.app, headers=HTML).get("/api/v1/routines/1")
    assert api.status_code == 401 and api.json()["error"]["code"] == "not_authenticated"
