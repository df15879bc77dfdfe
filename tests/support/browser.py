"""Helpers for the browser tests: axe-core checks, screenshots, and acting as a person."""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "e2e" / "browser" / "vendor" / "axe.min.js"
# The README's pictures are refreshed only on purpose (`make docs-screenshots` sets this); an
# ordinary test run writes its screenshots to a temporary folder and leaves the work tree alone.
SCREENSHOTS = Path(
    os.environ.get("MIDBACK_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "midback-screenshots"
)
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "a long and rare passphrase"


@dataclass
class Site:
    """The running app: its base URL (and its database, to set up what no page does)."""

    url: str
    database_url: str = ""

    def __call__(self, path: str) -> str:
        """The absolute URL of `path`."""
        return self.url + path


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's devtools protocol, not as a <script> tag, which the
        # Content-Security-Policy (no inline scripts) rightly refuses.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [v for v in results if v.get("impact") in ("serious", "critical")]


def assert_accessible(page: Page) -> None:
    """Fail with a readable list if axe-core finds serious or critical problems."""
    found = axe_violations(page)
    report = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in found
    ]
    assert not found, f"axe on {page.url}:\n{json.dumps(report, indent=2)}"


def screenshot(page: Page, name: str, *, from_top: bool = False) -> Path:
    """Save what the page shows now as <name>.png in SCREENSHOTS (`from_top`: scrolled to the
    top with nothing focused, as someone arriving sees it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if from_top:
        page.evaluate("document.activeElement?.blur(); window.scrollTo(0, 0)")
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    return path


def sign_up(page: Page, site: Site, email: str) -> None:
    """Create an account through the sign-up page (and end up signed in)."""
    page.goto(site("/signup"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I understand that midback is not medical advice.").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(site("/onboarding/day?welcome=1"))


def run_session(page: Page, budget_s: float = 40) -> None:
    """Play the player's whole session: start each exercise, count a rep of each set of reps by
    hand and mark the set done, and let holds, rests and transitions run (the page's timers
    sped up). Only counted reps are logged, so every set gets one."""
    player = page.locator("#player")
    ring = page.locator("#ring")
    deadline = time.monotonic() + budget_s
    while (state := player.get_attribute("data-state")) != "finished":
        assert time.monotonic() < deadline, f"the session did not finish ({state})"
        if state == "ready":
            page.keyboard.press("Space")
        elif state == "phase" and player.get_attribute("data-phase") == "reps":
            if ", 0 of " in (ring.get_attribute("aria-label") or ""):
                ring.click()  # count one rep by hand, then finish the set
                continue
            page.get_by_role("button", name="Set done").click()
        else:
            page.wait_for_timeout(40)


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A fresh browser profile (no cookies), laptop-sized unless told otherwise."""
    options.setdefault("viewport", LAPTOP)
    context = browser.new_context(locale="en-GB", **options)
    context.set_default_timeout(10_000)
    return context
