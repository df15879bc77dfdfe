"""The everyday tools in a real browser, keyboard and mouse, light and dark: fixing a session
in the history, managing the plan (and pausing it), and every week ahead; axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.support.browser import LAPTOP, PHONE, Site, assert_accessible, new_context
from tests.support.history import PASSWORD, person_with_history

from midback.content.loader import load_content
from midback.services.security import Security
from midback.storage.uow import Storage


def log_in(page: Page, site: Site, email: str) -> None:
    page.goto(site("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site("/today"))


def person(storage: Storage, security: Security, email: str) -> None:
    person_with_history(storage, security, load_content(), email)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fix_a_pain_rating_and_delete_a_mistaken_session(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    email = f"history-{scheme}@example.org"
    person(site_storage, site_security, email)
    context = new_context(browser, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    log_in(page, site, email)
    page.get_by_role("link", name="Your sessions, to fix").click()
    expect(page.get_by_role("heading", name="Your sessions")).to_be_visible()
    assert_accessible(page)
    rows = page.locator("tbody tr")
    before = rows.count()
    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Fix this session")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Pain during the session").select_option("1")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("status")).to_contain_text("corrected rating")
    expect(rows.first.locator("td").nth(1)).to_have_text("1")
    rows.first.get_by_role("link").click()
    page.get_by_role("link", name="Delete this session").click()
    expect(page.get_by_text("It cannot be undone")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete this session").click()
    expect(page.get_by_role("status")).to_contain_text("no longer counts")
    assert rows.count() in (before - 1, before)  # a full page takes the next one up
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_manage_the_plan_pause_and_resume_by_keyboard(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    email = f"manage-{scheme}@example.org"
    person(site_storage, site_security, email)
    context = new_context(browser, viewport=LAPTOP, color_scheme=scheme)
    page = context.new_page()
    log_in(page, site, email)
    page.get_by_role("link", name="Manage your plan").first.click()
    expect(page.get_by_role("heading", name="Manage your plan")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_role("button", name="Save my plan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("fit your new answers")
    expect(page.get_by_role("radio", name="3", exact=True)).to_be_checked()
    page.get_by_role("button", name="Pause my program").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site("/today"))
    expect(page.get_by_role("heading", name="Your program is paused")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Resume my program").click()
    expect(page.get_by_role("status").first).to_contain_text("Welcome back")
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_see_all_the_weeks_ahead(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    email = f"weeks-{scheme}@example.org"
    person(site_storage, site_security, email)
    context = new_context(browser, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    log_in(page, site, email)
    page.get_by_role("link", name="All your weeks ahead").click()
    expect(page.get_by_role("heading", name="Week 8")).to_be_visible()
    assert page.get_by_role("heading", name="Week").count() >= 8
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    context.close()
