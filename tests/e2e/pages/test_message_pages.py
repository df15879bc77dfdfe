"""Messages over HTTP: a patient writes from `/messages`, the clinician sees it on the desk and
answers from the patient's page, the patient sees the answer on Today; strangers get 404."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient

from midback.services import names

from .conftest import MakeClient, csrf_of, make_clinician, sign_up, storage_of


def linked(make_client: MakeClient) -> tuple[TestClient, TestClient]:
    """A clinician (Sam Rivera) and a patient (Ada) linked through an invite code."""
    clinician = make_client()
    make_clinician(clinician)
    patient = TestClient(clinician.app, headers={"Accept": "text/html"})
    sign_up(patient, "pat@example.org")
    made = clinician.post(
        "/clinic/invites", data={"csrf_token": csrf_of(clinician.get("/clinic").text)}
    )
    code = re.search(r"<code>([A-Z0-9-]+)</code>", made.text)
    assert code, made.text
    token = csrf_of(patient.get("/settings").text)
    patient.post("/settings/links", data={"csrf_token": token, "code": code.group(1)})
    storage = storage_of(clinician)
    names.set_display_name(storage.unit_of_work(), 1, "Sam Rivera")
    names.set_display_name(storage.unit_of_work(), 2, "Ada Lovelace")
    return clinician, patient


def test_a_patient_and_a_clinician_talk(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clinician, patient = linked(make_client)
    inbox = patient.get("/messages").text
    assert 'href="/messages/1"' in inbox and "Sam Rivera" in inbox
    assert "sam@example.org" not in inbox
    thread = patient.get("/messages/1").text
    assert "No messages yet" in thread
    sent = patient.post(
        "/messages/1",
        data={"csrf_token": csrf_of(thread), "body": "Does the ache after rotations matter?"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"] == "/messages/1?sent=1#latest"
    assert "ache" not in sent.headers["location"]
    desk = clinician.get("/clinic").text
    assert "1 new" in desk and 'href="/clinic/patients/2/messages"' in desk
    assert 'href="/clinic/patients/2/messages"' in clinician.get("/clinic/patients/2").text
    listed = clinician.get("/messages").text
    assert 'href="/clinic/patients/2/messages"' in listed and "1 new" in listed
    assert "Ada Lovelace" in listed and "Your conversations" in listed
    opened = clinician.get("/clinic/patients/2/messages").text
    assert "Does the ache after rotations matter?" in opened and "Ada Lovelace" in opened
    assert "1 new" not in clinician.get("/clinic").text  # opening marked it read
    clinician.post(
        "/clinic/patients/2/messages",
        data={"csrf_token": csrf_of(opened), "body": "A mild ache that eases is fine."},
    )
    today = patient.get("/today").text
    assert "1 new message from your physiotherapist" in today
    answer = patient.get("/messages/1").text
    assert "A mild ache that eases is fine." in answer
    assert "Messages with your physiotherapist" in patient.get("/today").text
    assert "rotations matter" not in caplog.text and "eases is fine" not in caplog.text


def test_bad_messages_and_strangers_are_refused(make_client: MakeClient) -> None:
    clinician, patient = linked(make_client)
    page = patient.get("/messages/1").text
    empty = patient.post("/messages/1", data={"csrf_token": csrf_of(page), "body": "  "})
    assert empty.status_code == 422 and "Write a message first." in empty.text
    long = patient.post("/messages/1", data={"csrf_token": csrf_of(page), "body": "x" * 2001})
    assert long.status_code == 422 and 'aria-invalid="true"' in long.text
    forged = patient.post("/messages/1", data={"csrf_token": "nope", "body": "hi"})
    assert forged.status_code == 403
    stranger = TestClient(clinician.app, headers={"Accept": "text/html"})
    sign_up(stranger, "eve@example.org")
    assert stranger.get("/messages/1").status_code == 404
    assert stranger.get("/messages/2").status_code == 404
    token = csrf_of(stranger.get("/settings").text)
    assert stranger.post("/messages/1", data={"csrf_token": token, "body": "hi"}).status_code == 404
    assert "not linked to a physiotherapist" in stranger.get("/messages").text
    assert stranger.get("/clinic/patients/2/messages").status_code == 403
    assert patient.get("/messages/3").status_code == 404
    anonymous = TestClient(clinician.app, headers={"Accept": "text/html"})
    assert anonymous.get("/messages", follow_redirects=False).status_code == 303
