"""The player's feedback asks whether anything new has started (the health check's own
questions, emergency signs first): an emergency answer shows the emergency message at once, a
routine one holds the program and says so."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi.testclient import TestClient

from midback.content.loader import load_content
from midback.services import logs
from midback.services.security import utcnow

from .conftest import csrf_of, feedback_form, onboard, sign_up, storage_of


def asked_questions() -> list[tuple[str, str]]:
    screen = load_content().safety().screen
    return [(q.id.value, q.question) for q in screen.asked_during_program()]


def onboarded(client: TestClient) -> None:
    sign_up(client)
    onboard(client)


def test_the_form_asks_the_screen_questions_emergency_signs_first(client: TestClient) -> None:
    onboarded(client)
    page = client.get("/sessions/today").text
    questions = asked_questions()
    assert questions[0][0] == "chest_pain"
    places = []
    for flag, question in questions:
        box = f'name="new_symptoms" value="{flag}"'
        assert box in page, flag
        assert html.escape(question, quote=True) in page or question in page
        places.append(page.index(box))
    assert places == sorted(places)
    assert "history_of_cancer" not in page  # not something that newly appears in a session


def test_an_emergency_answer_shows_the_emergency_message_and_stops_the_program(
    client: TestClient,
) -> None:
    onboarded(client)
    form: dict[str, Any] = feedback_form(client.get("/sessions/today").text)
    answer = client.post("/play/done", data={**form, "new_symptoms": ["chest_pain"]})
    assert answer.status_code == 200
    page = answer.text
    assert "<title>Call your emergency number now" in page
    alert = page.index('role="alert"')
    assert "Call your emergency number now" in page[alert : alert + 300]
    assert "Saved to your history" not in page
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert [flag.value for flag in log.new_symptoms] == ["chest_pain"]
    today = client.get("/today").text
    assert "Your session for today" not in today
    assert 'href="/onboarding/see-a-clinician"' in today
    referral = client.get("/onboarding/see-a-clinician").text
    assert "<title>Call your emergency number now" in referral


def test_an_urgent_answer_shows_the_referral_page_with_its_clearance_form(
    client: TestClient,
) -> None:
    onboarded(client)
    form: dict[str, Any] = feedback_form(client.get("/sessions/today").text)
    page = client.post("/play/done", data={**form, "new_symptoms": ["fever_or_unwell"]}).text
    assert "See a doctor within 24 hours" in page and 'role="alert"' not in page
    assert "A clinician has cleared me" in page


def test_a_routine_answer_thanks_holds_and_today_says_so(client: TestClient) -> None:
    onboarded(client)
    form: dict[str, Any] = feedback_form(client.get("/sessions/today").text)
    page = client.post("/play/done", data={**form, "new_symptoms": ["night_or_rest_pain"]}).text
    assert "Saved to your history." in page
    assert "See a clinician before you go on" in page
    today = client.get("/today").text
    assert "Your program is on hold" in today
    # The hold card's "I have seen a clinician" records it (a clearance, in the audit trail).
    rule = re.search(r'name="rule" value="([^"]+)"', today)
    assert rule is not None and rule.group(1) == "night_or_rest_pain"
    seen = {
        "csrf_token": csrf_of(today),
        "rule": rule.group(1),
        "cleared_on": utcnow().date().isoformat(),
        "confirm": "yes",
    }
    done = client.post("/health-check/cleared", data=seen, follow_redirects=False)
    assert done.headers["location"] == "/today"
    assert "Your program is on hold" not in client.get("/today").text


def test_no_answer_changes_nothing_and_a_made_up_one_is_refused(client: TestClient) -> None:
    onboarded(client)
    form: dict[str, Any] = feedback_form(client.get("/sessions/today").text)
    made_up = client.post("/play/done", data={**form, "new_symptoms": ["a_headache"]})
    assert made_up.status_code == 400
    plain = client.post("/play/done", data=form).text
    assert "Saved to your history." in plain and "See a clinician" not in plain
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert log.new_symptoms == () and not log.seen_clinician


def test_without_an_account_an_emergency_answer_still_shows_at_once(client: TestClient) -> None:
    player = client.get("/routine?exercises=open-book,wall-angel").text
    form: dict[str, Any] = feedback_form(player)
    page = client.post("/play/done", data={**form, "new_symptoms": ["saddle_numbness"]}).text
    assert "<title>Call your emergency number now" in page
    assert "A clinician has cleared me" not in page  # nothing stored, nothing to clear
