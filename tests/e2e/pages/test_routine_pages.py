"""The routine builder without JavaScript (every button posts the whole draft), favourites and
adding an exercise to a routine from its page."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from midback.services import logs, routines

from .conftest import csrf_of, feedback_form, sign_up, storage_of


def draft(token: str, op: str, **changes: Any) -> dict[str, Any]:
    rows = {"exercise": ["open-book", "wall-angel"], "side": ["both", "both"],
            "sets": ["2", "2"], "reps": ["8", "10"], "hold_s": ["0", "0"],
            "rest_s": ["30", "20"]}  # fmt: skip
    return {"csrf_token": token, "name": "Desk break", **rows, "op": op, **changes}


def order(page: str) -> list[str]:
    names = [n for n in ("Open book", "Wall angel", "Cat-cow") if f">{n}</a></h3>" in page]
    return sorted(names, key=lambda n: page.index(f">{n}</a></h3>"))


def test_the_builder_adds_moves_removes_and_saves_without_javascript(client: TestClient) -> None:
    sign_up(client)
    empty = client.get("/routines/new?add=open-book,wall-angel")
    token = csrf_of(empty.text)
    assert "About <strong>" in empty.text and 'aria-label="Move Open book down"' in empty.text
    moved = client.post("/routines/new", data=draft(token, "down:0"))
    assert moved.status_code == 200
    assert moved.text.index(">Wall angel</a>") < moved.text.index(">Open book</a>")
    assert 'id="down-1" data-move="down" aria-label="Move Open book down" disabled autofocus' in (
        moved.text
    )
    added = client.post("/routines/new", data=draft(token, "add", add_exercise="cat-cow"))
    assert ">Cat-cow</a>" in added.text and added.text.count('class="builder-row"') == 3
    removed = client.post("/routines/new", data=draft(token, "remove:0"))
    assert removed.text.count('class="builder-row"') == 1
    wrong = client.post("/routines/new", data=draft(token, "save", name="", sets=["0", "x"]))
    assert wrong.status_code == 422 and "Give the routine a name." in wrong.text
    assert (
        'aria-describedby="sets-0-error"' in wrong.text
        and "Enter sets, from 1 to 10." in wrong.text
    )
    saved = client.post("/routines/new", data=draft(token, "save"), follow_redirects=False)
    assert saved.headers["location"] == "/routines/1?saved=1"
    (view,) = routines.routines_of(storage_of(client).unit_of_work(), client.app.state.content, 1)  # type: ignore[attr-defined]
    assert [i.exercise for i in view.routine.items] == ["open-book", "wall-angel"]
    assert view.routine.items[1].rest_s == 20
    total = client.post("/routines/estimate", data=draft(token, "save"))
    assert total.text.startswith('<p class="builder__total" id="routine-total"')
    listing = client.get("/routines").text
    assert "Desk break" in listing and 'href="/routines/1/play"' in listing


def test_a_routine_plays_and_its_session_is_logged_with_it(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/routines/new").text)
    client.post("/routines/new", data=draft(token, "save"))
    player = client.get("/routines/1/play")
    assert player.status_code == 200 and "Desk break" in player.text
    assert 'name="routine_id" value="1"' in player.text
    thanks = client.post("/play/done", data=feedback_form(player.text))
    assert "Saved to your history." in thanks.text
    (log,) = logs.logs_of(storage_of(client).unit_of_work(), 1)
    assert log.routine_id == 1 and [i.exercise for i in log.items] == [
        "open-book", "open-book", "wall-angel"
    ]  # fmt: skip
    assert client.get("/routines/99/play").status_code == 404


def test_favourites_toggle_with_htmx_or_a_plain_form(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/exercises/open-book").text
    assert 'aria-pressed="false"' in page and "Add to a routine" in page
    token = csrf_of(page)
    swapped = client.post(
        "/exercises/open-book/favourite", data={"csrf_token": token, "on": "1"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert swapped.text.lstrip().startswith('<form method="post"')
    assert 'aria-pressed="true"' in swapped.text and "added to your favourites" in swapped.text
    plain = client.post(
        "/exercises/open-book/favourite", data={"csrf_token": token, "on": "0"},
        follow_redirects=False,
    )  # fmt: skip
    assert plain.headers["location"] == "/exercises/open-book"
    assert 'aria-pressed="false"' in client.get("/exercises/open-book").text
    client.post("/exercises/wall-angel/favourite", data={"csrf_token": token, "on": "1"})
    listing = client.get("/routines").text
    assert 'href="/routines/new?add=wall-angel"' in listing
    assert (
        client.post("/exercises/nope/favourite", data={"csrf_token": token, "on": "1"}).status_code
        == 404
    )
    anonymous = TestClient(client.app, headers={"Accept": "text/html"})
    assert "to keep favourites and build routines" in anonymous.get("/exercises/open-book").text


def test_add_an_exercise_to_a_new_or_saved_routine(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/routines/new").text)
    new = client.post(
        "/routines/add", data={"csrf_token": token, "exercise": "cat-cow", "routine": "new"},
        follow_redirects=False,
    )  # fmt: skip
    assert new.headers["location"] == "/routines/new?add=cat-cow"
    client.post("/routines/new", data=draft(token, "save"))
    added = client.post(
        "/routines/add", data={"csrf_token": token, "exercise": "cat-cow", "routine": "1"}
    )
    assert "Added Cat-cow to this routine." in added.text
    assert order(added.text) == ["Open book", "Wall angel", "Cat-cow"]


def test_a_reordered_routine_is_flagged_unsaved_and_start_saves_it_first(
    client: TestClient,
) -> None:
    """Reordering a saved routine used to leave "Start" playing the old order without a word."""
    sign_up(client)
    token = csrf_of(client.get("/routines/new?add=open-book,wall-angel").text)
    client.post("/routines/new", data=draft(token, "save"))
    assert 'id="builder-unsaved" hidden>' in client.get("/routines/1").text
    moved = client.post("/routines/1", data=draft(token, "down:0"))
    assert 'id="builder-unsaved">Not saved yet' in moved.text
    assert 'href="/routines/1/play"' not in moved.text
    assert 'name="op" value="start">Save and start</button>' in moved.text
    rows = {"exercise": ["wall-angel", "open-book"], "side": ["both", "both"],
            "sets": ["2", "2"], "reps": ["10", "8"], "hold_s": ["0", "0"],
            "rest_s": ["20", "30"]}  # fmt: skip
    started = client.post(
        "/routines/1", data={**draft(token, "start"), **rows}, follow_redirects=False
    )
    assert started.headers["location"] == "/routines/1/play"
    (view,) = routines.routines_of(storage_of(client).unit_of_work(), client.app.state.content, 1)  # type: ignore[attr-defined]
    assert [i.exercise for i in view.routine.items] == ["wall-angel", "open-book"]
