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
    expect(art).to_have_attribute(
        "alt", re.compile(r"Drawn for this side: leaning to your left \(right arm overhead\)\.")
    )
    expect(art).to_have_attribute("alt", re.compile("right arm is highlighted"))
    shown = "(side) => { const img = document.querySelector(\"[data-bind='art']\"); "
    shown += "return img.complete && img.naturalWidth > 0 && img.currentSrc.includes(side); }"
    page.wait_for_function(shown, arg="side=left")
    page.keyboard.press("ArrowRight")
    page.locator("#player[data-index='1']").wait_for()
    expect(badge).to_have_text("Leaning to your right (left arm overhead)")
    expect(art).to_have_attribute(
        "src", "/exercises/seated-lat-side-stretch/illustration.svg?animated=1&side=right"
    )
    expect(art).to_have_attribute("alt", re.compile("left arm is highlighted"))
    page.wait_for_function(shown, arg="side=right")  # the right side's own picture loaded
