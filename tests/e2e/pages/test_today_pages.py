"""Today, playing the planned session, logging it, and progress, over HTTP."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from fastapi.testclient import TestClient

from midback.content.loader import load_content
from midback.domain.training import LogInput, ProgramRequest
from midback.services import home, logs
from midback.services.plans import PlanCache
from midback.services.programs import create_program
from midback.services.security import utcnow
from midback.services.views import ViewCache

from .conftest import csrf_of, feedback_form, onboard, sign_up, storage_of


def onboarded(client: TestClient) -> None:
    sign_up(client)
    onboard(client)


def test_today_before_onboarding_invites_the_questions(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/today").text
    assert "Let's build your program" in page and 'href="/onboarding"' in page
    assert client.get("/", follow_redirects=False).headers["location"] == "/today"


def test_today_shows_the_session_week_lesson_and_nudge(client: TestClient) -> None:
    onboarded(client)
    page = client.get("/today").text
    assert "Your session for today" in page and 'href="/sessions/' in page
    assert page.count('class="week-strip__day') == 7 and 'aria-current="date"' in page
    assert "(today): planned" in page
    assert "Break up your sitting" in page  # 9 hours a day
    assert "This week's lesson" in page and "/learn/pain-and-when-to-stop" in page
    assert "0</span> sessions in a row" in page


def test_finishing_the_planned_session_logs_it_once_and_updates_today(
    client: TestClient,
) -> None:
    onboarded(client)
    player = client.get("/sessions/today")
    assert player.url.path.startswith("/sessions/20") and "Today&#39;s session" in player.text
    form = feedback_form(player.text, note="Felt looser.")
    results = json.loads(form["results"])
    assert results and all(r["sets_done"] > 0 and not r["skipped"] for r in results)
    results[-1] = {**results[-1], "sets_done": 0, "reps_done": 0, "skipped": True}
    form["results"] = json.dumps(results)
    first = client.post("/play/done", data={**form, "painful": results[0]["exercise"]})
    assert "Saved to your history." in first.text and "1 session</span> in a row" in first.text
    again = client.post("/play/done", data={**form, "painful": results[0]["exercise"]})
    assert "Saved to your history." in again.text  # the same key: replayed, not logged twice
    other = client.post("/play/done", data={**form, "pain_during": "6"})
    assert "already saved" in other.text
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert log.completed and log.note == "Felt looser." and log.planned_session is not None
    assert log.items[-1].skipped and log.items[0].painful
    today = client.get("/today").text
    assert "Nice work today" in today and "Do it again" in today
    assert "1</span> session in a row" in today and "(today): done" in today


def test_the_morning_after_today_asks_about_pain(client: TestClient) -> None:
    onboarded(client)
    yesterday = utcnow().date() - timedelta(days=1)
    body = LogInput(session_date=yesterday, completed=True, pain_during=3, difficulty=4)
    logged = logs.log_session(
        storage_of(client).unit_of_work(), load_content(), 1, body, key="yesterday-0001"
    )
    page = client.get("/today").text
    assert "How is your back this morning?" in page
    assert f'name="log_id" value="{logged.log.id}"' in page
    answer = {"csrf_token": csrf_of(page), "log_id": str(logged.log.id), "pain": "2"}
    noted = client.post("/today/pain", data=answer)
    assert "Your next sessions take that into account" in noted.text
    assert "How is your back this morning?" not in noted.text
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert log.pain_next_day == 2
    assert client.post("/today/pain", data={**answer, "log_id": "999"}).status_code == 404


def test_only_planned_days_play(client: TestClient) -> None:
    onboarded(client)
    assert client.get("/sessions/1999-01-01").status_code == 404
    assert client.get("/sessions/not-a-day").status_code == 404
    quick = client.get("/routine?exercises=open-book,wall-angel")
    assert quick.status_code == 200 and "Your routine" in quick.text
    assert client.get("/routine?exercises=nope").status_code == 404


def test_progress_charts_have_titles_descriptions_and_tables(client: TestClient) -> None:
    onboarded(client)
    client.post("/play/done", data=feedback_form(client.get("/sessions/today").text))
    page = client.get("/progress").text
    assert page.count('<svg class="chart"') == 4  # left and right rotation, adherence, pain
    assert '<title id="m0-title">Seated rotation, left side</title>' in page
    assert "within measurement error (6°)" in page and "Show the numbers" in page
    assert '<th scope="col">Versus first</th>' in page
    measure = client.get("/progress/measure").text
    assert "How to measure" in measure and "m-wall_angel_reach-both" in measure
    token = csrf_of(measure)
    none = client.post("/progress/measure", data={"csrf_token": token})
    assert none.status_code == 422 and "Enter at least one angle" in none.text
    saved = client.post(
        "/progress/measure", data={"csrf_token": token, "m-seated_rotation-right": "33"}
    )
    assert "Saved 1 new reading" in saved.text
    assert re.search(r"24° first and\s+33° latest", saved.text)
    assert "gained 9°, more than the measurement error" in saved.text


def test_pain_that_comes_back_holds_the_program_and_today_says_so(client: TestClient) -> None:
    sign_up(client)
    onboard(client, pain={"pain": "7", "regions": ["mid_back"]})  # starts eased
    today = utcnow().date()
    body = LogInput(session_date=today, completed=True, pain_during=8, difficulty=6)
    logs.log_session(storage_of(client).unit_of_work(), load_content(), 1, body, key="painful-01")
    page = client.get("/today").text
    assert "Your program is on hold" in page and "too painful twice running" in page
    assert "sessions in a row go by with pain of 3 or less" in page
    form = {
        "csrf_token": csrf_of(page),
        "rule": "pain_hold",
        "cleared_on": today.isoformat(),
        "confirm": "yes",
    }
    done = client.post("/health-check/cleared", data=form, follow_redirects=False)
    assert done.headers["location"] == "/today"
    assert "Your program is on hold" not in client.get("/today").text


def test_after_week_eight_today_offers_keeping_the_gains(client: TestClient) -> None:
    """Issue 11: a finished program does not leave Today empty."""
    onboarded(client)
    today = utcnow().date()
    storage = storage_of(client)
    started = today - timedelta(days=63)
    request = ProgramRequest(start_date=started)
    create_program(storage.unit_of_work(), load_content(), 1, request, today=today)
    page = client.get("/today").text
    assert "You finished your program" not in page
    assert "Keeping your gains" in page and 'href="/onboarding?restart=1"' in page


def test_a_future_session_ended_early_is_not_a_missed_session_of_that_day(
    client: TestClient,
) -> None:
    """Ending a later day's session before any set used to store a missed session for that
    later day, before the day had even come."""
    onboarded(client)
    day = utcnow().date()
    content = client.app.state.content  # type: ignore[attr-defined]
    uow = storage_of(client).unit_of_work()
    view = home.today_view(uow, content, PlanCache(), ViewCache(), 1, day)
    assert view.current is not None
    future = next(s.date for s in view.current.sessions if s.date > day).isoformat()
    player = client.get(f"/sessions/{future}")
    assert player.status_code == 200
    form = feedback_form(player.text)
    results = json.loads(form["results"])
    form["results"] = json.dumps(
        [{**r, "sets_done": 0, "reps_done": 0, "skipped": True} for r in results]
    )
    ended = client.post("/play/done", data=form)
    assert "counts as a missed session" not in ended.text
    assert "still planned" in ended.text
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert not log.completed and log.planned_session is None and log.session_date == day


def test_the_speed_of_a_demonstration_is_kept_on_the_way_to_the_player(
    client: TestClient,
) -> None:
    onboarded(client)
    moved = client.get("/sessions/today?speed=20", follow_redirects=False)
    assert re.fullmatch(r"/sessions/\d{4}-\d{2}-\d{2}\?speed=20", moved.headers["location"])
    assert 'data-speed="20"' in client.get(moved.headers["location"]).text
