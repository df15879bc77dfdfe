"""Settings' "Prepare my data export": the job runs in the background, the status polls, then
the page offers the download; nobody else can see it."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from .conftest import MakeClient, csrf_of, sign_up

HX = {"HX-Request": "true"}


def wait_ready(client: TestClient, url: str) -> str:
    deadline = time.monotonic() + 30
    while True:
        fragment = client.get(url, headers=HX)
        assert fragment.status_code == 200
        if "hx-trigger" not in fragment.text:
            return fragment.text
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_the_button_prepares_the_file_and_offers_the_download(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/settings").text
    assert "Prepare my data export" in page and 'hx-post="/settings/exports"' in page
    token = csrf_of(page)
    started = client.post("/settings/exports", data={"csrf_token": token}, headers=HX)
    assert started.status_code == 200
    assert 'id="export-status"' in started.text and "<html" not in started.text
    ready = wait_ready(client, "/settings/exports/1")
    assert "Your data file is ready." in ready
    assert 'href="/settings/exports/1/file"' in ready
    download = client.get("/settings/exports/1/file")
    assert download.headers["content-disposition"].startswith("attachment")
    assert json.loads(download.content)["format"] == "midback-export"


def test_without_scripts_the_form_leads_to_the_status_page(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/settings").text)
    started = client.post("/settings/exports", data={"csrf_token": token})
    assert started.url.path == "/settings/exports/1"
    assert "Your data file" in started.text and "<html" in started.text


def test_the_form_needs_the_csrf_token(client: TestClient) -> None:
    sign_up(client)
    refused = client.post("/settings/exports", data={}, headers=HX)
    assert refused.status_code in (400, 403)


def test_another_account_gets_not_found(make_client: MakeClient) -> None:
    client = make_client()
    sign_up(client)
    token = csrf_of(client.get("/settings").text)
    client.post("/settings/exports", data={"csrf_token": token})
    wait_ready(client, "/settings/exports/1")
    other = TestClient(client.app, headers={"Accept": "text/html"})
    sign_up(other, "bob@example.org")
    assert other.get("/settings/exports/1").status_code == 404
    assert other.get("/settings/exports/1/file").status_code == 404
