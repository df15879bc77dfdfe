"""The clinician's outcome report over HTTP: the linked clinician reads the page and its one-page
PDF (each read in the patient's trail); another clinician and the patient are refused; the desk
and the patient page link to it."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from pypdf import PdfReader

from midback.services.outcome_report import READ_DETAIL

from .conftest import MakeClient, csrf_of, feedback_form, make_clinician, storage_of
from .test_clinic_pages import patient_linked_to_clinician

REPORT = "/clinic/patients/2/report"


def _named(patient: TestClient) -> None:
    token = csrf_of(patient.get("/settings").text)
    patient.post("/settings/name", data={"csrf_token": token, "display_name": "Pat Lee"})


def test_the_linked_clinician_reads_the_report_from_the_desk(make_client: MakeClient) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    _named(patient)
    patient.post(
        "/play/done", data=feedback_form(patient.get("/sessions/today").text, pain_during="4")
    )
    assert f'href="{REPORT}"' in clinician.get("/clinic").text
    assert f'href="{REPORT}"' in clinician.get("/clinic/patients/2").text
    page = clinician.get(REPORT)
    assert page.status_code == 200
    text = page.text
    assert "<h1>Pat Lee</h1>" in text and "pat@example.org" not in text
    assert f'href="{REPORT}.pdf"' in text and "Print / PDF" in text
    assert '<title id="ra-title">Sessions done per week</title>' in text
    assert '<title id="rp-title">Pain during sessions</title>' in text
    assert "usual pain: 3" in text  # onboarding's pain, drawn as a line
    assert '<title id="rm0-title">Seated rotation, left side</title>' in text
    assert "A change smaller than 6° may be measurement error." in text
    with storage_of(clinician).unit_of_work(read_only=True) as uow:
        latest = uow.audit.of_subject(2)[0]
    assert (latest.action, latest.actor_id, latest.detail) == ("clinician.read", 1, READ_DETAIL)
    assert "looked at your record" in patient.get("/settings").text


def test_the_report_pdf_is_one_page_with_the_name(make_client: MakeClient) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    _named(patient)
    printed = clinician.get(f"{REPORT}.pdf")
    assert printed.status_code == 200 and printed.headers["content-type"] == "application/pdf"
    assert printed.headers["cache-control"] == "private, no-store"
    pages = PdfReader(io.BytesIO(printed.content)).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Pat Lee" in text and "pat@example.org" not in text


def test_others_are_refused_the_report(make_client: MakeClient) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    other = TestClient(clinician.app, headers={"Accept": "text/html"})
    make_clinician(other, "kim@example.org")
    for path in (REPORT, f"{REPORT}.pdf"):
        assert other.get(path).status_code == 404
        assert patient.get(path).status_code == 403
        assert clinician.get(path.replace("/2/", "/99/")).status_code == 404
    anonymous = TestClient(clinician.app, headers={"Accept": "text/html"})
    assert anonymous.get(REPORT, follow_redirects=False).status_code == 303
