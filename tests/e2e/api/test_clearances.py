"""The health check over the API: the verdict by tier, and clearances by the person and by the
linked clinician (anyone else gets 404), with the plan following."""

from __future__ import annotations

from tests.support.training import profile, today

from midback.domain.accounts import Role

from .conftest import Api, assert_error


def test_a_hold_is_lifted_by_the_linked_clinician_and_the_plan_starts(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    doc = tapi.person("doc@example.org", Role.CLINICIAN)
    stranger = tapi.person("other@example.org", Role.CLINICIAN)
    answers = profile(age=64, red_flags=["new_pain", "chest_pain"])
    assert (
        tapi.client.post("/api/v1/assessments", json=answers, headers=pat.auth).status_code == 201
    )
    assert tapi.client.post("/api/v1/programs", headers=pat.auth).status_code == 201
    verdict = tapi.client.get("/api/v1/me/screening", headers=pat.auth).json()
    assert verdict["status"] == "refer" and verdict["screening"]["tier"] == "emergency"
    first = verdict["screening"]["outcomes"][0]
    assert first["rule"] == "chest_pain" and "emergency number" in first["next_step"]

    mine = {"rule": "chest_pain", "cleared_on": str(today()), "confirm": True}
    refused = tapi.client.post("/api/v1/me/clearances", json=mine, headers=pat.auth)
    assert_error(refused, 422, "invalid_input")

    body = {"rule": "chest_pain", "cleared_on": str(today()), "scope": "heart", "note": "ECG fine"}
    url = f"/api/v1/clinician/patients/{pat.id}/clearances"
    assert_error(tapi.client.post(url, json=body, headers=stranger.auth), 404, "not_found")
    invite = tapi.client.post("/api/v1/clinician/invites", headers=doc.auth).json()
    linked = tapi.client.post(
        "/api/v1/me/clinician-links", json={"code": invite["code"]}, headers=pat.auth
    )
    assert linked.status_code == 201
    assert tapi.client.post(url, json=body, headers=doc.auth).status_code == 201
    held = tapi.client.get("/api/v1/programs/today", headers=pat.auth).json()
    assert held["status"] == "hold" and held["tier"] == "see_clinician"

    own = {"rule": "new_pain_over_50", "cleared_on": str(today()), "confirm": True}
    assert tapi.client.post("/api/v1/me/clearances", json=own, headers=pat.auth).status_code == 201
    listed = tapi.client.get("/api/v1/me/clearances", headers=pat.auth).json()
    assert [(c["clearance"]["rule"], c["clearance"]["by"]) for c in listed] == [
        ("chest_pain", "clinician"),
        ("new_pain_over_50", "self"),
    ]
    now = tapi.client.get("/api/v1/programs/today", headers=pat.auth).json()
    assert now["status"] == "ok" and now["session"] is not None
