"""Measuring with the phone over HTTP: the choice of tests, the guided page, saving the trials
(or typed angles) and the placement drawing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from midback.services import assessments

from .conftest import csrf_of, onboard, sign_up, storage_of

PIXEL = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131 Mobile Safari"


def test_measure_needs_an_account(client: TestClient) -> None:
    response = client.get("/measure", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_the_list_offers_what_the_profile_allows(client: TestClient) -> None:
    sign_up(client)
    before = client.get("/measure").text
    assert "/measure/lumbar_locked_rotation?variant=partner" in before  # nothing known yet
    onboard(client)  # avoids kneeling, so the heel-sit and half-kneeling tests go
    after = client.get("/measure").text
    assert "/measure/lumbar_locked_rotation?variant=partner" not in after
    assert "/measure/half_kneeling_rotation?variant=stick" not in after
    assert "/measure/standing_extension?variant=partner" in after
    assert "Less accurate than the other way." in after  # the armband way of the arm reach


def test_the_guided_page_carries_the_method_and_last_values(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/measure/seated_rotation?variant=breastbone").text
    assert 'data-sensor="orientation"' in page and 'data-reading="twist"' in page
    assert 'data-sides="left,right"' in page and 'data-error="6"' in page
    assert "&#34;left&#34;: 38" in page or '"left": 38' in page  # the profile's typed value
    assert "Less accurate than the other way of taking this test." in page
    assert "measure-math.js" in page and "measure.js" in page and "<script>" not in page
    assert client.get("/measure/seated_rotation?variant=armband").status_code == 404
    assert client.get("/measure/no_such_test").status_code == 404


def test_saving_the_phone_trials_stores_their_mean(client: TestClient) -> None:
    sign_up(client)
    onboard(client)
    page = client.get("/measure/lumbar_locked_rotation").text
    response = client.post(
        "/measure/lumbar_locked_rotation",
        data={
            "csrf_token": csrf_of(page),
            "variant": "partner",
            "api": "sensor",
            "trials-left": "40.0,43.5,41.0",
            "trials-right": "30,31,32",
        },
        headers={"User-Agent": PIXEL},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/measure?saved=lumbar_locked_rotation"
    shown = client.get(response.headers["location"]).text
    assert "Saved: Lumbar-locked rotation" in shown and "41.5°" in shown
    stored = [
        m
        for m in assessments.measurements_of(storage_of(client).unit_of_work(), 1)
        if m.method == "phone"
    ]
    assert [(m.side, m.degrees, m.trials, m.device) for m in stored] == [
        ("left", 41.5, (40.0, 43.5, 41.0), "android/sensor"),
        ("right", 31.0, (30.0, 31.0, 32.0), "android/sensor"),
    ]


def test_too_few_trials_are_refused_with_the_reason(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/measure/standing_extension").text
    response = client.post(
        "/measure/standing_extension",
        data={"csrf_token": csrf_of(page), "variant": "partner", "api": "sensor",
              "trials-both": "10,12"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "3 trials are needed, 2 were sent" in response.text


def test_a_typed_angle_is_the_fallback(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/measure/wall_angel_reach").text
    response = client.post(
        "/measure/wall_angel_reach",
        data={"csrf_token": csrf_of(page), "variant": "partner", "typed-both": "150"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    stored = assessments.measurements_of(storage_of(client).unit_of_work(), 1)
    assert [(m.protocol, m.degrees, m.method) for m in stored] == [
        ("wall_angel_reach", 150, "typed")
    ]


def test_the_placement_is_drawn_with_the_phone_marked(client: TestClient) -> None:
    response = client.get("/measure/standing_extension/partner/placement.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.count('class="phone-mark"') == 2  # T1, then T12
    assert "base of the neck" in response.text
