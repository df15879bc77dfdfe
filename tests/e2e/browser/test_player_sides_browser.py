"""The player's picture switches with the side: the seated lat side stretch is drawn leaning
left for the left side and as its mirror image for the right (issue 15, defect 2)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from tests.support.browser import Site


def test_the_picture_switches_with_the_side(page: Page, site: Site) -> None:
    page.goto(site("/play/seated-lat-side-stretch?speed=20"))
    stage = page.locator("#stage")
    art = page.locator("[data-bind='art']")
    badge = stage.locator("[data-bind='side']")
    expect(badge).to_have_text("Leaning to your left (right arm overhead)")
    expect(art).to_have_attribute(
        "src", "/exercises/seated-lat-side-stretch/illustration.svg?animated=1&side=left"
    )
    expect(art).to_have_attribute("alt", "Seated lat side stretch, sitting, seen from the front. "
                                  "Drawn for this side: leaning to your left (right arm overhead). "
                                  "The pale figure shows the start position and the coloured one "
                                  "the end position; orange arrows show the direction of movement. "
                                  "The right arm is highlighted in orange. Props: chair.")  # fmt: skip
    left_picture = page.evaluate("() => document.querySelector(\"[data-bind='art']\").currentSrc")
    page.keyboard.press("ArrowRight")
    page.locator("#player[data-index='1']").wait_for()
    expect(badge).to_have_text("Leaning to your right (left arm overhead)")
    expect(art).to_have_attribute(
        "src", "/exercises/seated-lat-side-stretch/illustration.svg?animated=1&side=right"
    )
    expect(art).to_have_attribute("alt", re.compile("left arm is highlighted"))
    right_picture = page.evaluate("() => document.querySelector(\"[data-bind='art']\").currentSrc")
    assert left_picture != right_picture
    loaded = page.evaluate("() => document.querySelector(\"[data-bind='art']\").naturalWidth")
    assert loaded > 0
