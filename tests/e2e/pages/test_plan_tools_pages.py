"""The everyday tools over HTTP: a history a person can fix (correct a pain rating, delete a
mistaken log, seen by their clinician), every week ahead, and managing the plan's settings."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from midback.content.loader import load_content
from midback.domain.training import LogInput
from midback.services import logs, plans
from midback.services.security import utcnow

from .conftest import MakeClient, csrf_of, onboard, sign_up, storage_of
from .test_clinic_pages import patient_linked_to_clinician


def log_days_ago(client: TestClient, user_id: int, days: int, pain: int = 3) -> int:
    body = LogInput(
        session_date=utcnow().date() - timedelta(days=days),
        completed=True,
        pain_during=pain,
        difficulty=4,
    )
    logged = logs.log_session(
        storage_of(client).unit_of_work(), load_content(), user_id, body, key=f"k-{days}-{pain}"
    )
    return logged.log.id


def version_of(client: TestClient, user_id: int) -> int:
    with storage_of(client).unit_of_work(read_only=True) as uow:
        return uow.plan_inputs.version(user_id)


@pytest.mark.parametrize(
    "path", ["/history", "/history/1", "/history/1/delete", "/plan/weeks", "/plan/manage"]
)
def test_the_tools_send_the_anonymous_to_log_in(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={quote(path, safe='')}"


def test_the_history_lists_sessions_newest_first_a_page_at_a_time(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    for days in range(22):
        log_days_ago(client, 1, days)
    first = client.get("/history").text
    today = utcnow().date()
    assert first.count('href="/history/') == 20 and "Older sessions" in first
    assert first.index(f"{today.day} {today.strftime('%b')}") < first.index("Fix or delete<")
    second = client.get("/history?page=2").text
    assert second.count('href="/history/') == 2 and "Newer sessions" in second
    assert "Older sessions" not in second
    assert client.get("/history?page=nope").status_code == 400
    assert 'href="/history"' in client.get("/today").text


def test_correcting_a_pain_rating_moves_the_plan_on_and_is_audited(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    log_id = log_days_ago(client, 1, 1, pain=8)
    before = version_of(client, 1)
    page = client.get(f"/history/{log_id}").text
    assert '<option value="8" selected>' in page
    form = {"csrf_token": csrf_of(page), "pain_during": "2", "pain_next_day": ""}
    done = client.post(f"/history/{log_id}/pain", data=form)
    assert "Your plan now uses the corrected rating" in done.text
    log = logs.get_log(storage_of(client).unit_of_work(), 1, log_id)
    assert log.pain_during == 2 and log.pain_next_day is None
    assert version_of(client, 1) != before
    trail = client.get("/settings").text
    assert "corrected the pain rating of a session" in trail
    bad = client.post(f"/history/{log_id}/pain", data={**form, "pain_during": "11"})
    assert bad.status_code == 400 and "from 0 to 10" in bad.text


def test_deleting_a_log_asks_first_needs_the_token_and_the_plan_forgets_it(
    client: TestClient,
) -> None:
    sign_up(client)
    onboard(client)
    log_id = log_days_ago(client, 1, 0)
    confirm = client.get(f"/history/{log_id}/delete").text
    assert "It cannot be undone" in confirm
    refused = client.post(f"/history/{log_id}/delete", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    assert len(logs.logs_of(storage_of(client).unit_of_work(), 1)) == 1
    done = client.post(f"/history/{log_id}/delete", data={"csrf_token": csrf_of(confirm)})
    assert "Your plan no longer counts that session" in done.text
    assert logs.logs_of(storage_of(client).unit_of_work(), 1) == []
    assert client.get(f"/history/{log_id}").status_code == 404


def test_another_persons_log_is_not_found(make_client: MakeClient) -> None:
    ada = make_client()
    sign_up(ada)
    onboard(ada)
    log_id = log_days_ago(ada, 1, 1)
    eve = TestClient(ada.app, headers={"Accept": "text/html"})
    sign_up(eve, "eve@example.org")
    page = eve.get("/history").text
    assert f'href="/history/{log_id}"' not in page
    token = csrf_of(page)
    assert eve.get(f"/history/{log_id}").status_code == 404
    assert eve.get(f"/history/{log_id}/delete").status_code == 404
    fix = eve.post(f"/history/{log_id}/pain", data={"csrf_token": token, "pain_during": "0"})
    assert fix.status_code == 404
    gone = eve.post(f"/history/{log_id}/delete", data={"csrf_token": token})
    assert gone.status_code == 404
    (kept,) = logs.logs_of(storage_of(ada).unit_of_work(), 1)
    assert kept.pain_during == 3


def test_the_clinician_sees_what_the_patient_changed(make_client: MakeClient) -> None:
    clinician, patient = patient_linked_to_clinician(make_client)
    patient_id = 2
    first = log_days_ago(patient, patient_id, 2, pain=7)
    second = log_days_ago(patient, patient_id, 1, pain=5)
    page = patient.get(f"/history/{first}").text
    patient.post(f"/history/{first}/pain", data={"csrf_token": csrf_of(page), "pain_during": "1"})
    patient.post(f"/history/{second}/delete", data={"csrf_token": csrf_of(page)})
    record = clinician.get(f"/clinic/patients/{patient_id}").text
    assert "Changes the patient made to their sessions" in record
    day = (utcnow().date() - timedelta(days=2)).isoformat()
    assert f"corrected the session of {day}: pain during 7 to 1" in record
    assert "deleted the session of" in record


def test_all_the_weeks_ahead(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/plan/weeks").text
    current = plans.current_plan(
        storage_of(client).unit_of_work(), load_content(), plans.PlanCache(), 1
    )
    assert current is not None
    assert len(current.plan.weeks) == 8
    assert page.count('<section aria-labelledby="week-') == 8 and "Week 8" in page
    assert page.count('href="/sessions/') == len(current.sessions)
    assert "minutes" in page and 'href="/plan/weeks"' in client.get("/today").text


def test_the_weeks_page_before_a_program_goes_to_today(client: TestClient) -> None:
    sign_up(client)
    response = client.get("/plan/weeks", follow_redirects=False)
    assert response.headers["location"] == "/today"
    assert client.get("/plan/manage", follow_redirects=False).headers["location"] == "/onboarding"


def test_managing_the_plan_stores_a_new_version_and_the_plan_follows(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    store = storage_of(client)
    content = load_content()
    before = plans.current_plan(store.unit_of_work(), content, plans.PlanCache(), 1)
    assert before is not None and before.plan.weeks[0].sessions
    page = client.get("/plan/manage").text
    assert 'value="15" checked' in page and 'value="kneeling" checked' in page
    form = {
        "csrf_token": csrf_of(page),
        "minutes": "10",
        "days": "3",
        "equipment": ["chair"],
        "avoid": ["kneeling", "floor"],
    }
    saved = client.post("/plan/manage", data=form)
    assert "Your sessions from today on fit your new answers" in saved.text
    assert 'value="3" checked' in saved.text and 'value="floor" checked' in saved.text
    with store.unit_of_work(read_only=True) as uow:
        first, latest = uow.assessments.of_user(1)
    assert (first.profile.days_per_week, latest.profile.days_per_week) == (5, 3)
    assert latest.profile.minutes_per_day == 10 and latest.profile.red_flags == []
    assert latest.profile.measurements == first.profile.measurements
    after = plans.current_plan(store.unit_of_work(), content, plans.PlanCache(), 1)
    assert after is not None and after.program.id == before.program.id
    assert max(len(week.sessions) for week in after.plan.weeks) == 3
    assert all(
        "kneeling" not in content.exercises[i.exercise].position.value
        for s in after.sessions
        for i in s.items
    )


def test_managing_the_plan_explains_a_bad_answer(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    token = csrf_of(client.get("/plan/manage").text)
    bad = client.post(
        "/plan/manage", data={"csrf_token": token, "minutes": "", "days": "9", "avoid": "x"}
    )
    assert bad.status_code == 400
    assert "Choose how many minutes" in bad.text and "Choose how many days a week" in bad.text
    forged = client.post("/plan/manage", data={"csrf_token": "forged", "minutes": "10"})
    assert forged.status_code == 403


def test_pausing_shows_paused_on_today_and_resuming_brings_the_sessions_back(
    client: TestClient,
) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/plan/manage").text
    assert "Pause my program" in page
    refused = client.post("/plan/pause", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    today_page = client.post("/plan/pause", data={"csrf_token": csrf_of(page)}).text
    assert "Your program is paused" in today_page and "Resume my program" in today_page
    assert "Start session" not in today_page and "No program fits" not in today_page
    weeks = client.get("/plan/weeks").text
    assert "Your program is paused" in weeks and 'href="/sessions/' not in weeks
    again = client.post("/plan/pause", data={"csrf_token": csrf_of(page)})
    assert "Your program is paused" in again.text  # a form sent twice changes nothing
    back = client.post("/plan/resume", data={"csrf_token": csrf_of(today_page)}).text
    assert "Welcome back" in back and "Your session for today" in back
    assert 'href="/sessions/' in client.get("/plan/weeks").text


def test_pause_and_resume_send_the_anonymous_to_log_in(client: TestClient) -> None:
    for path in ("/plan/pause", "/plan/resume", "/plan/manage"):
        response = client.post(path, data={}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


def settings_form(page: str, **more: object) -> dict[str, object]:
    """The manage form as it stands (the onboarding's answers), with `more` on top."""
    base: dict[str, object] = {
        "csrf_token": csrf_of(page),
        "minutes": "15",
        "days": "5",
        "equipment": ["chair", "stick"],
        "avoid": ["kneeling"],
    }
    return {**base, **more}


def test_changing_precautions_to_an_early_operation_holds_the_plan_like_onboarding(
    client: TestClient,
) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/plan/manage").text
    assert "I had an operation in the last six months" in page and 'name="surgery_site"' in page
    form = settings_form(page, precautions=["recent_surgery"], surgery_site="spine")
    saved = client.post("/plan/manage", data=form)
    assert "Your sessions from today on fit your new answers" in saved.text
    assert 'value="recent_surgery" checked' in saved.text and 'value="spine" checked' in saved.text
    today_page = client.get("/today").text
    assert "See a clinician first" in today_page and "Start session" not in today_page
    assert 'href="/onboarding/see-a-clinician"' in today_page
    with storage_of(client).unit_of_work(read_only=True) as uow:
        latest = uow.assessments.latest(1)
    assert latest is not None and latest.profile.surgery is not None
    assert (
        latest.profile.surgery.site.value == "spine" and latest.profile.surgery.weeks_since is None
    )
    # cleared by a clinician's say-so, long enough ago: the precaution stays, the plan goes on
    form = settings_form(page, precautions=["recent_surgery"], surgery_site="spine")
    form["surgery_weeks"] = "30"
    client.post("/plan/manage", data=form)
    assert "Start session" in client.get("/today").text


def test_a_bad_operation_answer_is_explained_as_in_onboarding(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/plan/manage").text
    form = settings_form(page, precautions=["recent_surgery"], surgery_weeks="soon")
    bad = client.post("/plan/manage", data=form)
    assert bad.status_code == 400 and "Enter whole weeks since the operation" in bad.text


def test_skip_todays_session_from_today(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/today").text
    assert "Skip this session" in page and "Move this session" in page
    day = utcnow().date()
    form = {"csrf_token": csrf_of(page), "day": day.isoformat(), "back": "today"}
    response = client.post("/plan/sessions/skip", data=form, follow_redirects=False)
    assert response.headers["location"] == "/today?changed=skipped"
    after = client.get("/today?changed=skipped").text
    assert "Skipped. It does not count as missed" in after and "Next session" in after
    weeks = client.get("/plan/weeks").text
    assert "skipped on purpose" in weeks
    assert f'href="/sessions/{day.isoformat()}"' not in weeks
    assert client.get(f"/sessions/{day.isoformat()}").status_code == 404  # the player follows
    again = client.post("/plan/sessions/skip", data=form)
    assert again.status_code == 400 and "There is no session planned on that day" in again.text
    weeks_later = (day + timedelta(days=35)).isoformat()  # day 0 of week 6: a session
    later = client.post("/plan/sessions/skip", data={**form, "day": weeks_later, "back": "weeks"})
    assert later.text.count("skipped on purpose") == 2 and later.url.path == "/plan/weeks"
    assert client.get(f"/sessions/{weeks_later}").status_code == 404


def test_move_a_session_within_its_week_from_the_week_view(client: TestClient) -> None:
    sign_up(client)
    onboard(client)  # five days a week from today: days 0, 1, 2, 4 and 5 of each week
    page = client.get("/plan/weeks").text
    today = utcnow().date()
    free, taken = today + timedelta(days=3), today + timedelta(days=1)
    assert f'<option value="{free.isoformat()}"' in page
    form = {"csrf_token": csrf_of(page), "day": today.isoformat(), "to": free.isoformat()}
    response = client.post("/plan/sessions/move", data=form, follow_redirects=False)
    assert response.headers["location"] == "/plan/weeks?changed=moved"
    weeks = client.get("/plan/weeks?changed=moved").text
    assert "Moved. The session is on its new day" in weeks
    assert f'href="/sessions/{free.isoformat()}"' in weeks
    assert f'href="/sessions/{today.isoformat()}"' not in weeks
    assert "Next session" in client.get("/today").text
    assert client.get(f"/sessions/{free.isoformat()}").status_code == 200
    assert client.get(f"/sessions/{today.isoformat()}").status_code == 404
    onto = {**form, "day": free.isoformat(), "to": taken.isoformat()}
    refused = client.post("/plan/sessions/move", data=onto)
    assert refused.status_code == 400 and "That day has a session already" in refused.text
    later = {**form, "day": free.isoformat(), "to": (today + timedelta(days=30)).isoformat()}
    assert client.post("/plan/sessions/move", data=later).status_code == 400
    forged = client.post("/plan/sessions/move", data={**form, "csrf_token": "forged"})
    assert forged.status_code == 403


def test_skip_and_move_send_the_anonymous_to_log_in(client: TestClient) -> None:
    for path in ("/plan/sessions/skip", "/plan/sessions/move"):
        response = client.post(path, data={}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
