"""Pages and the API docs work under the Content-Security-Policy: nothing is blocked."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, expect
from tests.support.browser import Site


def blocked(page: Page) -> list[str]:
    """Collects what the browser refused under the policy while the page is used."""
    messages: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            messages.append(message.text)

    page.on("console", note)
    return messages


def test_the_api_docs_render_from_vendored_files(page: Page, site: Site) -> None:
    refused = blocked(page)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site("")) else None)
    page.goto(site("/api/docs"))
    title = page.locator(".swagger-ui .info .title")
    expect(title).to_contain_text("midback", timeout=60_000)  # a 1.8 MB bundle on a busy machine
    expect(page.locator(".opblock").first).to_be_visible()
    assert not refused, refused
    assert not outside, outside


def test_pages_run_without_policy_violations(page: Page, site: Site) -> None:
    refused = blocked(page)
    for path in ("/", "/library", "/signup", "/learn", "/play/open-book"):
        page.goto(site(path))
        page.wait_for_load_state("networkidle")
    assert not refused, refused
