"""Installable and offline, over HTTP: the manifest, the service worker and its precache, the
offline page, the week kept on the device, and the session saved the moment it ends."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from fastapi.testclient import TestClient
from tests.support.training import today

from midback.services import logs
from midback.web.pages.templating import static_url

from .conftest import csrf_of, feedback_form, onboard, sign_up, storage_of

FINISHED_FIELDS = ("csrf_token", "session_key", "exercises", "planned_session", "routine_id")


def onboarded(client: TestClient) -> None:
    sign_up(client)
    onboard(client)


def finished_form(page: str) -> dict[str, str]:
    """What the player posts when the last set ends: the form's hidden fields."""
    form = feedback_form(page)
    return {name: form[name] for name in (*FINISHED_FIELDS, "results")}


def test_the_manifest_names_the_app_and_its_icons(client: TestClient) -> None:
    answer = client.get("/manifest.webmanifest")
    assert answer.headers["content-type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/today"
    sizes = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert sizes == {(f"{s}x{s}", p) for s in (192, 512) for p in ("any", "maskable")}
    for icon in manifest["icons"]:
        png = client.get(icon["src"])
        assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    page = client.get("/library").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert static_url("pwa.js") in page and static_url("outbox.js") in page


def test_the_service_worker_precaches_hashed_files_from_this_site(client: TestClient) -> None:
    answer = client.get("/sw.js")
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.headers["service-worker-allowed"] == "/"
    config = json.loads(re.search(r"self\.MIDBACK_SW = (\{.*\});", answer.text).group(1))
    urls = [entry["url"] for entry in config["precache"]]
    assert static_url("player.js") in urls and static_url("midback.css") in urls
    assert "/offline" in urls and not [u for u in urls if "mediapipe" in u]
    for url in [*urls, *config["modules"].values()]:
        assert url.startswith("/") and not url.startswith("//")
        assert client.get(url).status_code == 200, url
    assert "https:" not in answer.text  # no CDN
    offline = client.get("/offline")
    assert "This page is not on this device" in offline.text and "Log out" not in offline.text


def test_the_week_ahead_lists_sessions_and_pictures_only_when_signed_in(
    client: TestClient,
) -> None:
    assert client.get("/offline/urls").json() == {"pages": [], "assets": []}
    onboarded(client)
    wanted = client.get("/offline/urls").json()
    sessions = [p for p in wanted["pages"] if p.startswith("/sessions/")]
    assert wanted["pages"][:2] == ["/today", "/sessions/today"]
    sessions.remove("/sessions/today")
    assert 1 <= len(sessions) <= 7
    assert all(re.fullmatch(r"/sessions/\d{4}-\d\d-\d\d", s) for s in sessions)
    assert wanted["assets"] and all(a.startswith("/exercises/") for a in wanted["assets"])
    assert client.get(sessions[0]).status_code == 200


def test_a_session_is_saved_when_it_ends_and_the_form_rates_it(client: TestClient) -> None:
    onboarded(client)
    player = client.get("/sessions/today").text
    ended = finished_form(player)
    first = client.post("/play/finished", data=ended)
    assert first.status_code == 200 and first.json()["saved"] is True
    again = client.post("/play/finished", data=ended)
    assert again.json()["log_id"] == first.json()["log_id"]
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert not log.completed and log.pain_during is None and log.items
    form = feedback_form(player, note="Rated later.")
    rated = client.post("/play/done", data={**form, "painful": log.items[0].exercise})
    assert "Saved to your history." in rated.text
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert log.completed and log.note == "Rated later." and log.items[0].painful
    assert client.post("/play/finished", data=ended).json()["log_id"] == log.id
    replay = client.post("/play/done", data={**form, "painful": log.items[0].exercise})
    assert "Saved to your history." in replay.text
    other = client.post("/play/done", data={**form, "pain_during": "6"})
    assert "already saved" in other.text
    assert len(logs.logs_of(storage_of(client).unit_of_work(), 1)) == 1


def test_saving_a_finished_session_checks_its_input(client: TestClient) -> None:
    anonymous = client.get("/play?exercises=open-book").text
    assert client.post("/play/finished", data=finished_form(anonymous)).status_code == 204
    onboarded(client)
    ended = finished_form(client.get("/sessions/today").text)
    forged = client.post("/play/finished", data={**ended, "csrf_token": "x"})
    assert forged.status_code == 403 and forged.json()["field"] == "csrf_token"
    damaged = client.post("/play/finished", data={**ended, "results": "[{"})
    assert damaged.status_code == 422 and damaged.json()["field"] == "results"
    odd = client.post("/play/finished", data={**ended, "session_key": "short"})
    assert odd.status_code == 422 and odd.json()["field"] == "session_key"
    assert csrf_of(client.get("/today").text)


def test_a_session_synced_later_keeps_the_day_it_was_played(client: TestClient) -> None:
    onboarded(client)
    player = client.get("/sessions/today").text
    yesterday = str(today() - timedelta(days=1))
    ended = {**finished_form(player), "played_on": yesterday}
    assert client.post("/play/finished", data=ended).status_code == 200
    form = {**feedback_form(player), "played_on": yesterday}
    assert "Saved to your history." in client.post("/play/done", data=form).text
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert log.completed and str(log.session_date) == yesterday
    old = {**feedback_form(client.get("/sessions/today").text), "played_on": "2001-01-01"}
    client.post("/play/done", data=old)
    assert {str(g.session_date) for g in logs.logs_of(storage_of(client).unit_of_work(), 1)} == {
        yesterday,
        str(today()),
    }
