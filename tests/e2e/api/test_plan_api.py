"""Managing the plan over the API: its settings, pausing and resuming, and correcting a log's
pain ratings (a correction reaches the audit trail a linked clinician reads)."""

from __future__ import annotations

from typing import Any

from tests.e2e.api.conftest import Api, Person, assert_error
from tests.support.training import log_body, today

from midback.domain.accounts import Role
from midback.services import log_edits

from .test_training import post_log, start

SETTINGS = "/api/v1/me/plan-settings"
WANTED = {
    "minutes_per_day": 20,
    "days_per_week": 3,
    "equipment": ["chair", "foam_roller"],
    "positions_to_avoid": ["prone", "supine"],
}


def fields_of(response: Any) -> set[str]:
    error = assert_error(response, 422, "invalid_input")
    return {f["field"] for f in error["fields"]}


def test_a_person_reads_and_changes_their_plan_settings(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    assert_error(tapi.client.get(SETTINGS, headers=ada.auth), 404, "not_found")
    start(tapi, ada)
    before = tapi.client.get(SETTINGS, headers=ada.auth)
    assert before.status_code == 200, before.text
    assert set(before.json()) == set(WANTED)
    version = tapi.client.get("/api/v1/programs", headers=ada.auth).json()
    changed = tapi.client.put(SETTINGS, json=WANTED, headers=ada.auth)
    assert changed.status_code == 200, changed.text
    assert changed.json() == WANTED
    assert tapi.client.get(SETTINGS, headers=ada.auth).json() == WANTED
    assessments = tapi.client.get("/api/v1/assessments", headers=ada.auth).json()
    assert len(assessments) == 2  # a new assessment; the first one stays
    assert tapi.client.get("/api/v1/programs", headers=ada.auth).json() == version
    current = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()
    ahead = [
        i["exercise"]
        for w in current["plan"]["weeks"]
        for s in w["sessions"]
        if s["date"] >= str(today())
        for i in s["items"]
    ]
    used = {tapi.client.get(f"/api/v1/exercises/{e}").json()["position"] for e in set(ahead)}
    assert ahead and not used & {"prone", "supine"}


def test_bad_settings_are_refused_by_field(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    bad = {**WANTED, "minutes_per_day": 2, "days_per_week": 8, "equipment": ["sofa"]}
    assert fields_of(tapi.client.put(SETTINGS, json=bad, headers=ada.auth)) == {
        "minutes_per_day",
        "days_per_week",
        "equipment.0",
    }
    extra = {**WANTED, "precautions": []}
    assert fields_of(tapi.client.put(SETTINGS, json=extra, headers=ada.auth)) == {"precautions"}
    missing = {"equipment": []}
    assert fields_of(tapi.client.put(SETTINGS, json=missing, headers=ada.auth)) == {
        "minutes_per_day",
        "days_per_week",
    }
    too_many = {**WANTED, "positions_to_avoid": ["prone"] * 9}
    assert "positions_to_avoid" in fields_of(
        tapi.client.put(SETTINGS, json=too_many, headers=ada.auth)
    )


def test_settings_and_pauses_need_a_token(tapi: Api) -> None:
    for method, path in [
        ("GET", SETTINGS),
        ("PUT", SETTINGS),
        ("GET", "/api/v1/me/pauses"),
        ("POST", "/api/v1/me/pause"),
        ("POST", "/api/v1/me/resume"),
    ]:
        body = WANTED if method == "PUT" else None
        response = tapi.client.request(method, path, json=body)
        assert_error(response, 401, "not_authenticated")
        bad_token = {"Authorization": "Bearer nonsense"}
        assert_error(tapi.client.request(method, path, json={}, headers=bad_token), 401,
                     "not_authenticated")  # fmt: skip


def test_a_person_pauses_and_resumes_their_own_program_only(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    eve = tapi.person("eve@example.org")
    assert_error(tapi.client.post("/api/v1/me/pause", headers=ada.auth), 404, "not_found")
    start(tapi, ada)
    start(tapi, eve)
    assert tapi.client.get("/api/v1/me/pauses", headers=ada.auth).json() == {
        "paused": False,
        "pauses": [],
    }
    paused = tapi.client.post("/api/v1/me/pause", headers=ada.auth)
    assert paused.status_code == 201, paused.text
    today = tapi.storage.clock.today().isoformat()
    assert paused.json() == {"paused": True, "pauses": [{"start": today, "end": None}]}
    assert_error(tapi.client.post("/api/v1/me/pause", headers=ada.auth), 409, "conflict")
    # another account sees and changes only its own program
    assert tapi.client.get("/api/v1/me/pauses", headers=eve.auth).json()["paused"] is False
    assert tapi.client.post("/api/v1/me/resume", headers=eve.auth).json()["paused"] is False
    assert tapi.client.get("/api/v1/me/pauses", headers=ada.auth).json()["paused"] is True
    assert tapi.client.get("/api/v1/programs/today", headers=ada.auth).json()["session"] is None
    resumed = tapi.client.post("/api/v1/me/resume", headers=ada.auth)
    assert resumed.status_code == 200, resumed.text
    assert resumed.json() == {"paused": False, "pauses": []}  # resumed the day it began
    again = tapi.client.post("/api/v1/me/resume", headers=ada.auth)
    assert again.status_code == 200 and again.json()["paused"] is False


def linked(tapi: Api) -> tuple[Person, Person]:
    ada = tapi.person("ada@example.org")
    sam = tapi.person("sam@example.org", Role.CLINICIAN)
    code = tapi.client.post("/api/v1/clinician/invites", headers=sam.auth).json()["code"]
    redeemed = tapi.client.post("/api/v1/me/clinician-links", json={"code": code}, headers=ada.auth)
    assert redeemed.status_code == 201, redeemed.text
    return ada, sam


def test_a_corrected_rating_reaches_the_trail_a_linked_clinician_reads(tapi: Api) -> None:
    ada, _ = linked(tapi)
    eve = tapi.person("eve@example.org")
    start(tapi, ada)
    log = post_log(tapi, ada, log_body(pain_during=3), "one").json()
    url = f"/api/v1/logs/{log['id']}"
    first = tapi.client.patch(url, json={"pain_next_day": 2}, headers=ada.auth)
    assert first.status_code == 200, first.text
    assert (first.json()["pain_during"], first.json()["pain_next_day"]) == (3, 2)
    assert log_edits.changes_of(tapi.storage.unit_of_work(), ada.id) == []  # a first rating
    fixed = tapi.client.patch(url, json={"pain_next_day": 5, "pain_during": 1}, headers=ada.auth)
    assert (fixed.json()["pain_during"], fixed.json()["pain_next_day"]) == (1, 5)
    cleared = tapi.client.patch(url, json={"pain_next_day": None}, headers=ada.auth)
    assert (cleared.json()["pain_during"], cleared.json()["pain_next_day"]) == (1, None)
    changes = log_edits.changes_of(tapi.storage.unit_of_work(), ada.id)
    assert [c.action for c in changes] == [log_edits.CORRECTED] * 2
    assert "next morning 2 to 5" in changes[1].detail and "5 to none" in changes[0].detail
    trail = tapi.client.get("/api/v1/me/audit", headers=ada.auth).json()
    assert [e["action"] for e in trail].count(log_edits.CORRECTED) == 2
    assert_error(tapi.client.patch(url, json={"pain_next_day": 1}, headers=eve.auth), 404,
                 "not_found")  # fmt: skip
    assert_error(tapi.client.patch(url, json={"pain_next_day": 1}), 401, "not_authenticated")
    assert fields_of(tapi.client.patch(url, json={}, headers=ada.auth)) == {"body"}
    assert fields_of(
        tapi.client.patch(url, json={"pain_during": 11, "pain_next_day": -1}, headers=ada.auth)
    ) == {"pain_during", "pain_next_day"}
    assert len(log_edits.changes_of(tapi.storage.unit_of_work(), ada.id)) == 2


def test_a_deletion_reaches_the_trail_a_linked_clinician_reads(tapi: Api) -> None:
    ada, _ = linked(tapi)
    start(tapi, ada)
    log = post_log(tapi, ada, log_body(), "mistake").json()
    assert tapi.client.delete(f"/api/v1/logs/{log['id']}", headers=ada.auth).status_code == 204
    changes = log_edits.changes_of(tapi.storage.unit_of_work(), ada.id)
    assert [c.action for c in changes] == [log_edits.DELETED]
