"""The midback-export document (version 2) carries the display name, the reminder settings and
the current program with its pauses, and brings them back on import; a version 1 file (without
them) still imports."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.e2e.api.conftest import Api, assert_error
from tests.e2e.api.test_training import post_log, start
from tests.support.training import log_body, profile, today

from midback.domain.reminders import ReminderPrefs
from midback.services import names, pauses, reminders

EXPORT, IMPORT = "/api/v1/me/export.json", "/api/v1/me/import"


def test_pauses_name_and_reminders_survive_export_delete_import(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    program = start(tapi, ada)["program"]
    day = today()
    pauses.pause(tapi.storage.unit_of_work(), ada.id, day - timedelta(days=6))
    pauses.resume(tapi.storage.unit_of_work(), ada.id, day - timedelta(days=3))
    assert post_log(tapi, ada, log_body(day - timedelta(days=1)), "a").status_code == 201
    assert tapi.client.post("/api/v1/me/pause", headers=ada.auth).status_code == 201
    names.set_display_name(tapi.storage.unit_of_work(), ada.id, "Ada Lovelace")
    prefs = ReminderPrefs(user_id=ada.id, time_zone="Europe/London", push=True, email=True)
    reminders.save_prefs(tapi.storage.unit_of_work(), prefs)
    before = tapi.client.get(EXPORT, headers=ada.auth).json()
    assert before["version"] == 2 and before["display_name"] == "Ada Lovelace"
    assert before["reminders"]["time_zone"] == "Europe/London" and before["reminders"]["email"]
    assert "push" not in before["reminders"]  # each device subscribes again
    assert before["program"] == {
        "program": program["program"],
        "start_date": program["start_date"],
        "pauses": [
            {"start": str(day - timedelta(days=6)), "end": str(day - timedelta(days=3))},
            {"start": str(day), "end": None},
        ],
    }
    everything = tapi.client.get("/api/v1/me/export", headers=ada.auth).json()
    assert everything["user"]["display_name"] == "Ada Lovelace"
    assert everything["reminders"] == before["reminders"]
    assert [(p["start"], p["end"]) for p in everything["pauses"]][-1] == (str(day), None)
    plan_before = tapi.client.get("/api/v1/programs/current", headers=ada.auth).json()["plan"]
    assert tapi.delete_account(ada).status_code == 204

    again = tapi.person("ada@example.org")
    stored = tapi.client.post(IMPORT, json=before, headers=again.auth)
    assert stored.status_code == 201, stored.text
    assert stored.json()["program"] is True and stored.json()["pauses"] == 2
    after = tapi.client.get(EXPORT, headers=again.auth).json()
    assert {**after, "exported_at": None} == {**before, "exported_at": None}
    assert tapi.client.get("/api/v1/me", headers=again.auth).json()["display_name"] == (
        "Ada Lovelace"
    )
    assert tapi.client.get("/api/v1/me/pauses", headers=again.auth).json()["paused"] is True
    plan_after = tapi.client.get("/api/v1/programs/current", headers=again.auth).json()["plan"]
    assert plan_after["weeks"] == plan_before["weeks"]
    kept = reminders.prefs_of(tapi.storage.unit_of_work(), again.id)
    assert kept.time_zone == "Europe/London" and kept.email and not kept.push


def version_1(**parts: Any) -> dict[str, Any]:
    return {
        "format": "midback-export",
        "version": 1,
        "exported_at": "2026-12-01T09:15:00Z",
        "profile": profile(),
        "sessions": [
            {
                "date": str(today() - timedelta(days=2)),
                "completed": True,
                "pain_during": 1,
                "difficulty": 3,
            }
        ],
        **parts,
    }


def test_a_version_1_file_without_them_still_imports(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    stored = tapi.client.post(IMPORT, json=version_1(), headers=ada.auth)
    assert stored.status_code == 201, stored.text
    assert stored.json() == {
        "profile": True,
        "sessions": 1,
        "measurements": 0,
        "program": False,
        "pauses": 0,
    }
    after = tapi.client.get(EXPORT, headers=ada.auth).json()
    assert after["version"] == 2 and after["program"] is None and after["reminders"] is None
    assert after["display_name"] == ""
    assert_error(tapi.client.get("/api/v1/me/pauses", headers=ada.auth), 404, "not_found")


def test_bad_pauses_and_settings_are_refused_by_field(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    day = today()
    program = {
        "program": "no-such-program",
        "start_date": str(day - timedelta(days=10)),
        "pauses": [
            {"start": str(day - timedelta(days=12)), "end": None},
            {"start": str(day - timedelta(days=5)), "end": str(day - timedelta(days=5))},
            {"start": str(day + timedelta(days=1)), "end": None},
        ],
    }
    document = version_1(
        version=2,
        display_name="Ada\x07",
        reminders={"time_zone": "Mars/Olympus", "breaks": True, "work_end": "08:00:00"},
        program=program,
    )
    error = assert_error(tapi.client.post(IMPORT, json=document, headers=ada.auth), 422,
                         "invalid_input")  # fmt: skip
    assert [f["field"] for f in error["fields"]] == [
        "display_name",
        "reminders.time_zone",
        "reminders.work_end",
        "program.program",
        "program.pauses.0.start",
        "program.pauses.0.end",
        "program.pauses.1.end",
        "program.pauses.2.start",
    ]
    assert tapi.client.get("/api/v1/assessments", headers=ada.auth).json() == []
    too_long = version_1(version=2, display_name="x" * 81)
    error = assert_error(tapi.client.post(IMPORT, json=too_long, headers=ada.auth), 422,
                         "invalid_input")  # fmt: skip
    assert [f["field"] for f in error["fields"]] == ["display_name"]
