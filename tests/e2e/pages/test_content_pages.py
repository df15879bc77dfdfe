"""Welcome, library, player and learn pages over HTTP."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from midback.content.loader import load_content
from midback.domain.feedback import PAIN_GO, PAIN_TOO_MUCH
from midback.web.pages.learn import markdown_html

from .conftest import csrf_of, onboard, sign_up


def island(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="player-data">(.*?)</script>', html)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_welcome_explains_and_invites(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "How it works" in page.text and "not medical advice" in page.text
    assert 'href="/play?exercises=seated-rib-breathing,' in page.text
    assert 'href="/signup"' in page.text


def test_library_filters_ignore_nonsense_and_htmx_gets_only_results(client: TestClient) -> None:
    everything = client.get("/library?target=bogus&level=7")
    assert everything.status_code == 200 and everything.text.count('class="card"') == 50
    partial = client.get("/library?q=open+book", headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<section id="results"')
    assert "<html" not in partial.text and partial.headers["vary"] == "HX-Request"
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/library?q=open", headers=restore).text


def test_the_player_data_lists_each_side_and_is_safe_in_a_script(client: TestClient) -> None:
    page = client.get("/play?exercises=open-book,wall-angel&speed=500")
    data = island(page.text)
    assert [(i["exercise_id"], i["side"]) for i in data["items"]] == [
        ("open-book", "left"),
        ("open-book", "right"),
        ("wall-angel", "both"),
    ]
    wall = data["items"][2]
    assert set(wall) >= {"name", "sets", "reps", "hold_s", "rest_s", "seconds_per_rep", "steps",
                         "cue", "avoid"}  # fmt: skip
    assert wall["illustration"] == "/exercises/wall-angel/illustration.svg?animated=1"
    still = "/exercises/open-book/illustration.svg?side=left"  # each side its own (issue 15)
    assert data["items"][0]["illustration_still"] == still
    assert all(item["illustration_alt"] for item in data["items"])
    assert 'data-speed="100"' in page.text  # clamped
    assert "</script>" not in page.text.split('id="player-data">')[1].split("</script>")[0]


@pytest.mark.parametrize(
    ("url", "status"),
    [("/play", 400), ("/play?exercises=nope", 404), ("/play/nope", 404),
     ("/play?exercises=" + ",".join(["open-book"] * 41), 400), ("/learn/nope", 404)],
)  # fmt: skip
def test_bad_player_and_lesson_urls_are_pages(client: TestClient, url: str, status: int) -> None:
    page = client.get(url)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")


def test_the_api_keeps_json_errors(client: TestClient) -> None:
    response = client.get("/api/v1/exercises/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_anonymous_feedback_is_thanked_but_never_stored(client: TestClient) -> None:
    page = client.get("/play/wall-angel").text
    key = re.search(r'name="session_key" value="([^"]+)"', page)
    assert key and 'name="painful"' not in page  # nothing to leave out without a plan
    form = {"csrf_token": csrf_of(page), "session_key": key.group(1), "exercises": "wall-angel",
            "pain_during": "2", "difficulty": "4", "note": " Fine. "}  # fmt: skip
    thanks = client.post("/play/done", data=form)
    assert thanks.status_code == 200 and "Pain 2/10" in thanks.text
    assert "This session was not saved" in thanks.text
    missing = client.post("/play/done", data={**form, "pain_during": ""})
    assert missing.status_code == 422 and 'id="pain_during-error"' in missing.text
    assert f'value="{key.group(1)}"' in missing.text  # the same session, answered again
    assert client.post("/play/done", data={**form, "session_key": "x"}).status_code == 400
    assert client.post("/play/done", data={**form, "results": "{oops"}).status_code == 400
    assert client.post("/play/done", data={**form, "csrf_token": "no"}).status_code == 403


def test_lessons_render_markdown_but_never_raw_html(client: TestClient) -> None:
    page = client.get("/learn/why-sitting-stiffens")
    assert "<h2>What the research found</h2>" in page.text
    assert "Heneghan et al. 2018" in page.text
    assert markdown_html("<script>alert(1)</script>\n\n**bold**") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p><strong>bold</strong></p>\n"
    )
    index = client.get("/learn").text
    assert index.count('class="card lesson-card"') == 8 and "Week 8" in index


JARGON = re.compile(r"(?i:clinical-facts|physical therapist)|§|\bMDC\b")
"""Pointers meant for maintainers, and words a reader should not meet."""


def test_user_text_has_no_internal_references_jargon_or_second_term(client: TestClient) -> None:
    content = load_content()
    pages = [f"/learn/{lesson}" for lesson in content.lessons]
    pages += [f"/exercises/{exercise}" for exercise in content.exercises]
    sign_up(client)
    onboard(client)
    pages += ["/onboarding/program", "/today", "/progress", "/measure"]
    for path in pages:
        text = client.get(path).text
        found = JARGON.search(text)
        assert found is None, (path, text[max(found.start() - 80, 0) : found.end() + 80])


def test_the_pain_lesson_uses_the_zones_of_the_chart_and_handout(client: TestClient) -> None:
    lesson = client.get("/learn/pain-and-when-to-stop").text
    assert f"0 to {PAIN_GO}: comfortable." in lesson
    assert f"{PAIN_GO + 1} to {PAIN_TOO_MUCH}: acceptable," in lesson
    assert f"Above {PAIN_TOO_MUCH}: too much." in lesson
