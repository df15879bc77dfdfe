"""The calendar settings forms and the print buttons, as a browser uses them."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from pypdf import PdfReader

from midback.domain.training import RoutineInput
from midback.services import routines
from midback.storage.uow import Storage

from .conftest import csrf_of, sign_up

URL = re.compile(r'value="(http://testserver/calendar/[A-Za-z0-9_-]+\.ics)"')


def test_make_show_once_and_turn_off_the_feed(client: TestClient) -> None:
    login = client.get("/settings/calendar", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"].startswith("/login?next=")
    sign_up(client)
    page = client.get("/settings/calendar")
    assert page.status_code == 200 and "Get my calendar address" in page.text
    token = csrf_of(page.text)
    form = {"time": "18:30", "time_zone": "Europe/London", "breaks": "yes"}
    assert client.post("/settings/calendar", data=form).status_code == 403  # no CSRF token
    made = client.post("/settings/calendar", data={**form, "csrf_token": token})
    assert made.status_code == 200
    url = URL.search(made.text)
    assert url, "the new address is on the page"
    assert client.get(url.group(1)).status_code == 404  # no program yet, but a known feed
    again = client.get("/settings/calendar").text
    assert url.group(1) not in again and "feed is on" in again and "18:30" in again
    assert "Europe/London" in again and "with movement breaks" in again
    bad = client.post(
        "/settings/calendar", data={"time": "7pm", "time_zone": "UTC", "csrf_token": token}
    )
    assert bad.status_code == 422 and 'id="calendar-time-error"' in bad.text
    bad = client.post(
        "/settings/calendar", data={"time": "07:30", "time_zone": "Nowhere", "csrf_token": token}
    )
    assert bad.status_code == 422 and "Unknown time zone" in bad.text
    off = client.post(
        "/settings/calendar/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert off.status_code == 303 and off.headers["location"] == "/settings/calendar"
    assert "feed is off" in client.get("/settings/calendar").text


def test_print_buttons_serve_the_pdf_inline_or_refuse_with_a_page(client: TestClient) -> None:
    anonymous = client.get("/routines/1/handout.pdf", follow_redirects=False)
    assert anonymous.status_code == 303 and "/login?next=" in anonymous.headers["location"]
    sign_up(client)
    storage: Storage = client.app.state.storage  # type: ignore[attr-defined]
    with storage.unit_of_work() as uow:
        user = uow.users.by_email("ada@example.org")
    assert user is not None
    body = RoutineInput.model_validate(
        {"name": "Desk reset", "items": [{"exercise": "wall-angel", "sets": 2, "reps": 8}]}
    )
    made = routines.create_routine(
        storage.unit_of_work(),
        client.app.state.content,
        user.id,
        body,  # type: ignore[attr-defined]
    )
    printed = client.get(f"/routines/{made.routine.id}/handout.pdf?paper=letter")
    assert printed.status_code == 200 and printed.headers["content-type"] == "application/pdf"
    assert printed.headers["content-disposition"].startswith("inline")
    text = PdfReader(io.BytesIO(printed.content)).pages[0].extract_text()
    assert "Desk reset" in text
    missing = client.get("/routines/999999/handout.pdf")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    member = client.get("/clinic/patients/1/handout.pdf")
    assert member.status_code == 403 and "Only clinicians can do this." in member.text


def test_an_unknown_time_zone_keeps_what_was_typed_with_the_error(client: TestClient) -> None:
    """The refused form used to come back with the time zone box emptied."""
    sign_up(client)
    token = csrf_of(client.get("/settings/calendar").text)
    form = {"time": "18:45", "time_zone": "Europe/Lodnon", "breaks": "yes", "csrf_token": token}
    refused = client.post("/settings/calendar", data=form)
    assert refused.status_code == 422 and "try a name like Europe/London" in refused.text
    assert 'name="time_zone" type="text" value="Europe/Lodnon"' in refused.text
    assert 'value="18:45"' in refused.text and 'name="breaks" value="yes" checked' in refused.text
    assert 'data-guess-zone="no"' in refused.text
