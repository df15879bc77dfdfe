"""Onboarding over HTTP: one step per post, answers kept in a signed cookie, the red-flag stop,
and the program it ends on."""

from __future__ import annotations

from fastapi.testclient import TestClient

from midback.domain.profile import RedFlag
from midback.domain.vocabulary import Equipment, Position
from midback.services import assessments, programs
from midback.services.security import utcnow

from .conftest import ANSWERS, csrf_of, onboard, sign_up, storage_of


def test_sign_up_leads_into_onboarding_one_step_at_a_time(client: TestClient) -> None:
    token = csrf_of(client.get("/signup").text)
    signed = client.post(
        "/signup",
        data={"email": "ada@example.org", "password": "a long and rare passphrase",
              "disclaimer": "yes", "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert signed.headers["location"] == "/onboarding?welcome=1"
    first = client.get(signed.headers["location"])
    assert first.url.path == "/onboarding/day" and "Welcome to midback" in first.text
    assert "Step 1 of 10" in first.text and 'aria-valuenow="1"' in first.text
    ahead = client.get("/onboarding/pain", follow_redirects=False)
    assert ahead.status_code == 303 and ahead.headers["location"] == "/onboarding/day"
    token = csrf_of(first.text)
    missing = client.post("/onboarding/day", data={"csrf_token": token})
    assert missing.status_code == 422 and 'aria-describedby="sitting-error"' in missing.text
    bad_age = client.post("/onboarding/day", data={"csrf_token": token, "sitting": "9", "age": "7"})
    assert 'id="age-error"' in bad_age.text and 'value="9" checked' in bad_age.text
    assert client.post("/onboarding/day", data={"sitting": "9"}).status_code == 403


def test_the_whole_onboarding_saves_a_profile_and_starts_a_program(client: TestClient) -> None:
    sign_up(client)
    done = onboard(client)
    assert done.headers["location"] == "/onboarding/program"
    assert client.cookies.get("midback_onboarding") is None  # the draft is gone
    page = client.get("/onboarding/program")
    assert page.status_code == 200 and "Your first session" in page.text
    assert "Most of the work goes into turning (rotation)" in page.text
    assert "24°, 21° below the 45° reference" in page.text and "no kneeling" in page.text
    storage = storage_of(client)
    (saved,) = assessments.assessments_of(storage.unit_of_work(), 1)
    profile = saved.profile
    assert Equipment.CHAIR in profile.equipment and Equipment.STICK in profile.equipment
    assert {Position.HALF_KNEELING, Position.TALL_KNEELING, Position.QUADRUPED} <= set(
        profile.positions_to_avoid
    )
    assert profile.sitting_hours_per_day == 9 and profile.age == 44 and not profile.red_flags
    assert len(profile.measurements) == 2
    assert len(programs.programs_of(storage.unit_of_work(), 1)) == 1


def test_going_back_shows_the_answers_and_the_summary_links_each_step(
    client: TestClient,
) -> None:
    sign_up(client)
    token = csrf_of(client.get("/onboarding/day").text)
    for step in ("day", "activity", "time"):
        client.post(f"/onboarding/{step}", data={**ANSWERS[step], "csrf_token": token})
    back = client.get("/onboarding/time").text
    assert 'value="15" checked' in back and 'href="/onboarding/activity"' in back
    session, draft = (client.cookies.get(n, "") for n in ("midback_session", "midback_onboarding"))
    cookie = f"midback_session={session}; midback_onboarding=x{draft}"  # tampered with
    other = TestClient(client.app, headers={"Accept": "text/html", "Cookie": cookie})
    assert other.get("/onboarding", follow_redirects=False).headers["location"] == "/onboarding/day"


def test_measurements_are_optional_and_checked_against_their_protocol(
    client: TestClient,
) -> None:
    sign_up(client)
    onboard(client, until="confirm", measure={"skip": "1"})
    page = client.get("/onboarding/confirm").text
    assert "Skipped: measure later" in page and "Kneeling hurts" in page
    token = csrf_of(page)
    wrong = client.post(
        "/onboarding/measure", data={"m-seated_rotation-left": "120", "csrf_token": token}
    )
    assert wrong.status_code == 422
    assert 'aria-describedby="m-seated_rotation-left-error"' in wrong.text
    assert "120° is out of range: 0 to 90." in wrong.text


def test_an_urgent_answer_ends_the_onboarding_calmly_without_a_program(client: TestClient) -> None:
    sign_up(client)
    flagged = dict.fromkeys(ANSWERS["health"], "no") | {"fever_or_unwell": "yes"}
    done = onboard(client, health=flagged)
    assert done.headers["location"] == "/onboarding/see-a-clinician"
    page = client.get(done.headers["location"]).text
    assert "See a doctor within 24 hours" in page
    assert "can be an infection" in page and "plans no sessions" in page
    storage = storage_of(client)
    (saved,) = assessments.assessments_of(storage.unit_of_work(), 1)
    assert saved.profile.red_flags == [RedFlag.FEVER_OR_UNWELL]
    assert programs.programs_of(storage.unit_of_work(), 1) == []
    today = client.get("/today").text
    assert "See a clinician first" in today and "Start session" not in today
    assert client.get("/sessions/today", follow_redirects=False).headers["location"] == "/today"


def test_an_emergency_comes_first_and_cannot_be_missed(client: TestClient) -> None:
    sign_up(client)
    flagged = dict.fromkeys(ANSWERS["health"], "no") | {
        "chest_pain": "yes",
        "fever_or_unwell": "yes",
    }
    done = onboard(client, health=flagged)
    page = client.get(done.headers["location"]).text
    assert "<title>Call your emergency number now" in page
    emergency = page.index('role="alert"')
    assert emergency < page.index("See a doctor within 24 hours")
    assert "Call your emergency number now" in page[emergency : emergency + 300]
    assert 'value="chest_pain"' not in page  # not clearable by the person


def test_a_routine_answer_holds_the_program_until_the_person_records_a_clearance(
    client: TestClient,
) -> None:
    sign_up(client)
    flagged = dict.fromkeys(ANSWERS["health"], "no") | {"night_or_rest_pain": "yes"}
    done = onboard(client, health=flagged)
    assert done.headers["location"] == "/onboarding/program"
    page = client.get("/onboarding/program", follow_redirects=True).text
    assert "See a clinician before you go on" in page and "Pain that wakes you at night" in page
    assert "Start session" not in client.get("/today").text
    token = csrf_of(page)
    form = {"rule": "night_or_rest_pain", "cleared_on": "2000-01-01", "csrf_token": token}
    refused = client.post("/health-check/cleared", data=form)
    assert refused.status_code == 422 and "confirm" in refused.text.lower()
    form |= {"confirm": "yes", "cleared_on": utcnow().date().isoformat()}
    done = client.post("/health-check/cleared", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/today"
    assert "Start session" in client.get("/today").text
    trail = client.get("/settings").text
    assert "recorded a clinician&#39;s go-ahead after the health check" in trail


def test_pages_for_members_send_visitors_to_log_in(client: TestClient) -> None:
    for path in ("/onboarding/day", "/today", "/progress", "/routines", "/settings", "/clinic"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=%2F"), path


def test_when_no_exercise_fits_today_says_so_and_offers_to_answer_again(
    client: TestClient,
) -> None:
    sign_up(client)
    every = ["kneeling", "floor", "lying_front", "lying_back", "standing"]
    onboard(client, equipment={"chair": "no"}, positions={"avoid": every})
    page = client.get("/onboarding/program").text
    today = client.get("/today").text
    assert "No program fits your answers yet" in page
    assert "No program fits your answers yet" in today and "/onboarding?restart=1" in today
    assert "You finished your program" not in today


def test_the_review_shows_the_health_check_answers(client: TestClient) -> None:
    """The review used to say "No to every question" even after a yes."""
    sign_up(client)
    health = {**ANSWERS["health"], "night_or_rest_pain": "yes"}
    onboard(client, until="confirm", health=health)
    review = client.get("/onboarding/confirm").text
    assert "No to every question" not in review
    assert "Yes to 1: Does your back pain wake you at night" in review


def test_the_measure_step_offers_only_tests_the_person_can_do(client: TestClient) -> None:
    """Floor tests used to be offered to someone who cannot get to the floor, and stick tests to
    someone without a stick."""
    sign_up(client)
    onboard(client, until="measure", positions={"avoid": []})  # with a chair and a stick
    everything = client.get("/onboarding/measure").text
    assert "Half-kneeling rotation" in everything and "Lumbar-locked rotation" in everything
    no_stick = {"chair": "yes", "equipment": []}
    onboard(client, until="measure", equipment=no_stick, positions={"avoid": []})
    kit = client.get("/onboarding/measure").text
    assert "Half-kneeling rotation" not in kit  # held with a stick only
    assert "Lumbar-locked rotation" in kit and "Seated rotation" in kit
    onboard(client, until="measure", positions={"avoid": ["floor"]})
    offered = client.get("/onboarding/measure").text
    assert "Half-kneeling rotation" not in offered and "Lumbar-locked rotation" not in offered
    assert "Seated rotation" in offered and "Standing extension" in offered
