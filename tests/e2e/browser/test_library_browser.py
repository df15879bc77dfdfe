"""The library: search and filters with and without JavaScript, and an exercise page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from tests.support.browser import Site, assert_accessible


def test_filters_work_without_javascript(browser_no_js: Page, site: Site) -> None:
    page = browser_no_js
    page.goto(site("/library"))
    expect(page.get_by_role("heading", name="50 exercises")).to_be_visible()
    page.get_by_label("Search exercises").fill("rotation")
    page.get_by_label("Position").select_option("sitting")
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_url(re.compile(r"/library\?q=rotation&target=&position=sitting"))
    count = page.locator("#results-title")
    expect(count).to_have_text(re.compile(r"\d+ exercises? found"))
    titles = page.locator(".card h3").all_inner_texts()
    assert titles and all("Seated" in t or "seated" in t.lower() for t in titles), titles
    page.get_by_role("link", name="Clear search and filters").click()
    expect(page.get_by_role("heading", name="50 exercises")).to_be_visible()


def test_results_update_as_you_type_and_the_url_follows(page: Page, site: Site) -> None:
    page.goto(site("/library"))
    assert_accessible(page)
    page.evaluate("window.sameDocument = true")  # gone if the page were reloaded
    expect(page.get_by_role("button", name="Show exercises")).to_be_hidden()

    page.get_by_label("Search exercises").press_sequentially("open book", delay=20)
    expect(page.locator("#results-title")).to_have_text(re.compile(r"[1-9] exercises? found"))
    expect(page.get_by_role("link", name="Open book", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/library\?q=open(\+|%20)book$"))

    page.get_by_label("Level").select_option("2")
    expect(page).to_have_url(re.compile(r"/library\?q=open(\+|%20)book&level=2$"))
    expect(page.get_by_role("link", name="Open book", exact=True)).to_have_count(0)
    expect(page.locator("#results-status")).to_contain_text("found")
    assert page.evaluate("window.sameDocument") is True

    page.get_by_label("Search exercises").fill("")
    page.get_by_label("Level").select_option("")
    page.get_by_label("Works on").select_option("breathing")
    expect(page).to_have_url(site("/library?target=breathing"))
    expect(page.get_by_role("heading", name="Breathing", exact=True)).to_be_visible()
    assert_accessible(page)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/library\?"))
    assert page.evaluate("window.sameDocument") is True


def test_exercise_page_links_and_try_it(page: Page, site: Site) -> None:
    page.goto(site("/library?q=wall+angel"))
    page.get_by_role("link", name="Wall angel", exact=True).click()
    expect(page).to_have_url(site("/exercises/wall-angel"))
    expect(page.get_by_role("heading", name="Wall angel", level=1)).to_be_visible()
    image = page.get_by_role("img", name=re.compile("^Wall angel"))
    expect(image).to_have_attribute("src", "/exercises/wall-angel/illustration.svg?animated=1")
    page.wait_for_function(
        "() => { const i = document.querySelector('.art-frame img'); "
        "return i.complete && i.naturalWidth > 0; }"
    )
    for heading in ("How to do it", "Cues", "Watch out for", "Easier", "Harder"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_text("2 sets × 10–15 reps")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Seated wall angel").click()
    expect(page).to_have_url(site("/exercises/seated-wall-angel"))
    assert_accessible(page)
    page.get_by_role("link", name="Try it").click()
    expect(page).to_have_url(site("/play/seated-wall-angel"))
    expect(page.get_by_role("button", name="Start Seated wall angel")).to_be_visible()


def test_reduced_motion_gets_the_still_illustration(browser_reduced: Page, site: Site) -> None:
    page = browser_reduced
    page.goto(site("/exercises/wall-angel"))
    src = page.evaluate("document.querySelector('.art-frame img').currentSrc")
    assert src.endswith("/exercises/wall-angel/illustration.svg"), src


def test_unknown_exercise_is_a_page_not_json(page: Page, site: Site) -> None:
    response = page.goto(site("/exercises/no-such-thing"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Not Found")).to_be_visible()
    assert_accessible(page)
