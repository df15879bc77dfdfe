"""Installable and offline, in Debian's chromium: the install check, a planned session played and
logged with the network off and synced once on reconnect, and a finished session kept when the
person leaves before rating it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.e2e.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.support.browser import Site, run_session, sign_up
from tests.support.training import profile, today

from midback.content.loader import load_content
from midback.domain.training import ProgramRequest, SessionLog
from midback.services import accounts, assessments, logs, programs
from midback.storage.uow import Storage

SPEED = 100


def start_program(storage: Storage, email: str) -> int:
    """Give the signed-up person an assessment and a program (as onboarding would)."""
    content = load_content()
    person = accounts.get_user(storage.unit_of_work(), email=email)
    assessments.save_assessment(
        storage.unit_of_work(), content, person.id, profile(days_ago=0), recorded_by=person.id
    )
    programs.create_program(
        storage.unit_of_work(), content, person.id, ProgramRequest(), today=today()
    )
    return person.id


def logs_of(storage: Storage, user_id: int) -> list[SessionLog]:
    return logs.logs_of(storage.unit_of_work(read_only=True), user_id)


def wait_for_logs(storage: Storage, user_id: int, count: int) -> list[SessionLog]:
    """The person's logs once there are `count` (the page saves in the background)."""
    deadline = time.monotonic() + 10
    while len(found := logs_of(storage, user_id)) < count:
        assert time.monotonic() < deadline, f"{len(found)} logs, expected {count}"
        time.sleep(0.1)
    return found


def week_ahead(page: Page, site: Site) -> dict[str, Any]:
    """Open Today (online) and wait until the service worker has kept the week ahead."""
    page.goto(site("/today"))
    expect(page.locator("html[data-offline-ready]")).to_have_count(1, timeout=20_000)
    assert int(page.locator("html").get_attribute("data-offline-ready") or 0) >= 2
    urls: dict[str, Any] = page.evaluate("fetch('/offline/urls').then((r) => r.json())")
    return urls


def test_installable_without_errors(browser: Browser, site: Site, tmp_path: Path) -> None:
    # Chromium reports every incognito profile as not installable: use a real profile.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
    )
    try:
        page = context.new_page()
        response = page.goto(site("/library"))
        assert response is not None and response.ok
        manifest = page.request.get(site("/manifest.webmanifest"))
        assert manifest.headers["content-type"] == "application/manifest+json"
        assert {i["purpose"] for i in manifest.json()["icons"]} == {"any", "maskable"}
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
        assert cdp.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()


@pytest.fixture
def member(page: Page, site: Site, site_storage: Storage, request: Any) -> Iterator[int]:
    """A signed-in person with a program, in the page's context."""
    email = f"{request.node.name[:40]}@example.org".replace("_", "-")
    sign_up(page, site, email)
    yield start_program(site_storage, email)


def test_a_session_played_offline_syncs_once(
    page: Page, site: Site, site_storage: Storage, member: int
) -> None:
    urls = week_ahead(page, site)
    session = urls["pages"][2]
    assert session.startswith("/sessions/") and urls["assets"]

    page.context.set_offline(True)
    page.goto(site("/today"))  # the copy kept on this device, and its link to the session
    page.get_by_role("link", name="Start session").click()
    expect(page.get_by_role("heading", name="Today's session")).to_be_visible()
    page.goto(page.url.split("?")[0] + f"?speed={SPEED}")
    expect(page.locator("#player")).to_have_attribute("data-state", "ready")
    art = page.locator("[data-bind='art']")
    expect(art).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector('[data-bind=\"art\"]').naturalWidth") > 0
    run_session(page, budget_s=120)
    status = page.get_by_role("status").filter(has_text="Saved on this device")
    expect(status).to_be_visible()
    page.get_by_role("group", name="Pain during the session").get_by_role("radio", name="2").check()
    page.get_by_role("group", name="How hard did it feel?").get_by_role("radio", name="4").check()
    page.get_by_label("A note for yourself").fill("Played on the train.")
    page.get_by_role("button", name="Finish session").click()
    expect(status).to_be_visible()
    assert page.evaluate("window.MidbackOutbox.count()") == 2
    assert logs_of(site_storage, member) == []

    page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text="Synced")).to_be_visible()
    (log,) = wait_for_logs(site_storage, member, 1)
    assert log.completed and (log.pain_during, log.difficulty) == (2, 4)
    assert log.note == "Played on the train." and str(log.planned_session) in session
    assert all(i.sets_done >= 1 for i in log.items)
    page.reload()  # the outbox is empty: sending again stores nothing more
    page.wait_for_timeout(500)
    assert len(logs_of(site_storage, member)) == 1


def test_leaving_after_the_last_set_keeps_the_session(
    page: Page, site: Site, site_storage: Storage, member: int
) -> None:
    page.goto(site("/sessions/today"))
    page.goto(page.url + f"?speed={SPEED}")
    run_session(page, budget_s=120)
    (log,) = wait_for_logs(site_storage, member, 1)
    assert not log.completed and log.pain_during is None and log.items
    page.goto(site("/today"))  # leaves without rating it
    assert len(logs_of(site_storage, member)) == 1


def test_rating_after_the_save_completes_the_same_log(
    page: Page, site: Site, site_storage: Storage, member: int
) -> None:
    page.goto(site("/sessions/today"))
    page.goto(page.url + f"?speed={SPEED}")
    run_session(page, budget_s=120)
    wait_for_logs(site_storage, member, 1)
    page.get_by_role("group", name="Pain during the session").get_by_role(
        "radio", name="1", exact=True
    ).check()
    page.get_by_role("group", name="How hard did it feel?").get_by_role("radio", name="3").check()
    page.get_by_role("button", name="Finish session").click()
    expect(page.get_by_text("Saved to your history.")).to_be_visible()
    (log,) = logs_of(site_storage, member)
    assert log.completed and (log.pain_during, log.difficulty) == (1, 3)


def test_logging_out_clears_this_devices_copies(page: Page, site: Site, member: int) -> None:
    week_ahead(page, site)
    kept = """async () => {
      const urls = [];
      for (const name of ["midback-pages", "midback-art"]) {
        const cache = await caches.open(name);
        urls.push(...(await cache.keys()).map((r) => new URL(r.url).pathname));
      }
      return urls;
    }"""
    assert "/today" in page.evaluate(kept)
    assert any(u.startswith("/sessions/") for u in page.evaluate(kept))
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: not url.endswith("/today"))
    page.wait_for_load_state()
    left = page.evaluate(kept)
    # Only public pages come back (the landing page, its pictures); nothing of the person.
    assert not [u for u in left if u.startswith(("/today", "/sessions/"))], left
    assert page.evaluate("window.MidbackOutbox.count()") == 0


def test_a_push_message_shows_a_notification_that_opens_its_page(page: Page, site: Site) -> None:
    page.context.grant_permissions(["notifications"], origin=site.url)
    page.goto(site("/library"))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("ServiceWorker.enable")
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    page.wait_for_timeout(300)
    (registration,) = {r["registrationId"] for r in registrations if not r["isDeleted"]}
    message = {"title": "Time for your session", "body": "10 minutes.", "url": "/today"}
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": site.url, "registrationId": registration, "data": json.dumps(message)},
    )
    shown = """navigator.serviceWorker.ready.then(async (r) => {
      for (let i = 0; i < 200; i += 1) {  // up to 20 s: a loaded machine is slow to wake the worker
        const found = await r.getNotifications();
        if (found.length) return found.map((n) => [n.title, n.body, n.data.url]);
        await new Promise((done) => setTimeout(done, 100));
      }
      return [];
    })"""
    assert page.evaluate(shown) == [["Time for your session", "10 minutes.", "/today"]]
