"""A log can carry new symptoms (the health check asked again) and that a clinician was seen:
over HTTP on SQLite and PostgreSQL, an urgent symptom stops the sessions, a routine one holds,
and `seen_clinician` lifts a pain hold."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.e2e.api.conftest import Api, Person, assert_error
from tests.e2e.api.test_training import post_log, start
from tests.support.training import log_body, today


def current_plan(api: Api, person: Person) -> dict[str, Any]:
    response = api.client.get("/api/v1/programs/current", headers=person.auth)
    assert response.status_code == 200, response.text
    plan: dict[str, Any] = response.json()["plan"]
    return plan


def sessions_from(plan: dict[str, Any], day: date) -> list[dict[str, Any]]:
    return [s for w in plan["weeks"] for s in w["sessions"] if s["date"] >= str(day)]


def test_an_urgent_new_symptom_stops_the_sessions(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    assert sessions_from(current_plan(tapi, ada), today())
    day = today() - timedelta(days=1)
    body = log_body(day, new_symptoms=["numbness_or_weakness"])
    logged = post_log(tapi, ada, body, "urgent-1")
    assert logged.status_code == 201, logged.text
    assert logged.json()["new_symptoms"] == ["numbness_or_weakness"]
    assert logged.json()["seen_clinician"] is False
    plan = current_plan(tapi, ada)
    assert plan["status"] == "refer"
    assert sessions_from(plan, today()) == []
    todays = tapi.client.get("/api/v1/programs/today", headers=ada.auth).json()
    assert todays["status"] == "refer" and todays["session"] is None
    stored = tapi.client.get(f"/api/v1/logs/{logged.json()['id']}", headers=ada.auth).json()
    assert stored["new_symptoms"] == ["numbness_or_weakness"]
    screen = tapi.client.get("/api/v1/me/screening", headers=ada.auth)
    assert screen.status_code == 200, screen.text
    screening = screen.json()["screening"]
    assert screening["tier"] == "urgent"
    assert "new_neurological_signs" in [o["rule"] for o in screening["outcomes"]]


def test_a_routine_new_symptom_holds_progression(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    body = log_body(today() - timedelta(days=1), new_symptoms=["night_or_rest_pain"])
    assert post_log(tapi, ada, body, "routine-1").status_code == 201
    plan = current_plan(tapi, ada)
    assert plan["status"] == "hold"
    assert plan["hold"] is not None and plan["hold"]["since"] == str(today() - timedelta(days=1))
    assert sessions_from(plan, today())


def test_seen_clinician_lifts_a_pain_hold(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    for days_ago, key in ((4, "p-1"), (3, "p-2")):
        painful = log_body(today() - timedelta(days=days_ago), pain_during=8)
        assert post_log(tapi, ada, painful, key).status_code == 201
    held = current_plan(tapi, ada)
    assert held["hold"] is not None and held["hold"]["rule"] == "pain_hold"
    seen = log_body(today() - timedelta(days=2), seen_clinician=True)
    logged = post_log(tapi, ada, seen, "seen-1")
    assert logged.status_code == 201 and logged.json()["seen_clinician"] is True
    lifted = current_plan(tapi, ada)
    assert lifted["hold"] is None
    assert any("you have seen a clinician" in reason for reason in lifted["reasons"])


def test_an_old_style_body_replays_and_the_new_fields_are_checked(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    old_style = log_body(today() - timedelta(days=2))
    first = post_log(tapi, ada, old_style, "old-1")
    explicit = {**old_style, "new_symptoms": [], "seen_clinician": False}
    again = post_log(tapi, ada, explicit, "old-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    changed = post_log(tapi, ada, {**old_style, "seen_clinician": True}, "old-1")
    assert_error(changed, 409, "idempotency_key_reused")
    unknown = post_log(tapi, ada, log_body(new_symptoms=["a_headache"]), "bad-1")
    error = assert_error(unknown, 422, "invalid_input")
    assert [f["field"] for f in error["fields"]] == ["new_symptoms.0"]


def test_the_export_carries_them_and_an_import_gives_them_back(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    routine = log_body(today() - timedelta(days=3), new_symptoms=["night_or_rest_pain"])
    seen = log_body(today() - timedelta(days=2), seen_clinician=True)
    assert post_log(tapi, ada, routine, "e-1").status_code == 201
    assert post_log(tapi, ada, seen, "e-2").status_code == 201
    before = tapi.client.get("/api/v1/me/export.json", headers=ada.auth).json()
    logged = [(s["new_symptoms"], s["seen_clinician"]) for s in before["sessions"]]
    assert logged == [(["night_or_rest_pain"], False), ([], True)]
    table = tapi.client.get("/api/v1/me/export.csv", params={"kind": "sessions"}, headers=ada.auth)
    lines = table.content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith(",new_symptoms,seen_clinician")
    assert lines[1].endswith(",night_or_rest_pain,no") and lines[2].endswith(",,yes")
    assert tapi.delete_account(ada).status_code == 204
    again = tapi.person("ada@example.org")
    stored = tapi.client.post("/api/v1/me/import", json=before, headers=again.auth)
    assert stored.status_code == 201, stored.text
    after = tapi.client.get("/api/v1/me/export.json", headers=again.auth).json()
    assert after["sessions"] == before["sessions"]
    logs = tapi.client.get("/api/v1/logs", headers=again.auth).json()
    assert sorted((g["new_symptoms"], g["seen_clinician"]) for g in logs) == sorted(logged)
