"""Settings over HTTP: the password, the data download, deleting the account, the calendar."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from .conftest import PASSWORD, csrf_of, onboard, sign_up

NEW_PASSWORD = "another long and rare passphrase"


def test_changing_the_password_keeps_this_browser_signed_in(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/settings").text)
    wrong = client.post(
        "/settings/password",
        data={"csrf_token": token, "current_password": "nope", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 422 and 'id="current_password-error"' in wrong.text
    weak = client.post(
        "/settings/password",
        data={"csrf_token": token, "current_password": PASSWORD, "new_password": "short"},
    )
    assert weak.status_code == 422 and 'id="new_password-error"' in weak.text
    changed = client.post(
        "/settings/password",
        data={"csrf_token": token, "current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.url.path == "/settings" and "Password changed" in changed.text
    assert "changed the password" in changed.text  # in the trail


def test_the_data_download_is_everything_as_json(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    download = client.get("/settings/export.json")
    assert download.headers["content-type"] == "application/json"
    assert download.headers["content-disposition"].startswith('attachment; filename="midback-')
    data = json.loads(download.text)
    assert data["user"]["email"] == "ada@example.org"
    assert len(data["assessments"]) == 1 and len(data["programs"]) == 1


def test_deleting_the_account_asks_for_the_password_first(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/settings/delete").text
    assert "cannot be undone" in page
    token = csrf_of(page)
    refused = client.post("/settings/delete", data={"csrf_token": token, "password": "nope"})
    assert refused.status_code == 422 and "That is not your password." in refused.text
    gone = client.post("/settings/delete", data={"csrf_token": token, "password": PASSWORD})
    assert gone.url.path == "/" and "were deleted" in gone.text
    assert client.get("/today", follow_redirects=False).status_code == 303
    other = TestClient(client.app, headers={"Accept": "text/html"})
    login = csrf_of(other.get("/login").text)
    again = other.post("/login", data={"email": "ada@example.org", "password": PASSWORD,
                                       "csrf_token": login})  # fmt: skip
    assert again.status_code == 401


def test_settings_include_the_calendar_feed(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/settings").text
    assert 'id="calendar-feed"' in page and 'action="/settings/calendar"' in page
    assert 'name="next" value="/settings#calendar"' not in page  # no feed yet: nothing to revoke
