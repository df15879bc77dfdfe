"""The player's picture is large enough to follow on a phone (at least half the screen wide),
and enlarges to nearly the whole screen by a tap, a click or the keyboard, moving unless motion
is unwelcome, without taking Space away from counting reps (issue 15)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from tests.support.browser import LAPTOP, PHONE, Site, assert_accessible, new_context

# seated-chair-extension: 2 sets × 8 reps; standing-overhead-reach: the tallest, narrowest picture.
SESSION = "/play?exercises=seated-chair-extension,standing-overhead-reach&speed=5"
DRAWN = """(img) => {
  if (!img.complete || img.naturalWidth === 0) return 0;
  const box = img.getBoundingClientRect();  // object-fit: contain draws the whole picture inside
  return Math.min(box.width, box.height * img.naturalWidth / img.naturalHeight);
}"""


def drawn_width(img: Locator) -> float:
    """The width the picture is drawn at (not its box), once it has loaded."""
    expect(img).to_be_visible()
    img.page.wait_for_function(f"(img) => ({DRAWN})(img) > 0", arg=img.element_handle())
    return float(img.evaluate(DRAWN))


def state(page: Page, **expected: str) -> None:
    selector = "".join(f"[data-{key}='{value}']" for key, value in expected.items())
    page.locator(f"#player{selector}").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_shows_the_picture_at_half_the_width_and_enlarges_it(
    browser: Browser, site: Site, scheme: str
) -> None:
    context = new_context(browser, viewport=PHONE, color_scheme=scheme, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site(SESSION))
    art = page.locator("[data-bind='art']")
    assert drawn_width(art) >= PHONE["width"] / 2
    enlarge = page.get_by_role("button", name="Enlarge the picture: Seated chair extension")
    dialog = page.locator("#art-dialog")
    zoomed = page.locator("[data-bind='zoom-art']")

    page.keyboard.press("Space")  # start, then Space counts reps
    state(page, phase="reps")
    page.keyboard.press("Space")
    ring = page.locator("#ring")
    expect(ring).to_have_attribute("aria-label", "Count a rep, 1 of 8 done")

    enlarge.tap()  # a tap enlarges it, moving, to nearly the whole screen
    expect(dialog).to_be_visible()
    expect(page.get_by_role("dialog", name="Seated chair extension")).to_be_visible()
    expect(zoomed).to_have_attribute(
        "src", "/exercises/seated-chair-extension/illustration.svg?animated=1"
    )
    assert drawn_width(zoomed) >= 0.8 * PHONE["width"]
    expect(page.locator("[data-bind='zoom-status']")).to_contain_text("1 of 8 reps")
    assert_accessible(page)
    page.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(ring).to_be_focused()  # Space goes on counting reps
    page.keyboard.press("Space")
    expect(ring).to_have_attribute("aria-label", "Count a rep, 2 of 8 done")

    enlarge.focus()  # the keyboard: Enter or Space on the button, Escape closes
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("ArrowRight")  # the player's keys rest while the picture is enlarged
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    state(page, index="0", phase="reps")
    expect(ring).to_be_focused()
    enlarge.focus()
    page.keyboard.press("Space")
    expect(dialog).to_be_visible()
    page.mouse.click(3, 3)  # outside the picture's box: on the backdrop
    expect(dialog).to_be_hidden()
    expect(ring).to_have_attribute("aria-label", "Count a rep, 2 of 8 done")  # nothing counted
    assert_accessible(page)

    page.keyboard.press("ArrowRight")  # the narrowest picture is still half the screen wide
    state(page, index="1")
    page.wait_for_function(
        "() => document.querySelector(\"[data-bind='art']\").currentSrc.includes('overhead')"
    )
    assert drawn_width(art) >= PHONE["width"] / 2
    context.close()
    assert not errors, errors


def test_timers_run_on_while_the_picture_is_enlarged(page: Page, site: Site) -> None:
    page.goto(site("/play?exercises=thread-the-needle&speed=20"))
    art = page.locator("[data-bind='art']")
    width = drawn_width(art)
    assert 300 <= width <= LAPTOP["width"] / 2  # a laptop: large, beside the counter
    page.get_by_role("button", name="Start Thread the needle").click()
    page.locator("[data-bind='enlarge']").click()
    state(page, phase="hold")  # the count-in ran out behind the enlarged picture
    expect(page.locator("[data-bind='zoom-status']")).to_contain_text("Hold")
    page.keyboard.press("Escape")
    expect(page.locator("#art-dialog")).to_be_hidden()


def test_reduced_motion_enlarges_the_still_picture(browser_reduced: Page, site: Site) -> None:
    page = browser_reduced
    page.goto(site("/play/open-book"))
    page.locator("[data-bind='enlarge']").click()
    zoomed = page.locator("[data-bind='zoom-art']")
    page.wait_for_function(
        "() => document.querySelector(\"[data-bind='zoom-art']\").currentSrc.includes('svg')"
    )
    assert "animated" not in zoomed.evaluate("(img) => img.currentSrc")
