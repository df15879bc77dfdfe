"""Odd input in any form or query (superscript digits, huge numbers, deep JSON) gets the page
back with a message and 400 or 422, never a server error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from midback.web import forms

from .conftest import MakeClient, csrf_of, feedback_form, sign_up
from .test_clinic_pages import patient_linked_to_clinician

ODD_NUMBERS = ["²", "٣", "9" * 5000, "9999999999999999999", "-1", "1e3", " ", "0x10"]


@pytest.mark.parametrize("raw", ODD_NUMBERS)
def test_the_player_speed_is_checked(client: TestClient, raw: str) -> None:
    response = client.get("/play/open-book", params={"speed": raw})
    assert response.status_code in (200, 400), response.text
    assert "Internal Server Error" not in response.text


@pytest.mark.parametrize("raw", ["9999999999999999999", "²", "9" * 5000])
def test_morning_pain_with_an_odd_log_id(client: TestClient, raw: str) -> None:
    sign_up(client)
    token = csrf_of(client.get("/settings").text)
    response = client.post("/today/pain", data={"csrf_token": token, "log_id": raw, "pain": "3"})
    assert response.status_code == 400, response.text


@pytest.mark.parametrize("raw", ["²", "9" * 5000, "٣"])
def test_the_routine_builder_answers_odd_sets_with_the_form(client: TestClient, raw: str) -> None:
    sign_up(client)
    token = csrf_of(client.get("/routines/new?add=open-book").text)
    rows = {"exercise": ["open-book"], "side": ["both"], "sets": [raw], "reps": ["8"],
            "hold_s": ["0"], "rest_s": ["30"]}  # fmt: skip
    for op in ("save", "up:²", "remove:" + "9" * 5000):
        response = client.post(
            "/routines/new", data={"csrf_token": token, "name": "Desk", "op": op, **rows}
        )
        assert response.status_code in (200, 422), (op, response.text[:300])
        assert 'name="sets"' in response.text


def test_the_clinicians_program_form_answers_odd_doses(make_client: MakeClient) -> None:
    clinician, _ = patient_linked_to_clinician(make_client)
    token = csrf_of(clinician.get("/clinic/patients/2").text)
    for field in ("sets-open-book", "reps-open-book"):
        for raw in ("²", "9" * 5000, "99999"):
            response = clinician.post(
                "/clinic/patients/2/program", data={"csrf_token": token, field: raw}
            )
            assert response.status_code in (400, 422), (field, raw, response.status_code)
    for raw in ("²", "9" * 30):
        response = clinician.post(
            "/clinic/patients/2/routine", data={"csrf_token": token, "routine": raw}
        )
        assert response.status_code in (400, 404), response.status_code


def test_finishing_a_session_with_deeply_nested_results(client: TestClient) -> None:
    from .test_today_pages import onboarded

    onboarded(client)
    form = feedback_form(client.get("/sessions/today").text)
    for results in ("[" * 100_000 + "]" * 100_000, '{"a":' * 5000 + "1" + "}" * 5000, "[²]"):
        response = client.post("/play/done", data={**form, "results": results})
        assert response.status_code in (400, 422), response.status_code


def test_onboarding_age_with_odd_digits(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/onboarding/day")
    token = csrf_of(page.text)
    for raw in ("²", "9" * 5000):
        response = client.post(
            "/onboarding/day", data={"csrf_token": token, "sitting": "9", "age": raw}
        )
        assert response.status_code == 422, response.status_code


def test_the_parser_reads_only_what_it_promises() -> None:
    assert forms.whole_number(" 12 ", "sets", low=1, high=20) == 12
    for raw in ODD_NUMBERS:
        with pytest.raises(forms.FieldError):
            forms.whole_number(raw, "sets", low=0, high=100)
        assert not forms.is_whole_number(raw, high=100)
    with pytest.raises(forms.FieldError):
        forms.record_id("0", "routine")
    assert forms.record_id("9223372036854775807", "routine") == forms.MAX_ID
    with pytest.raises(forms.FieldError):
        forms.record_id("9223372036854775808", "routine")
    assert forms.json_document('[{"a": "[[[["}]', "results") == [{"a": "[[[["}]
    with pytest.raises(forms.FieldError):
        forms.json_document("[" * 9 + "]" * 9, "results")
    with pytest.raises(forms.FieldError):
        forms.clock_time("24:00", "time")


@pytest.mark.parametrize("raw", ["9999999999999999999", "9" * 5000])
def test_a_clearance_for_an_odd_patient_id_is_refused_before_the_database(
    client: TestClient, raw: str
) -> None:
    sign_up(client)
    token = csrf_of(client.get("/settings").text)
    form = {"csrf_token": token, "rule": "night_pain", "clearance_on": "2026-12-01"}
    response = client.post(f"/clinic/patients/{raw}/clearance", data=form)
    assert response.status_code == 422, response.text[:300]
    assert "Internal Server Error" not in response.text
