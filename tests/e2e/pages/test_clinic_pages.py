"""The clinician's desk over HTTP: invites, the patient list, a patient's page (audited),
assigning a routine and adjusting the program; and what the patient sees of it."""

from __future__ import annotations

import io
import json
import re

from fastapi.testclient import TestClient
from pypdf import PdfReader

from midback.domain.accounts import User
from midback.services import accounts, home, sharing
from midback.services.plans import PlanCache
from midback.services.security import utcnow
from midback.services.views import ViewCache

from .conftest import (
    ANSWERS,
    MakeClient,
    csrf_of,
    feedback_form,
    make_clinician,
    onboard,
    sign_up,
    storage_of,
)


def patient_linked_to_clinician(make_client: MakeClient) -> tuple[TestClient, TestClient]:
    clinician = make_client()
    make_clinician(clinician)
    patient = TestClient(clinician.app, headers={"Accept": "text/html"})
    sign_up(patient, "pat@example.org")
    onboard(patient)
    desk = clinician.get("/clinic").text
    made = clinician.post("/clinic/invites", data={"csrf_token": csrf_of(desk)})
    code = re.search(r"<code>([A-Z0-9-]+)</code>", made.text)
    assert code, made.text
    settings = patient.get("/settings").text
    linked = patient.post(
        "/settings/links", data={"csrf_token": csrf_of(settings), "code": code.group(1)}
    )
    assert "You are linked" in linked.text and "sam@example.org" in linked.text
    return clinician, patient


def test_the_desk_is_for_clinicians(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/clinic")
    assert page.status_code == 403 and "for clinician accounts" in page.text
    assert 'href="/clinic"' not in client.get("/today").text


def test_a_clinician_follows_a_patient_and_every_look_is_in_their_trail(
    make_client: MakeClient,
) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    patient.post(
        "/play/done", data=feedback_form(patient.get("/sessions/today").text, pain_during="7")
    )
    desk = clinician.get("/clinic").text
    assert 'href="/clinic/patients/2"' in desk and "pat@example.org" in desk
    assert "pain 7/10 at the last session" in desk and 'class="is-flagged"' in desk
    record = clinician.get("/clinic/patients/2").text
    assert "Sessions" in record and "<td>7</td>" in record
    assert '<title id="pm0-title">Seated rotation, left side</title>' in record
    trail = patient.get("/settings").text
    assert "saw you in their patient list" in trail and "looked at your record" in trail
    assert clinician.get("/clinic/patients/99").status_code == 404


def test_a_clinician_assigns_a_routine_and_adjusts_the_program(make_client: MakeClient) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    token = csrf_of(clinician.get("/routines/new?add=wall-angel").text)
    rows = {"exercise": ["wall-angel"], "side": ["both"], "sets": ["2"], "reps": ["10"],
            "hold_s": ["0"], "rest_s": ["30"]}  # fmt: skip
    clinician.post(
        "/routines/new", data={"csrf_token": token, "name": "Wall work", "op": "save", **rows}
    )
    assigned = clinician.post(
        "/clinic/patients/2/routine", data={"csrf_token": token, "routine": "1"}
    )
    assert "Routine assigned" in assigned.text and "Given so far: Wall work." in assigned.text
    mine = patient.get("/routines").text
    assert "From your clinician" in mine and "Wall work" in mine
    given = patient.get("/routines/2").text
    assert "only they can change it" in given and 'name="op"' not in given
    first_planned = re.search(r'name="exclude" value="([a-z0-9-]+)"', assigned.text)
    assert first_planned
    excluded = first_planned.group(1)
    adjusted = clinician.post(
        "/clinic/patients/2/program",
        data={"csrf_token": token, "exclude": excluded, "note": "Go gently this week."},
    )
    assert "Program adjusted" in adjusted.text and "Go gently this week." in adjusted.text
    content = patient.app.state.content  # type: ignore[attr-defined]
    uow = storage_of(patient).unit_of_work()
    view = home.today_view(uow, content, PlanCache(), ViewCache(), 2, utcnow().date())
    assert view.current is not None
    assert all(i.exercise != excluded for s in view.current.sessions for i in s.items)


def test_a_patient_ends_the_link_and_the_clinician_sees_nothing(make_client: MakeClient) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    settings = patient.get("/settings").text
    link_id = re.search(r'action="/settings/links/(\d+)/revoke"', settings)
    assert link_id
    ended = patient.post(
        f"/settings/links/{link_id.group(1)}/revoke", data={"csrf_token": csrf_of(settings)}
    )
    assert "No clinician is linked." in ended.text
    assert clinician.get("/clinic/patients/2").status_code == 404
    user: User = accounts.get_user(storage_of(patient).unit_of_work(), email="pat@example.org")
    assert [e.action for e in sharing.audit_trail(storage_of(patient).unit_of_work(), user)][0] == (
        "clinician_link.revoked"
    )


def test_the_linked_clinician_clears_a_held_patient_and_it_is_in_their_trail(
    make_client: MakeClient,
) -> None:
    clinician = make_client()
    make_clinician(clinician)
    patient = TestClient(clinician.app, headers={"Accept": "text/html"})
    sign_up(patient, "pat@example.org")
    flagged = dict.fromkeys(ANSWERS["health"], "no") | {"night_or_rest_pain": "yes"}
    onboard(patient, health=flagged)
    desk = clinician.get("/clinic").text
    made = clinician.post("/clinic/invites", data={"csrf_token": csrf_of(desk)})
    code = re.search(r"<code>([A-Z0-9-]+)</code>", made.text)
    assert code
    settings = patient.get("/settings").text
    patient.post("/settings/links", data={"csrf_token": csrf_of(settings), "code": code.group(1)})
    page = clinician.get("/clinic/patients/2").text
    assert "Health check: waiting for a clinician" in page and "on hold" in page
    form = {
        "csrf_token": csrf_of(page),
        "rule": "night_or_rest_pain",
        "clearance_on": utcnow().date().isoformat(),
        "clearance_scope": "mid-back pain",
        "clearance_note": "Mechanical pain, fine to exercise.",
    }
    done = clinician.post("/clinic/patients/2/clearance", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert "waiting for a clinician" not in clinician.get("/clinic/patients/2").text
    assert "Start session" in patient.get("/today").text
    trail = patient.get("/settings").text
    assert "sam@example.org" in trail and "go-ahead after the health check" in trail


def test_the_clinicians_note_reaches_the_patient_on_today_and_in_the_player(
    make_client: MakeClient,
) -> None:
    """The note used to reach the patient only in the printed handout."""
    clinician, patient = patient_linked_to_clinician(make_client)
    assert "A note from your clinician" not in patient.get("/today").text
    token = csrf_of(clinician.get("/clinic/patients/2").text)
    clinician.post(
        "/clinic/patients/2/program", data={"csrf_token": token, "note": "Breathe out & turn."}
    )
    today = patient.get("/today").text
    assert "A note from your clinician" in today and "Breathe out &amp; turn." in today
    player = patient.get("/sessions/today").text
    assert "A note from your clinician:" in player and "Breathe out &amp; turn." in player


def test_the_handout_leaves_the_email_out_and_tables_name_exercises(
    make_client: MakeClient,
) -> None:
    """The handout's name line printed the patient's email; tables and notes showed raw ids."""
    clinician, patient = patient_linked_to_clinician(make_client)
    printed = clinician.get("/clinic/patients/2/handout.pdf")
    assert printed.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed.content)).pages)
    assert "pat@example.org" not in text and "Name" in text
    player = patient.get("/sessions/today").text
    form = feedback_form(player)
    hurt = json.loads(form["results"])[0]["exercise"]
    patient.post("/play/done", data={**form, "painful": hurt})
    content = clinician.app.state.content  # type: ignore[attr-defined]
    name = content.exercises[hurt].name
    record = clinician.get("/clinic/patients/2").text
    assert f"hurt: {name}</span>" in record
    token = csrf_of(record)
    clinician.post("/clinic/patients/2/program", data={"csrf_token": token, "exclude": hurt})
    uow = storage_of(patient).unit_of_work()
    view = home.today_view(uow, content, PlanCache(), ViewCache(), 2, utcnow().date())
    assert view.current is not None
    reasons = " ".join(view.current.plan.reasons)
    assert f"left out {name}" in reasons and f"left out {hurt}" not in reasons


def test_a_display_name_shows_on_the_desk_and_the_handout(make_client: MakeClient) -> None:
    """A patient appeared by email only, and the handout's name line printed the email."""
    clinician, patient = patient_linked_to_clinician(make_client)
    token = csrf_of(patient.get("/settings").text)
    too_long = patient.post("/settings/name", data={"csrf_token": token, "display_name": "x" * 81})
    assert too_long.status_code == 422 and "Use at most 80 characters." in too_long.text
    named = patient.post("/settings/name", data={"csrf_token": token, "display_name": " Pat  Lee "})
    assert "Name saved." in named.text and 'value="Pat Lee"' in named.text
    desk = clinician.get("/clinic").text
    assert ">Pat Lee</a>" in desk and "pat@example.org" in desk
    assert "<h1>Pat Lee</h1>" in clinician.get("/clinic/patients/2").text
    printed = clinician.get("/clinic/patients/2/handout.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed.content)).pages)
    assert "Pat Lee" in text and "pat@example.org" not in text


def test_sign_up_takes_an_optional_name(client: TestClient) -> None:
    token = csrf_of(client.get("/signup").text)
    form = {"email": "kim@example.org", "password": "a long and rare passphrase",
            "disclaimer": "yes", "display_name": "Kim", "csrf_token": token}  # fmt: skip
    assert client.post("/signup", data=form, follow_redirects=False).status_code == 303
    assert 'value="Kim"' in client.get("/settings").text
