"""Helpers for the browser tests: axe-core checks, screenshots, and acting as a person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "e2e" / "browser" / "vendor" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "a long and rare passphrase"


@dataclass
class Site:
    """The running app: its base URL."""

    url: str

    def __call__(self, path: str) -> str:
        """The absolute URL of `path`."""
        return self.url + path


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
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


def screenshot(page: Page, name: str) -> Path:
    """Save what the page shows now as docs/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    return path


def sign_up(page: Page, site: Site, email: str) -> None:
    """Create an account through the sign-up page (and end up signed in)."""
    page.goto(site("/signup"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I understand that midback is not medical advice.").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(site("/?welcome=1"))


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A fresh browser profile (no cookies), laptop-sized unless told otherwise."""
    options.setdefault("viewport", LAPTOP)
    context = browser.new_context(locale="en-GB", **options)
    context.set_default_timeout(10_000)
    return context
