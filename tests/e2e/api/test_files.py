"""Handouts, CSV, FHIR and the export/import round trip over HTTP, each file parsed back with an
independent parser (pypdf, csv, fhir.resources), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.procedure import Procedure
from pypdf import PdfReader
from tests.e2e.api.conftest import Api, Person, assert_error
from tests.e2e.api.test_training import post_log, start
from tests.support.training import ROUTINE, log_body, profile, today

from midback.domain.accounts import Role

LETTER = (612, 792)


def pdf_text(response: Any) -> tuple[PdfReader, str]:
    """A PDF answer read back: the reader and all its text, whitespace folded."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def rows(response: Any) -> list[dict[str, str]]:
    """A CSV answer read back with the csv module."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf") and b"\r\n" in response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def link(api: Api, clinician: Person, patient: Person) -> None:
    """Link `patient` to `clinician` with an invite code."""
    code = api.client.post("/api/v1/clinician/invites", headers=clinician.auth).json()["code"]
    made = api.client.post("/api/v1/me/clinician-links", json={"code": code}, headers=patient.auth)
    assert made.status_code == 201, made.text


def test_a_week_of_the_program_as_a_handout(tapi: Api) -> None:
    ada, cy = tapi.person("ada@example.org"), tapi.person("cy@example.org")
    start(tapi, ada)
    url = "/api/v1/programs/current/handout.pdf"
    reader, text = pdf_text(
        tapi.client.get(url, params={"week": 2, "paper": "letter"}, headers=ada.auth)
    )
    assert "week 2 of 8" in text and "Stop" in text and len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == LETTER
    out_of_range = assert_error(
        tapi.client.get(url, params={"week": 40}, headers=ada.auth), 422, "invalid_input"
    )
    assert (
        out_of_range["fields"][0]["field"] == "query.week"
        and "weeks 1–8" in out_of_range["message"]
    )
    assert_error(
        tapi.client.get(url, params={"paper": "a5"}, headers=ada.auth), 422, "invalid_input"
    )
    assert_error(tapi.client.get(url, headers=cy.auth), 404, "not_found")  # no program
    assert_error(tapi.client.get(url), 401, "not_authenticated")


def test_large_print_and_no_qr_code_for_a_local_address(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    url = "/api/v1/programs/current/handout.pdf"
    regular, _ = pdf_text(tapi.client.get(url, params={"week": 1}, headers=ada.auth))
    large, _ = pdf_text(
        tapi.client.get(url, params={"week": 1, "large_print": True}, headers=ada.auth)
    )
    assert len(large.pages) > len(regular.pages)
    assert regular.pages[0].images  # the QR code, for the address the request came to
    local = {**ada.auth, "host": "127.0.0.1:8000"}  # no MIDBACK_PUBLIC_URL, asked on loopback
    on_loopback, _ = pdf_text(tapi.client.get(url, params={"week": 1}, headers=local))
    assert not on_loopback.pages[0].images


def test_a_routine_handout_names_the_clinician_who_assigned_it(tapi: Api) -> None:
    doc = tapi.person("doc@example.org", Role.CLINICIAN)
    pat, other = tapi.person("pat@example.org"), tapi.person("other@example.org")
    link(tapi, doc, pat)
    assigned = tapi.client.post(
        f"/api/v1/clinician/patients/{pat.id}/routines", json=ROUTINE, headers=doc.auth
    )
    url = f"/api/v1/routines/{assigned.json()['id']}/handout.pdf"
    _, text = pdf_text(tapi.client.get(url, headers=pat.auth))
    assert "Desk break" in text and "doc@example.org" in text
    assert "Open book" in text and "Wall angel" in text
    assert_error(tapi.client.get(url, headers=other.auth), 404, "not_found")
    assert_error(
        tapi.client.get("/api/v1/routines/999999/handout.pdf", headers=pat.auth), 404, "not_found"
    )


def test_clinicians_print_and_export_linked_patients_only_and_it_is_audited(tapi: Api) -> None:
    doc = tapi.person("doc@example.org", Role.CLINICIAN)
    stranger = tapi.person("stranger@example.org", Role.CLINICIAN)
    pat, member = tapi.person("pat@example.org"), tapi.person("member@example.org")
    start(tapi, pat)
    link(tapi, doc, pat)
    base = f"/api/v1/clinician/patients/{pat.id}"
    _, text = pdf_text(tapi.client.get(f"{base}/handout.pdf", headers=doc.auth))
    # the name line is the display name, never the email (issue 15); the clinician stays named
    assert "pat@example.org" not in text and "doc@example.org" in text
    bundle = Bundle.model_validate_json(tapi.client.get(f"{base}/fhir", headers=doc.auth).content)
    assert any(isinstance(e.resource, CarePlan) for e in bundle.entry)
    trail = tapi.client.get("/api/v1/me/audit", headers=pat.auth).json()
    assert {"program handout", "FHIR bundle"} <= {e["detail"] for e in trail}
    for path in ("handout.pdf", "fhir"):
        assert_error(tapi.client.get(f"{base}/{path}", headers=stranger.auth), 404, "not_found")
        assert_error(tapi.client.get(f"{base}/{path}", headers=member.auth), 403, "forbidden")
        assert_error(tapi.client.get(f"{base}/{path}"), 401, "not_authenticated")
        missing = f"/api/v1/clinician/patients/999999/{path}"
        assert_error(tapi.client.get(missing, headers=doc.auth), 404, "not_found")


def _history(api: Api, person: Person) -> None:
    """A program, three logged days (one painful, one missed) and re-tests on and off them."""
    start(api, person)
    day = today() - timedelta(days=3)
    painful = log_body(day, pain_during=6, pain_next_day=4)
    painful["items"][0]["painful"] = True
    assert post_log(api, person, painful, "a").status_code == 201
    assert post_log(api, person, log_body(day, pain_during=1), "b").status_code == 201  # same day
    missed = log_body(day + timedelta(days=1), completed=False, pain_during=None, difficulty=None)
    assert post_log(api, person, missed, "c").status_code == 201
    assert post_log(api, person, log_body(day + timedelta(days=2)), "d").status_code == 201
    for taken, degrees in ((day, 41), (day - timedelta(days=1), 44.5)):
        body = {
            "measurements": [{"protocol": "seated_rotation", "side": "left", "degrees": degrees}],
            "taken_at": f"{taken}T09:00:00Z",
        }
        assert (
            api.client.post("/api/v1/measurements", json=body, headers=person.auth).status_code
            == 201
        )


def test_csv_of_sessions_and_measurements(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    _history(tapi, ada)
    sessions = rows(
        tapi.client.get("/api/v1/me/export.csv", params={"kind": "sessions"}, headers=ada.auth)
    )
    assert [r["completed"] for r in sessions] == ["yes", "no", "yes"]
    assert sessions[0]["pain_during"] == "6" and sessions[0]["painful_exercises"] == "open-book"
    assert sessions[0]["measurements"] == "1"
    measured = rows(
        tapi.client.get("/api/v1/me/export.csv", params={"kind": "measurements"}, headers=ada.auth)
    )
    assert [r["source"] for r in measured].count("baseline") == 3
    assert {(r["source"], r["degrees"]) for r in measured} >= {("session", "41"), ("check", "44.5")}
    assert_error(
        tapi.client.get("/api/v1/me/export.csv", params={"kind": "x"}, headers=ada.auth),
        422,
        "invalid_input",
    )


def test_fhir_bundle_of_your_own_data(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    _history(tapi, ada)
    answer = tapi.client.get("/api/v1/me/fhir", headers=ada.auth)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/fhir+json; fhirVersion=4.3"
    bundle = Bundle.model_validate_json(answer.content)
    resources = [e.resource for e in bundle.entry]
    (patient,) = [r for r in resources if isinstance(r, Patient)]
    system = patient.identifier[0].system
    assert system.startswith("urn:uuid:") and "midback.org" not in answer.text
    again = Bundle.model_validate_json(tapi.client.get("/api/v1/me/fhir", headers=ada.auth).content)
    assert [e.fullUrl for e in again.entry] == [e.fullUrl for e in bundle.entry]
    angles = [
        r
        for r in resources
        if isinstance(r, Observation) and r.valueQuantity and r.valueQuantity.code == "deg"
    ]
    assert len(angles) == 5 and {a.valueQuantity.value for a in angles} >= {41, 44.5}
    assert len([r for r in resources if isinstance(r, Procedure)]) == 2  # completed days
    assert len([r for r in resources if isinstance(r, CarePlan)]) == 1


@pytest.mark.parametrize(
    ("red_flag", "status"), [("fever_or_unwell", "refer"), ("night_or_rest_pain", "hold")]
)
def test_a_referral_without_a_program_is_a_flag_in_the_fhir_bundle(
    tapi: Api, red_flag: str, status: str
) -> None:
    """An urgent sign refers (see a doctor within a day); night pain holds until a clinician
    has seen the person: either way a Flag says so."""
    ada = tapi.person("ada@example.org")
    referred = profile(red_flags=[red_flag])
    assert (
        tapi.client.post("/api/v1/assessments", json=referred, headers=ada.auth).status_code == 201
    )
    answer = tapi.client.get("/api/v1/me/fhir", headers=ada.auth)
    assert answer.status_code == 200, answer.text
    flags = [
        e["resource"] for e in answer.json()["entry"] if e["resource"]["resourceType"] == "Flag"
    ]
    assert len(flags) == 1 and flags[0]["status"] == "active"
    assert flags[0]["code"]["coding"][0]["code"] == status
    assert "clinical-facts" not in flags[0]["code"]["text"]


def test_export_delete_import_export_gives_the_same_document(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    _history(tapi, ada)
    exported = tapi.client.get("/api/v1/me/export.json", headers=ada.auth)
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/json"
    before = exported.json()
    assert before["format"] == "midback-export" and len(before["sessions"]) == 3
    assert tapi.delete_account(ada).status_code == 204
    again = tapi.person("ada@example.org")
    stored = tapi.client.post("/api/v1/me/import", json=before, headers=again.auth)
    assert stored.status_code == 201, stored.text
    assert stored.json() == {
        "profile": True,
        "sessions": 3,
        "measurements": 2,
        "program": True,
        "pauses": 0,
    }
    after = tapi.client.get("/api/v1/me/export.json", headers=again.auth).json()
    assert {**after, "exported_at": None} == {**before, "exported_at": None}
    twice = tapi.client.post("/api/v1/me/import", json=before, headers=again.auth)
    assert "already has training data" in assert_error(twice, 409, "conflict")["message"]
    # The imported history drives the program as the original did: open-book hurt.
    plan = tapi.client.get("/api/v1/programs/current", headers=again.auth).json()["plan"]
    assert any("open-book hurt" in reason for reason in plan["reasons"])


def test_a_bad_import_lists_every_problem_and_stores_nothing(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    url, day = "/api/v1/me/import", str(today() - timedelta(days=5))
    other_app = assert_error(
        tapi.client.post(url, json={"format": "fitbit"}, headers=ada.auth), 422, "invalid_input"
    )
    assert "not a midback export" in other_app["fields"][0]["message"]
    document = {
        "format": "midback-export",
        "version": 1,
        "exported_at": "2026-12-30T09:15:00Z",
        "sessions": [
            {"date": day, "completed": False, "painful_exercises": ["no-such"]},
            {"date": day, "completed": False},
        ],
        "measurements": [{"protocol": "nope", "side": "left", "degrees": 40, "date": day}],
    }
    error = assert_error(
        tapi.client.post(url, json=document, headers=ada.auth), 422, "invalid_input"
    )
    assert [f["field"] for f in error["fields"]] == [
        "sessions.1.date",  # the dates first: one rule shared with the data export
        "sessions.0.painful_exercises.0",
        "measurements.0.protocol",
    ]
    assert tapi.client.get("/api/v1/logs", headers=ada.auth).json() == []
    assert_error(tapi.client.post(url, json=document), 401, "not_authenticated")


def test_the_openapi_schema_documents_each_file_type(api: Api) -> None:
    paths = api.client.get("/api/v1/openapi.json").json()["paths"]
    expected = {
        "/calendar/{secret}.ics": "text/calendar",
        "/api/v1/programs/current.ics": "text/calendar",
        "/api/v1/programs/current/handout.pdf": "application/pdf",
        "/api/v1/routines/{routine_id}/handout.pdf": "application/pdf",
        "/api/v1/me/export.csv": "text/csv",
        "/api/v1/me/export.json": "application/json",
        "/api/v1/me/fhir": "application/fhir+json",
        "/api/v1/clinician/patients/{patient_id}/handout.pdf": "application/pdf",
        "/api/v1/clinician/patients/{patient_id}/fhir": "application/fhir+json",
    }
    for path, media_type in expected.items():
        assert list(paths[path]["get"]["responses"]["200"]["content"]) == [media_type], path
