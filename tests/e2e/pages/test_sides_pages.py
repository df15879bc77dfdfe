"""Per-side exercises in the player: each side named by its direction of movement and drawn
for that side (issue 15, defect 2: the seated lat side stretch showed the same picture, the
right arm up, under both 'left side' and 'right side')."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import sign_up
from .test_content_pages import island


def test_each_side_of_the_lat_stretch_has_its_own_picture(client: TestClient) -> None:
    page = client.get("/play/seated-lat-side-stretch")
    left, right = island(page.text)["items"]
    assert (left["side"], right["side"]) == ("left", "right")
    assert left["illustration_still"] != right["illustration_still"]
    assert left["illustration"] != right["illustration"]
    drawn = client.get(left["illustration_still"])
    mirrored = client.get(right["illustration_still"])
    assert drawn.status_code == mirrored.status_code == 200
    assert drawn.text != mirrored.text
    assert 'class="mirrored"' not in drawn.text and 'class="mirrored"' in mirrored.text
    assert "right arm is highlighted" in left["illustration_alt"]
    assert "left arm is highlighted" in right["illustration_alt"]


def test_the_player_says_the_direction_in_the_exercises_own_words(client: TestClient) -> None:
    page = client.get("/play/open-book")
    left, right = island(page.text)["items"]
    assert left["side_words"] == "Turning to your left (lying on your right side)"
    assert right["side_words"] == "Turning to your right (lying on your left side)"
    assert "Turning to your left (lying on your right side)</span>" in page.text
    assert island(client.get("/play/wall-angel").text)["items"][0]["side_words"] == ""


def test_an_unknown_side_is_a_clear_error(client: TestClient) -> None:
    answer = client.get("/exercises/open-book/illustration.svg?side=upwards")
    assert answer.status_code == 422
    assert "side" in answer.text
    plain = client.get("/exercises/wall-angel/illustration.svg?side=right")
    assert plain.status_code == 200 and 'class="mirrored"' not in plain.text


def test_the_routine_builder_names_each_side_by_its_direction(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/routines/new?add=open-book,wall-angel").text
    assert ">Left only: Turning to your left (lying on your right side)</option>" in page
    assert ">Right only: Turning to your right (lying on your left side)</option>" in page


def test_the_exercise_page_says_what_each_side_means(client: TestClient) -> None:
    page = client.get("/exercises/seated-lat-side-stretch").text
    assert "Left side: leaning to your left (right arm overhead)." in page
    assert "Right side: leaning to your right (left arm overhead)." in page
    assert "Left side:" not in client.get("/exercises/wall-angel").text
