"""Prepared exports: the file is built by a background job (in-process here, on both backends),
polled, downloaded; never visible to another account, gone after 24 hours and with the account,
and a build that fails says so instead of failing the request."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from tests.e2e.api.conftest import NO_CONTENT, Api, MakeApi, Person, assert_error
from tests.e2e.api.test_training import start
from tests.support.databases import make_settings

from midback.clock import MovableClock
from midback.content.loader import Content
from midback.services import export_jobs
from midback.web.app import create_app

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def wait_done(api: Api, person: Person, url: str) -> dict[str, Any]:
    """Poll the status URL until the job has finished."""
    deadline = time.monotonic() + 30
    while True:
        response = api.client.get(url, headers=person.auth)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        if body["status"] in ("ready", "failed"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.05)


def prepare(api: Api, person: Person, kind: str) -> dict[str, Any]:
    response = api.client.post("/api/v1/me/exports", json={"kind": kind}, headers=person.auth)
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    assert response.headers["Location"] == body["status_url"]
    assert body["status"] in ("queued", "running", "ready")
    return body


def test_the_job_builds_the_same_files_as_the_direct_downloads(
    make_api: MakeApi, builtin_content: Content
) -> None:
    api = make_api(content=builtin_content, jobs="in-process")
    ada = api.person("ada@example.org")
    for kind, direct in (("midback-export", "/api/v1/me/export.json"), ("fhir", "/api/v1/me/fhir")):
        started = prepare(api, ada, kind)
        done = wait_done(api, ada, started["status_url"])
        assert done["status"] == "ready" and done["progress"] == 100
        assert done["file_url"] == f"/api/v1/me/exports/{started['id']}/file"
        got = api.client.get(done["file_url"], headers=ada.auth)
        assert got.status_code == 200
        assert got.headers["content-type"].startswith(export_jobs.KINDS[kind].media_type)
        assert "attachment" in got.headers["content-disposition"]
        assert done["size"] == len(got.content)
        same = api.client.get(direct, headers=ada.auth).json()
        built = json.loads(got.content)
        kinds = [e["resource"]["resourceType"] for e in built.get("entry", [])]
        assert kinds == [e["resource"]["resourceType"] for e in same.get("entry", [])]
        for key in ("exported_at", "timestamp", "id", "identifier", "entry"):  # made per build
            same.pop(key, None)
            built.pop(key, None)
        assert built == same


def test_another_account_never_sees_the_export(make_api: MakeApi) -> None:
    api = make_api(jobs="in-process")
    ada, bob = api.person("ada@example.org"), api.person("bob@example.org")
    started = prepare(api, ada, "midback-export")
    done = wait_done(api, ada, started["status_url"])
    assert done["status"] == "ready"
    assert_error(api.client.get(started["status_url"], headers=bob.auth), 404, "not_found")
    assert_error(api.client.get(done["file_url"], headers=bob.auth), 404, "not_found")
    assert api.client.get(done["file_url"]).status_code == 401


def test_an_unknown_kind_is_refused_with_the_field(api: Api) -> None:
    ada = api.person("ada@example.org")
    response = api.client.post("/api/v1/me/exports", json={"kind": "pdf"}, headers=ada.auth)
    assert response.status_code == 422
    assert "kind" in response.text


def test_a_prepared_file_expires_after_a_day(database_url: str, tmp_path: Path) -> None:
    clock = MovableClock(START)
    settings = make_settings(database_url, tmp_path / "data", jobs="in-process")
    app = create_app(settings, content=NO_CONTENT, clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        api = Api(client, settings)
        ada = api.person("ada@example.org")
        started = prepare(api, ada, "midback-export")
        done = wait_done(api, ada, started["status_url"])
        assert done["expires_at"].startswith("2026-03-03T09:00:00")
        clock.advance(timedelta(hours=23, minutes=59))
        assert client.get(done["file_url"], headers=ada.auth).status_code == 200
        clock.advance(timedelta(minutes=1))
        assert_error(client.get(done["file_url"], headers=ada.auth), 404, "not_found")
        assert_error(client.get(started["status_url"], headers=ada.auth), 404, "not_found")
        again = prepare(api, ada, "fhir")  # asking again clears the expired file
        assert again["id"] > started["id"]  # ids are never reused
        with api.storage.unit_of_work(read_only=True) as uow:
            assert uow.export_files.get(started["id"]) is None


def test_a_failed_build_reports_failed(make_api: MakeApi) -> None:
    api = make_api(jobs="in-process")
    ada = api.person("ada@example.org")
    with api.storage.unit_of_work() as uow:
        # a kind this server cannot build (as if written by a newer version)
        found = uow.export_files.add(
            user_id=ada.id, kind="future", now=START, expires_at=datetime.now(UTC) + timedelta(1)
        )
        uow.commit()
    status = export_jobs.build_export(api.storage, NO_CONTENT, _cache(api), found.id)
    assert status == "failed"
    body = api.client.get(f"/api/v1/me/exports/{found.id}", headers=ada.auth).json()
    assert body["status"] == "failed" and body["file_url"] is None
    got = api.client.get(f"/api/v1/me/exports/{found.id}/file", headers=ada.auth)
    assert_error(got, 409, "conflict")
    # a second run of the same job changes nothing
    assert export_jobs.build_export(api.storage, NO_CONTENT, _cache(api), found.id) == "failed"


def test_exports_go_with_the_account(make_api: MakeApi) -> None:
    api = make_api(jobs="in-process")
    ada = api.person("ada@example.org")
    started = prepare(api, ada, "midback-export")
    wait_done(api, ada, started["status_url"])
    assert api.delete_account(ada).status_code == 204
    with api.storage.unit_of_work(read_only=True) as uow:
        assert uow.export_files.get(started["id"]) is None


def _cache(api: Api) -> Any:
    return api.client.app.state.plan_cache  # type: ignore[attr-defined]


def test_with_jobs_turned_off_the_request_builds_the_file(make_api: MakeApi) -> None:
    api = make_api(jobs="off")
    ada = api.person("ada@example.org")
    started = prepare(api, ada, "midback-export")
    assert started["status"] == "ready" and started["file_url"]


def test_the_handout_is_prepared_as_a_pdf_and_fails_without_a_program(
    make_api: MakeApi, builtin_content: Content
) -> None:
    api = make_api(content=builtin_content, jobs="in-process")
    ada, bob = api.person("ada@example.org"), api.person("bob@example.org")
    start(api, ada)
    done = wait_done(api, ada, prepare(api, ada, "handout")["status_url"])
    assert done["status"] == "ready"
    got = api.client.get(done["file_url"], headers=ada.auth)
    assert got.headers["content-type"] == "application/pdf" and got.content.startswith(b"%PDF")
    failed = wait_done(api, bob, prepare(api, bob, "handout")["status_url"])
    assert failed["status"] == "failed" and failed["file_url"] is None
