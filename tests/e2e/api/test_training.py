"""Assessments, programs, today's session, logs, routines, progress and favourites over HTTP."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.e2e.api.conftest import PASSWORD, Api, Person, assert_error
from tests.support.training import ROUTINE, log_body, profile, today

KEY = "Idempotency-Key"


def start(api: Api, person: Person, **overrides: Any) -> dict[str, Any]:
    """Save the example profile and start a program; returns the POST /programs body."""
    saved = api.client.post("/api/v1/assessments", json=profile(**overrides), headers=person.auth)
    assert saved.status_code == 201, saved.text
    created = api.client.post("/api/v1/programs", headers=person.auth)
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


def post_log(api: Api, person: Person, body: dict[str, Any], key: str) -> Any:
    """POST /logs with an idempotency key."""
    return api.client.post("/api/v1/logs", json=body, headers={**person.auth, KEY: key})


def test_a_bad_profile_lists_every_problem_by_field(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    bad = profile(
        minutes_per_day=2,
        days_per_week=9,
        measurements=[{"protocol": "x", "side": "left", "degrees": 30}],
    )
    error = assert_error(
        tapi.client.post("/api/v1/assessments", json=bad, headers=ada.auth), 422, "invalid_input"
    )
    assert [f["field"] for f in error["fields"]] == [
        "minutes_per_day",
        "days_per_week",
        "measurements.0.protocol",
    ]
    assert "allowed" in error["fields"][0]["message"]
    not_an_object = tapi.client.post("/api/v1/assessments", json=[1, 2], headers=ada.auth)
    assert_error(not_an_object, 422, "invalid_input")


def test_program_today_and_a_log_that_adapts_the_plan(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    assert_error(tapi.client.post("/api/v1/programs", headers=ada.auth), 409, "conflict")
    assert_error(tapi.client.get("/api/v1/programs/today", headers=ada.auth), 404, "not_found")
    created = start(tapi, ada)
    assert created["program"]["version"] == 1 and created["plan"]["status"] == "ok"
    todays = tapi.client.get("/api/v1/programs/today", headers=ada.auth).json()
    assert todays["date"] == str(today()) and todays["session"]["date"] >= str(today())
    painful = log_body(today() - timedelta(days=1), pain_during=8)
    painful["items"][0]["painful"] = True
    assert post_log(tapi, ada, painful, "k-1").status_code == 201
    plan = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    assert any("open-book hurt" in reason for reason in plan["reasons"])
    upcoming = [s for w in plan["weeks"] for s in w["sessions"] if s["date"] >= str(today())]
    assert all(i["exercise"] != "open-book" for s in upcoming for i in s["items"])
    second = tapi.client.post(
        "/api/v1/programs", headers=ada.auth, json={"program": "desk-reset-10"}
    )
    assert second.status_code == 201 and second.json()["program"]["version"] == 2
    versions = tapi.client.get("/api/v1/programs", headers=ada.auth).json()
    assert [p["version"] for p in versions] == [1, 2]


def test_a_red_flag_refers_instead_of_planning(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada, red_flags=["recent_trauma"])
    todays = tapi.client.get("/api/v1/programs/today", headers=ada.auth).json()
    assert todays["status"] == "refer" and todays["session"] is None and todays["reasons"]


def test_idempotent_logs_and_next_day_pain(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    body = log_body(today() - timedelta(days=2))
    first = post_log(tapi, ada, body, "same-key")
    again = post_log(tapi, ada, body, "same-key")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    other = post_log(tapi, ada, {**body, "note": "different"}, "same-key")
    assert_error(other, 409, "idempotency_key_reused")
    assert len(tapi.client.get("/api/v1/logs", headers=ada.auth).json()) == 1
    missing = tapi.client.post("/api/v1/logs", json=body, headers=ada.auth)
    assert_error(missing, 422, "invalid_input")
    log_id = first.json()["id"]
    patched = tapi.client.patch(
        f"/api/v1/logs/{log_id}", json={"pain_next_day": 4}, headers=ada.auth
    )
    assert patched.status_code == 200 and patched.json()["pain_next_day"] == 4
    assert tapi.client.get(f"/api/v1/logs/{log_id}", headers=ada.auth).json()["pain_next_day"] == 4


def test_log_input_is_checked(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    incomplete = log_body(pain_during=None)
    assert_error(post_log(tapi, ada, incomplete, "a"), 422, "invalid_input")
    future = log_body(today() + timedelta(days=5))
    assert_error(post_log(tapi, ada, future, "b"), 422, "invalid_input")
    unknown = log_body()
    unknown["items"][0]["exercise"] = "no-such-exercise"
    error = assert_error(post_log(tapi, ada, unknown, "c"), 422, "invalid_input")
    assert error["fields"][0]["field"] == "items.0.exercise"
    planned = log_body(planned_session=str(today()))
    assert_error(post_log(tapi, ada, planned, "d"), 422, "invalid_input")  # no program yet
    assert_error(post_log(tapi, ada, log_body(routine_id=12345), "e"), 422, "invalid_input")


def test_routines_crud_with_estimated_minutes(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    created = tapi.client.post("/api/v1/routines", json=ROUTINE, headers=ada.auth)
    assert created.status_code == 201, created.text
    routine = created.json()
    assert routine["estimated_minutes"] > 0 and [i["exercise"] for i in routine["items"]] == [
        "open-book",
        "wall-angel",
    ]
    url = f"/api/v1/routines/{routine['id']}"
    shorter = {"name": "Short", "items": ROUTINE["items"][:1]}
    replaced = tapi.client.put(url, json=shorter, headers=ada.auth).json()
    assert (
        replaced["name"] == "Short" and replaced["estimated_minutes"] < routine["estimated_minutes"]
    )
    assert [r["id"] for r in tapi.client.get("/api/v1/routines", headers=ada.auth).json()] == [
        routine["id"]
    ]
    sided = {
        "name": "Bad",
        "items": [{"exercise": "wall-angel", "side": "left", "sets": 1, "reps": 5}],
    }
    error = assert_error(
        tapi.client.post("/api/v1/routines", json=sided, headers=ada.auth), 422, "invalid_input"
    )
    assert error["fields"][0]["field"] == "items.0.side"
    logged = post_log(tapi, ada, log_body(routine_id=routine["id"]), "routine-log")
    assert logged.status_code == 201 and logged.json()["routine_id"] == routine["id"]
    assert tapi.client.delete(url, headers=ada.auth).status_code == 204
    assert_error(tapi.client.get(url, headers=ada.auth), 404, "not_found")


def test_progress_adherence_streak_and_mdc(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    plan = start(tapi, ada)["plan"]
    due = [s["date"] for w in plan["weeks"] for s in w["sessions"] if s["date"] < str(today())]
    for index, day in enumerate(due[-3:]):
        assert (
            post_log(tapi, ada, log_body(day, pain_during=5 - index), f"p{index}").status_code
            == 201
        )
    measured = {"measurements": [{"protocol": "seated_rotation", "side": "right", "degrees": 33}]}
    assert (
        tapi.client.post("/api/v1/measurements", json=measured, headers=ada.auth).status_code == 201
    )
    small = {"measurements": [{"protocol": "seated_rotation", "side": "left", "degrees": 41}]}
    assert tapi.client.post("/api/v1/measurements", json=small, headers=ada.auth).status_code == 201
    report = tapi.client.get("/api/v1/progress", headers=ada.auth).json()
    assert report["streak"] == 3
    assert report["adherence_percent"] == round(100 * 3 / len(due))
    series = {(s["protocol"], s["side"]): s for s in report["measurements"]}
    assert series[("seated_rotation", "right")]["within_error"] is False  # 24° → 33°: real
    assert series[("seated_rotation", "left")]["within_error"] is True  # 38° → 41°: noise
    assert "within measurement error" in series[("seated_rotation", "left")]["verdict"]
    assert report["pain"]["last"] == 3


def test_favourites(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    assert tapi.client.put("/api/v1/favourites/open-book", headers=ada.auth).status_code == 204
    assert tapi.client.put("/api/v1/favourites/open-book", headers=ada.auth).status_code == 204
    assert [
        f["exercise"] for f in tapi.client.get("/api/v1/favourites", headers=ada.auth).json()
    ] == ["open-book"]
    assert_error(
        tapi.client.put("/api/v1/favourites/no-such-one", headers=ada.auth), 404, "not_found"
    )
    assert tapi.client.delete("/api/v1/favourites/open-book", headers=ada.auth).status_code == 204
    assert_error(
        tapi.client.delete("/api/v1/favourites/open-book", headers=ada.auth), 404, "not_found"
    )


def test_ping_needs_nothing(tapi: Api) -> None:
    assert tapi.client.get("/api/v1/ping").json() == {"status": "ok"}


def test_export_then_delete_me_round_trip(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    start(tapi, ada)
    assert post_log(tapi, ada, log_body(), "x").status_code == 201
    tapi.client.post("/api/v1/routines", json=ROUTINE, headers=ada.auth)
    tapi.client.put("/api/v1/favourites/open-book", headers=ada.auth)
    export = tapi.client.get("/api/v1/me/export", headers=ada.auth).json()
    assert export["user"]["email"] == "ada@example.org" and "password_hash" not in export["user"]
    sizes = {k: len(v) for k, v in export.items() if isinstance(v, list)}
    assert sizes["assessments"] == sizes["programs"] == sizes["logs"] == sizes["routines"] == 1
    assert sizes["measurements"] == 3 and sizes["favourites"] == 1
    assert export["programs"][0]["plan"]["weeks"] and export["logs"][0]["items"]
    assert tapi.delete_account(ada).status_code == 204
    assert_error(tapi.client.get("/api/v1/me/export", headers=ada.auth), 401, "not_authenticated")
    again = tapi.client.post(
        "/api/v1/auth/login", json={"email": "ada@example.org", "password": PASSWORD}
    )
    assert_error(again, 401, "invalid_credentials")
    with tapi.storage.unit_of_work(read_only=True) as uow:
        assert uow.logs.of_user(ada.id) == [] and uow.assessments.latest(ada.id) is None
        assert uow.routines.visible_to(ada.id) == [] and uow.favourites.of_user(ada.id) == []


def test_after_week_eight_today_offers_the_maintenance_phase(tapi: Api) -> None:
    """Issue 11: a program never ends on an empty Today."""
    ada = tapi.person("ada@example.org")
    start(tapi, ada, start_date=str(today() - timedelta(days=70)))
    todays = tapi.client.get("/api/v1/programs/today", headers=ada.auth).json()
    assert todays["session"] is not None and todays["maintenance"] is True
    assert todays["session"]["date"] >= str(today())
    assert todays["session"]["estimated_minutes"] <= 10
    assert todays["next_programs"] == ["desk-reset-10"]
    plan = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    assert plan["maintenance"]["days_per_week"] >= 2


def test_back_after_a_break_today_restarts_lower(tapi: Api) -> None:
    """Issue 11: 19 days without a session; today's session is easier, not harder."""
    ada = tapi.person("ada@example.org")
    start(tapi, ada, start_date=str(today() - timedelta(days=33)))
    plan = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    done = [
        s
        for w in plan["weeks"]
        for s in w["sessions"]
        if s["date"] < str(today() - timedelta(days=19))
    ]
    for index, session in enumerate(done):
        body = log_body(date.fromisoformat(session["date"]), pain_during=1, pain_next_day=1)
        assert post_log(tapi, ada, body, f"done-{index}").status_code == 201
    plan = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    stopped = max(
        s["step"] for w in plan["weeks"] for s in w["sessions"] if s["date"] <= done[-1]["date"]
    )
    ahead = {s["date"]: s["step"] for w in plan["weeks"] for s in w["sessions"]}
    todays = tapi.client.get("/api/v1/programs/today", headers=ada.auth).json()
    session = todays["session"]
    assert session["step"] < stopped
    assert session["step"] < ahead[session["date"]]
