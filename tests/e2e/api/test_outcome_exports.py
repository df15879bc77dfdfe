"""Outcome answers in every export: /me/export, the CSV, the FHIR Bundle (checked against HL7's
R4 JSON Schema) and the midback-export JSON, which imports back into an emptied account."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from tests.e2e.api.test_files import rows
from tests.support.fhir_schema import r4_validator
from tests.support.training import profile, today

from .conftest import Api, Person, assert_error

ACTIVITIES = [
    {"activity": "Reversing the car", "score": 3},
    {"activity": "Reaching a high shelf", "score": 5},
    {"activity": "Sleeping through", "score": 4},
]


def _answered(api: Api, person: Person) -> None:
    """A program, and a baseline pain rating and activities."""
    answers = profile(days_ago=3)
    assert (
        api.client.post("/api/v1/assessments", json=answers, headers=person.auth).status_code == 201
    )
    assert api.client.post("/api/v1/programs", headers=person.auth).status_code == 201
    earlier = str(today() - timedelta(days=2))
    for body in (
        {"instrument": "nprs", "score": 6, "taken_on": earlier},
        {"instrument": "psfs", "activities": ACTIVITIES, "taken_on": earlier},
    ):
        made = api.client.post("/api/v1/me/outcomes", json=body, headers=person.auth)
        assert made.status_code == 201, made.text


def test_the_outcomes_are_in_the_full_export_and_the_csv(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    _answered(tapi, ada)
    full = tapi.client.get("/api/v1/me/export", headers=ada.auth).json()
    assert [(o["instrument"], o["score"]) for o in full["outcomes"]] == [("nprs", 6), ("psfs", 4)]
    found = rows(
        tapi.client.get("/api/v1/me/export.csv", params={"kind": "outcomes"}, headers=ada.auth)
    )
    assert [(r["instrument"], r["timepoint"], r["score"]) for r in found] == [
        ("nprs", "baseline", "6"),
        ("psfs", "baseline", "4"),
    ]
    assert (
        found[1]["activities"] == "Reversing the car=3;Reaching a high shelf=5;Sleeping through=4"
    )


def test_the_fhir_bundle_holds_the_answers_as_valid_observations(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    _answered(tapi, ada)
    answer = tapi.client.get("/api/v1/me/fhir", headers=ada.auth)
    assert answer.status_code == 200, answer.text
    Bundle.model_validate_json(answer.content)
    document: dict[str, Any] = answer.json()
    errors = [f"{list(e.path)}: {e.message[:160]}" for e in r4_validator().iter_errors(document)]
    assert errors == []
    surveys = [
        e["resource"]
        for e in document["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and any(c["code"] in ("nprs", "psfs") for c in e["resource"]["code"]["coding"])
    ]
    nprs, psfs = surveys
    assert nprs["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }
    assert nprs["valueInteger"] == 6 and nprs["category"][0]["coding"][0]["code"] == "survey"
    assert psfs["valueQuantity"]["value"] == 4
    parts = psfs["component"]
    assert parts[0]["valueCodeableConcept"]["coding"][0]["code"] == "baseline"
    assert [(p["code"]["text"], p["valueInteger"]) for p in parts[1:]] == [
        (a["activity"], a["score"]) for a in ACTIVITIES
    ]


def test_the_answers_import_back_and_export_the_same(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    _answered(tapi, ada)
    before = tapi.client.get("/api/v1/me/export.json", headers=ada.auth).json()
    assert [o["instrument"] for o in before["outcomes"]] == ["nprs", "psfs"]
    assert tapi.delete_account(ada).status_code == 204
    again = tapi.person("ada@example.org")
    stored = tapi.client.post("/api/v1/me/import", json=before, headers=again.auth)
    assert stored.status_code == 201, stored.text
    after = tapi.client.get("/api/v1/me/export.json", headers=again.auth).json()
    assert {**after, "exported_at": None} == {**before, "exported_at": None}


def test_a_bad_answer_in_an_import_is_named_and_nothing_is_stored(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    document = {
        "format": "midback-export",
        "version": 1,
        "exported_at": f"{today()}T10:00:00Z",
        "outcomes": [
            {"instrument": "nprs", "timepoint": "baseline", "taken_on": str(today()), "score": 12},
            {"instrument": "ndi", "timepoint": "baseline", "taken_on": str(today()), "score": 1},
        ],
    }
    error = assert_error(
        tapi.client.post("/api/v1/me/import", json=document, headers=ada.auth), 422, "invalid_input"
    )
    assert {f["field"] for f in error["fields"]} == {"outcomes.0.score", "outcomes.1.instrument"}
    assert tapi.client.get("/api/v1/me/outcomes", headers=ada.auth).json()["records"] == []
