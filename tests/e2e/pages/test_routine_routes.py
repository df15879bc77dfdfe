"""A saved routine's own routes over HTTP: edit and save it again, delete it, and share it with a
linked patient, with each refusal (someone else's routine, a clinician's copy, a bad form)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from midback.services import routines

from .conftest import MakeClient, csrf_of, sign_up, storage_of
from .test_clinic_pages import patient_linked_to_clinician
from .test_routine_pages import draft


def saved_routine(client: TestClient) -> str:
    """Save the 'Desk break' routine (id 1) through the builder; the form's CSRF token."""
    token = csrf_of(client.get("/routines/new").text)
    saved = client.post("/routines/new", data=draft(token, "save"), follow_redirects=False)
    assert saved.headers["location"] == "/routines/1?saved=1"
    return token


def names_of(client: TestClient, user_id: int) -> list[str]:
    content: Any = client.app.state.content  # type: ignore[attr-defined]
    views = routines.routines_of(storage_of(client).unit_of_work(), content, user_id)
    return [v.routine.name for v in views]


def test_a_saved_routine_is_edited_in_the_builder_and_saved_again(client: TestClient) -> None:
    sign_up(client)
    token = saved_routine(client)
    moved = client.post("/routines/1", data=draft(token, "down:0"))
    assert moved.status_code == 200 and 'action="/routines/1"' in moved.text
    assert moved.text.index(">Wall angel</a>") < moved.text.index(">Open book</a>")
    wrong = client.post("/routines/1", data=draft(token, "save", name=""))
    assert wrong.status_code == 422 and "Give the routine a name." in wrong.text
    again = client.post(
        "/routines/1", data=draft(token, "save", name="Evening"), follow_redirects=False
    )
    assert again.status_code == 303 and again.headers["location"] == "/routines/1?saved=1"
    assert names_of(client, 1) == ["Evening"]


def test_someone_elses_routine_cannot_be_edited_deleted_or_shared(make_client: MakeClient) -> None:
    owner = make_client()
    sign_up(owner)
    saved_routine(owner)
    other = TestClient(owner.app, headers={"Accept": "text/html"})
    sign_up(other, "eve@example.org")
    token = csrf_of(other.get("/routines/new").text)
    edited = other.post("/routines/1", data=draft(token, "save", name="Mine now"))
    assert edited.status_code == 404 and "No such routine." in edited.text
    assert other.post("/routines/1/delete", data={"csrf_token": token}).status_code == 404
    shared = other.post("/routines/1/share", data={"csrf_token": token, "patient": "1"})
    assert shared.status_code == 404
    assert names_of(owner, 1) == ["Desk break"]


def test_a_routine_is_deleted_once(client: TestClient) -> None:
    sign_up(client)
    token = saved_routine(client)
    gone = client.post("/routines/1/delete", data={"csrf_token": token}, follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/routines?deleted=1"
    assert names_of(client, 1) == []
    again = client.post("/routines/1/delete", data={"csrf_token": token})
    assert again.status_code == 404 and "No such routine." in again.text


def test_a_clinician_shares_a_routine_and_the_patient_cannot_change_or_delete_it(
    make_client: MakeClient,
) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    token = saved_routine(clinician)
    page = clinician.get("/routines/1").text
    assert 'action="/routines/1/share"' in page
    shared = clinician.post(
        "/routines/1/share", data={"csrf_token": token, "patient": "2"}, follow_redirects=False
    )
    assert shared.status_code == 303 and shared.headers["location"] == "/routines/1?shared=1"
    assert names_of(patient, 2) == ["Desk break"]
    mine = csrf_of(patient.get("/routines").text)
    refused = patient.post("/routines/2/delete", data={"csrf_token": mine})
    assert refused.status_code == 403 and "only they can change it" in refused.text
    changed = patient.post("/routines/2", data=draft(mine, "save", name="Mine"))
    assert changed.status_code == 403
    assert names_of(patient, 2) == ["Desk break"]


def test_sharing_needs_a_linked_patient_named_by_a_plain_id(make_client: MakeClient) -> None:
    clinician, _ = patient_linked_to_clinician(make_client)
    token = saved_routine(clinician)
    unreadable = clinician.post("/routines/1/share", data={"csrf_token": token, "patient": "x"})
    assert unreadable.status_code == 400 and "not something you can choose" in unreadable.text
    stranger = clinician.post("/routines/1/share", data={"csrf_token": token, "patient": "77"})
    assert stranger.status_code == 404 and "No such patient." in stranger.text
    assert "text/html" in stranger.headers["content-type"]
    assert names_of(clinician, 1) == ["Desk break"]
