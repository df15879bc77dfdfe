"""The main pages on a phone and a laptop, light and dark: axe-clean, and saved as screenshots
under docs/screenshots/ for the README (still illustrations: reduced motion keeps them stable)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page
from tests.support.browser import LAPTOP, PHONE, Site, assert_accessible, new_context, screenshot

PAGES = {
    "welcome": "/",
    "library": "/library",
    "exercise": "/exercises/wall-angel",
    "learn": "/learn",
    "lesson": "/learn/why-sitting-stiffens",
    "signup": "/signup",
}
PLAYER = "/play?exercises=wall-angel,open-book&speed=1"


def _player_mid_set(page: Page, site: Site) -> None:
    """The player counting reps: two of ten done."""
    page.goto(site(PLAYER))
    page.get_by_role("button", name="Start Wall angel").click()
    ring = page.locator("#ring")
    ring.click()
    ring.click()
    page.locator("#player[data-phase='reps']").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_main_pages(browser: Browser, site: Site, size: str, scheme: str) -> None:
    viewport = PHONE if size == "phone" else LAPTOP
    context = new_context(browser, viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    suffix = f"{size}" if scheme == "light" else f"{size}-dark"
    for name, path in PAGES.items():
        page.goto(site(path))
        assert_accessible(page)
        if scheme == "light" or name == "welcome":
            screenshot(page, f"{name}-{suffix}")
    _player_mid_set(page, site)
    assert_accessible(page)
    screenshot(page, f"player-{suffix}")
    page.get_by_role("link", name="End session now").click()
    page.get_by_role("heading", name="How did it go?").wait_for()
    assert_accessible(page)
    if scheme == "light":
        screenshot(page, f"player-feedback-{suffix}")
    context.close()
