"""Building a routine in a real browser: add exercises, reorder them with the keyboard and by
dragging, watch the total follow the doses, save and start it."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from tests.support.browser import PHONE, Site, assert_accessible, screenshot, sign_up


def names(page: Page) -> list[str]:
    return [n.strip() for n in page.locator(".builder-row__name a").all_inner_texts()]


def add(page: Page, name: str) -> None:
    page.get_by_label("Add an exercise").select_option(label=name)
    page.get_by_role("button", name="Add to routine").click()
    row = name.removesuffix(" (each side)")
    expect(page.locator(".builder-row__name", has_text=row)).to_be_visible()


def test_build_reorder_by_keyboard_and_drag_save_and_start(page: Page, site: Site) -> None:
    sign_up(page, site, "builder@example.org")
    page.goto(site("/routines"))
    expect(page.get_by_text("No routines yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Build a routine").first.click()
    page.get_by_label("Routine name").fill("Desk break")
    for name in ("Open book (each side)", "Wall angel", "Seated chin tuck"):
        add(page, name)
    assert names(page) == ["Open book", "Wall angel", "Seated chin tuck"]
    assert_accessible(page)

    move_down = page.get_by_role("button", name="Move Open book down")
    move_down.focus()
    page.keyboard.press("Enter")  # moved in place by the script: no reload, focus kept
    assert names(page) == ["Wall angel", "Open book", "Seated chin tuck"]
    expect(move_down).to_be_focused()
    expect(page.locator("#builder-status")).to_have_text("Open book: position 2 of 3")
    page.keyboard.press("Enter")
    assert names(page) == ["Wall angel", "Seated chin tuck", "Open book"]
    expect(move_down).to_be_disabled()
    expect(page.get_by_role("button", name="Move Open book up")).to_be_focused()

    chin = page.locator(".builder-row", has_text="Seated chin tuck")
    first_row = page.locator(".builder-row").first
    chin.locator(".builder-row__grip").drag_to(first_row, target_position={"x": 40, "y": 5})
    assert names(page) == ["Seated chin tuck", "Wall angel", "Open book"]

    total = page.locator("#routine-total")
    before = total.inner_text()
    page.locator(".builder-row", has_text="Wall angel").get_by_label("Sets").fill("6")
    page.locator(".builder-row", has_text="Wall angel").get_by_label("Reps").focus()  # change fires
    expect(total).not_to_have_text(before)
    page.locator(".builder-row", has_text="Open book").get_by_label("Side").select_option("left")
    assert_accessible(page)
    screenshot(page, "builder-laptop", from_top=True)
    page.set_viewport_size(PHONE)
    screenshot(page, "builder-phone", from_top=True)

    page.get_by_role("button", name="Save routine").click()
    expect(page.get_by_role("status")).to_have_text("Routine saved.")
    assert names(page) == ["Seated chin tuck", "Wall angel", "Open book"]
    expect(page.locator(".builder-row", has_text="Wall angel").get_by_label("Sets")).to_have_value(
        "6"
    )
    page.get_by_role("link", name="Start routine").click()
    expect(page.get_by_role("heading", name="Desk break")).to_be_visible()
    expect(page.get_by_text("Exercise 1 of 3", exact=True)).to_be_visible()
    page.goto(site("/routines"))
    expect(page.get_by_role("link", name="Start Desk break")).to_be_visible()
    assert_accessible(page)


def test_favourite_with_htmx_and_add_to_a_routine(page: Page, site: Site) -> None:
    sign_up(page, site, "fan@example.org")
    page.goto(site("/exercises/wall-angel"))
    favourite = page.get_by_role("button", name="Favourite")
    expect(favourite).to_have_attribute("aria-pressed", "false")
    favourite.click()  # htmx swaps the form in place
    expect(page.get_by_role("button", name="Favourite")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("status")).to_have_text("Wall angel added to your favourites.")
    assert page.url == site("/exercises/wall-angel")
    assert_accessible(page)
    page.get_by_role("button", name="Add Wall angel to the routine").click()
    expect(page.locator(".builder-row__name")).to_have_text(["Wall angel"])
    page.goto(site("/routines"))
    expect(page.get_by_role("link", name="Wall angel")).to_be_visible()


def test_a_reorder_is_flagged_unsaved_and_start_saves_it_first(page: Page, site: Site) -> None:
    """Moving rows used to be lost without a word when "Start" played the saved order."""
    sign_up(page, site, "reorder@example.org")
    page.goto(site("/routines/new?add=wall-angel,seated-chin-tuck"))
    page.get_by_label("Routine name").fill("Two moves")
    page.get_by_role("button", name="Save routine").click()
    expect(page.get_by_role("status")).to_have_text("Routine saved.")
    unsaved = page.locator("#builder-unsaved")
    expect(unsaved).to_be_hidden()
    page.get_by_role("button", name="Move Wall angel down").click()
    assert names(page) == ["Seated chin tuck", "Wall angel"]
    expect(unsaved).to_be_visible()
    assert_accessible(page)
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(600)  # let colour transitions settle
    assert_accessible(page)
    page.get_by_role("link", name="Save and start").click()
    expect(page.get_by_role("heading", name="Two moves")).to_be_visible()
    expect(page.locator("#stage").get_by_role("heading", name="Seated chin tuck")).to_be_visible()
    page.go_back()
    page.reload()
    assert names(page) == ["Seated chin tuck", "Wall angel"]
