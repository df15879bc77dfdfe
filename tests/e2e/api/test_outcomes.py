"""Outcome measures over the API: what is due, answers stored with date and timepoint, clear
422s, and nobody else's answers ever (another account, a clinician without a link)."""

from __future__ import annotations

from typing import Any

from tests.support.training import profile, today

from midback.domain.accounts import Role

from .conftest import Api, Person, assert_error

PSFS = {
    "instrument": "psfs",
    "activities": [
        {"activity": "Reversing the car", "score": 3},
        {"activity": "Reaching a high shelf", "score": 5},
        {"activity": "Sleeping through", "score": 4},
    ],
}


def _start(tapi: Api, person: Person, days_ago: int) -> None:
    answers = profile(days_ago=days_ago)
    assert (
        tapi.client.post("/api/v1/assessments", json=answers, headers=person.auth).status_code
        == 201
    )
    assert tapi.client.post("/api/v1/programs", headers=person.auth).status_code == 201


def _post(tapi: Api, person: Person, body: dict[str, Any]) -> Any:
    return tapi.client.post("/api/v1/me/outcomes", json=body, headers=person.auth)


def test_the_baseline_is_due_then_stored_and_charted(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    _start(tapi, pat, days_ago=0)
    before = tapi.client.get("/api/v1/me/outcomes", headers=pat.auth).json()
    assert before["due"]["timepoint"] == "baseline"
    assert before["due"]["instruments"] == ["nprs", "psfs"]
    assert before["records"] == [] and before["series"] == []

    nprs = _post(tapi, pat, {"instrument": "nprs", "score": 6})
    assert nprs.status_code == 201, nprs.text
    stored = nprs.json()
    assert (stored["instrument"], stored["timepoint"], stored["score"]) == ("nprs", "baseline", 6)
    assert stored["taken_on"] == str(today())
    psfs = _post(tapi, pat, PSFS).json()
    assert psfs["score"] == 4.0 and [a["score"] for a in psfs["activities"]] == [3, 5, 4]

    after = tapi.client.get("/api/v1/me/outcomes", headers=pat.auth).json()
    assert after["due"] is None
    series = {s["instrument"]: s for s in after["series"]}
    assert series["nprs"]["band_centre"] == 6 and series["nprs"]["band_half_width"] == 1.8
    assert series["psfs"]["band_centre"] == 4 and series["psfs"]["band_half_width"] == 2


def test_week_4_asks_for_the_rating_of_change_too(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    _start(tapi, pat, days_ago=27)
    due = tapi.client.get("/api/v1/me/outcomes", headers=pat.auth).json()["due"]
    assert due["timepoint"] == "week_4" and due["instruments"] == ["nprs", "psfs", "groc"]
    earlier = str(today().replace(day=1)) if today().day > 1 else str(today())
    baseline = {"instrument": "nprs", "score": 7, "timepoint": "baseline", "taken_on": earlier}
    assert _post(tapi, pat, baseline).status_code == 201
    assert _post(tapi, pat, {"instrument": "nprs", "score": 3}).json()["timepoint"] == "week_4"
    assert _post(tapi, pat, {"instrument": "groc", "score": 3}).status_code == 201
    series = tapi.client.get("/api/v1/me/outcomes", headers=pat.auth).json()["series"]
    nprs = next(s for s in series if s["instrument"] == "nprs")
    assert nprs["change"] == -4 and nprs["verdict"].startswith("Less pain")


def test_bad_answers_get_422_naming_the_field(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    _start(tapi, pat, days_ago=0)
    cases = [
        ({"instrument": "nprs", "score": 11}, "score"),
        ({"instrument": "nprs"}, "score"),
        ({"instrument": "ndi", "score": 3}, "instrument"),
        ({"instrument": "groc", "score": 2}, "timepoint"),  # only at weeks 4 and 8
        ({"instrument": "psfs", "activities": PSFS["activities"][:2]}, "activities"),
        (
            {**PSFS, "activities": [*PSFS["activities"], PSFS["activities"][0]]},
            "activities.3.activity",
        ),
        (
            {"instrument": "psfs", "activities": [{"activity": "Golf", "score": 12}] * 1},
            "activities",
        ),
        ({"instrument": "nprs", "score": 2, "taken_on": "2099-01-01"}, "taken_on"),
    ]
    for body, field in cases:
        error = assert_error(_post(tapi, pat, body), 422, "invalid_input")
        assert field in [f["field"] for f in error["fields"]], (body, error)
    typo = assert_error(_post(tapi, pat, {"instrument": "nprs", "scroe": 2}), 422, "invalid_input")
    assert any("scroe" in f["field"] for f in typo["fields"])
    assert tapi.client.get("/api/v1/me/outcomes", headers=pat.auth).json()["records"] == []


def test_without_a_program_the_timepoint_must_be_given(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    error = assert_error(_post(tapi, pat, {"instrument": "nprs", "score": 2}), 422, "invalid_input")
    assert error["fields"][0]["field"] == "timepoint"
    given = _post(tapi, pat, {"instrument": "nprs", "score": 2, "timepoint": "baseline"})
    assert given.status_code == 201


def test_answers_never_reach_another_account(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    sam = tapi.person("sam@example.org")
    doc = tapi.person("doc@example.org", Role.CLINICIAN)
    _start(tapi, pat, days_ago=0)
    assert _post(tapi, pat, {"instrument": "nprs", "score": 5}).status_code == 201
    assert tapi.client.get("/api/v1/me/outcomes", headers=sam.auth).json()["records"] == []
    url = f"/api/v1/clinician/patients/{pat.id}/outcomes"
    assert_error(tapi.client.get(url, headers=doc.auth), 404, "not_found")
    assert_error(tapi.client.get(url, headers=sam.auth), 403, "forbidden")
    invite = tapi.client.post("/api/v1/clinician/invites", headers=doc.auth).json()
    linked = tapi.client.post(
        "/api/v1/me/clinician-links", json={"code": invite["code"]}, headers=pat.auth
    )
    assert linked.status_code == 201
    seen = tapi.client.get(url, headers=doc.auth).json()
    assert [(r["instrument"], r["score"]) for r in seen] == [("nprs", 5)]


def test_deleting_the_account_deletes_the_answers(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    assert (
        _post(tapi, pat, {"instrument": "nprs", "score": 5, "timepoint": "baseline"}).status_code
        == 201
    )
    with tapi.storage.unit_of_work(read_only=True) as uow:
        assert len(uow.outcomes.of_user(pat.id)) == 1
    assert tapi.delete_account(pat).status_code == 204
    with tapi.storage.unit_of_work(read_only=True) as uow:
        assert uow.outcomes.of_user(pat.id) == []


def test_the_instruments_are_listed_with_their_mic(tapi: Api) -> None:
    pat = tapi.person("pat@example.org")
    found = tapi.client.get("/api/v1/outcomes/instruments", headers=pat.auth).json()
    assert [i["id"] for i in found] == ["nprs", "psfs", "groc"]
    assert found[0]["loinc"]["code"] == "72514-3" and found[0]["mic"]["points"] == 2
