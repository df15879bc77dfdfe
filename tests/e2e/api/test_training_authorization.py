"""For every endpoint that takes an id: another member, an unlinked clinician and an anonymous
client get 404/403/401 and learn nothing; a revoked link takes effect at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from tests.e2e.api.conftest import Api, Person, assert_error
from tests.e2e.api.test_training import post_log, start
from tests.support.training import ROUTINE, log_body

from midback.domain.accounts import Role

MISSING = 987_654
MEASURED = {"measurements": [{"protocol": "seated_rotation", "side": "left", "degrees": 40}]}
EDITS = {"exclude": ["open-book"], "note": "Go gently."}


@dataclass
class Cast:
    """The people of these tests and ada's ids."""

    ada: Person
    doc: Person
    other_doc: Person
    mallory: Person
    ids: dict[str, int]


@pytest.fixture
def cast(tapi: Api) -> Cast:
    """ada (a member with data) linked to doc; other_doc and mallory are strangers to her."""
    ada = tapi.person("ada@example.org")
    doc = tapi.person("doc@example.org", Role.CLINICIAN)
    other_doc = tapi.person("other@example.org", Role.CLINICIAN)
    mallory = tapi.person("mallory@example.org")
    start(tapi, ada)
    code = tapi.client.post("/api/v1/clinician/invites", headers=doc.auth).json()["code"]
    tapi.client.post("/api/v1/me/clinician-links", json={"code": code}, headers=ada.auth)
    assessment = tapi.client.get("/api/v1/assessments", headers=ada.auth).json()[0]["id"]
    log = post_log(tapi, ada, log_body(), "k").json()["id"]
    routine = tapi.client.post("/api/v1/routines", json=ROUTINE, headers=ada.auth).json()["id"]
    ids = {"assessment": assessment, "log": log, "routine": routine}
    return Cast(ada, doc, other_doc, mallory, ids)


OWN = [
    ("GET", "/api/v1/assessments/{assessment}", None),
    ("GET", "/api/v1/logs/{log}", None),
    ("PATCH", "/api/v1/logs/{log}", {"pain_next_day": 9}),
    ("GET", "/api/v1/routines/{routine}", None),
    ("PUT", "/api/v1/routines/{routine}", ROUTINE),
    ("DELETE", "/api/v1/routines/{routine}", None),
]
PATIENT = [
    ("GET", "/api/v1/clinician/patients/{patient}", None),
    ("GET", "/api/v1/clinician/patients/{patient}/logs", None),
    ("GET", "/api/v1/clinician/patients/{patient}/measurements", None),
    ("POST", "/api/v1/clinician/patients/{patient}/measurements", MEASURED),
    ("GET", "/api/v1/clinician/patients/{patient}/progress", None),
    ("POST", "/api/v1/clinician/patients/{patient}/routines", ROUTINE),
    ("PUT", "/api/v1/clinician/patients/{patient}/program", EDITS),
]


def call(api: Api, method: str, url: str, body: Any, who: Person | None) -> Any:
    """Make one request as `who` (anonymous when None)."""
    headers = who.auth if who else {}
    return api.client.request(method, url, json=body, headers=headers)


@pytest.mark.parametrize(("method", "template", "body"), OWN)
def test_ids_of_someone_else_are_404_like_missing_ones(
    tapi: Api, cast: Cast, method: str, template: str, body: Any
) -> None:
    url = template.format(**cast.ids)
    missing = template.format(**dict.fromkeys(cast.ids, MISSING))
    for intruder in (cast.mallory, cast.doc, cast.other_doc):
        refused = call(tapi, method, url, body, intruder)
        assert_error(refused, 404, "not_found")
        assert refused.json() == call(tapi, method, missing, body, intruder).json()
    assert_error(call(tapi, method, url, body, None), 401, "not_authenticated")
    assert call(tapi, "GET", url, None, cast.ada).status_code == 200
    assert (
        tapi.client.get(f"/api/v1/logs/{cast.ids['log']}", headers=cast.ada.auth).json()[
            "pain_next_day"
        ]
        is None
    )


@pytest.mark.parametrize(("method", "template", "body"), PATIENT)
def test_only_the_linked_clinician_reaches_a_patient(
    tapi: Api, cast: Cast, method: str, template: str, body: Any
) -> None:
    url = template.format(patient=cast.ada.id)
    unlinked = call(tapi, method, url, body, cast.other_doc)
    assert_error(unlinked, 404, "not_found")
    missing = call(tapi, method, template.format(patient=MISSING), body, cast.other_doc)
    assert unlinked.json() == missing.json()
    assert_error(call(tapi, method, url, body, cast.mallory), 403, "forbidden")
    assert_error(call(tapi, method, url, body, cast.ada), 403, "forbidden")
    assert_error(call(tapi, method, url, body, None), 401, "not_authenticated")
    trail = tapi.client.get("/api/v1/me/audit", headers=cast.ada.auth).json()
    assert all(entry["actor_email"] != "other@example.org" for entry in trail)
    allowed = call(tapi, method, url, body, cast.doc)
    assert allowed.status_code in (200, 201), allowed.text
    trail = tapi.client.get("/api/v1/me/audit", headers=cast.ada.auth).json()
    assert trail[0]["actor_email"] == "doc@example.org"
    (link,) = tapi.client.get("/api/v1/me/clinician-links", headers=cast.ada.auth).json()
    tapi.client.delete(f"/api/v1/me/clinician-links/{link['id']}", headers=cast.ada.auth)
    assert_error(call(tapi, method, url, body, cast.doc), 404, "not_found")


def test_the_clinicians_view_and_edits(tapi: Api, cast: Cast) -> None:
    doc, ada = cast.doc, cast.ada
    (summary,) = tapi.client.get("/api/v1/clinician/patients", headers=doc.auth).json()
    assert summary["email"] == "ada@example.org" and summary["last_session"] is not None
    assert summary["flagged"] is True  # she started 14 days ago and logged only today
    assert any("missed in a row" in flag for flag in summary["flags"])
    edited = tapi.client.put(
        f"/api/v1/clinician/patients/{ada.id}/program", json=EDITS, headers=doc.auth
    )
    assert edited.status_code == 200 and edited.json()["edits"]["exclude"] == ["open-book"]
    plan = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    assert all(
        i["exercise"] != "open-book"
        for w in plan["weeks"]
        for s in w["sessions"]
        for i in s["items"]
    )
    assert "Note from your clinician: Go gently." in plan["reasons"]
    assigned = tapi.client.post(
        f"/api/v1/clinician/patients/{ada.id}/routines", json=ROUTINE, headers=doc.auth
    ).json()
    mine = tapi.client.get("/api/v1/routines", headers=ada.auth).json()
    assert assigned["id"] in [r["id"] for r in mine]
    change = tapi.client.put(f"/api/v1/routines/{assigned['id']}", json=ROUTINE, headers=ada.auth)
    assert_error(change, 403, "forbidden")
    bad = tapi.client.put(
        f"/api/v1/clinician/patients/{ada.id}/program", json={"exclude": ["nope"]}, headers=doc.auth
    )
    assert_error(bad, 422, "invalid_input")
    measured = tapi.client.post(
        f"/api/v1/clinician/patients/{ada.id}/measurements", json=MEASURED, headers=doc.auth
    ).json()
    assert measured[0]["recorded_by"] == doc.id
