"""Managing the plan in a real browser, light and dark, axe-clean: precautions that need a
clinician hold the plan, a session skipped from Today, and one moved to tomorrow and seen on the
week view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.support.browser import LAPTOP, PHONE, Site, assert_accessible, new_context
from tests.support.history import PASSWORD, person_with_history

from midback.content.loader import load_content
from midback.services.security import Security, utcnow
from midback.storage.uow import Storage


def log_in(page: Page, site: Site, email: str) -> None:
    page.goto(site("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site("/today"))


def person(storage: Storage, security: Security, email: str) -> None:
    """Five days a week since 30 days ago: a session today (day 2 of the week), none tomorrow."""
    person_with_history(storage, security, load_content(), email, days=30)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_precaution_that_needs_a_clinician_holds_the_plan(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    email = f"care-{scheme}@example.org"
    person(site_storage, site_security, email)
    context = new_context(browser, viewport=LAPTOP, color_scheme=scheme)
    page = context.new_page()
    log_in(page, site, email)
    page.get_by_role("link", name="Manage your plan").first.click()
    expect(page.get_by_role("heading", name="Anything to take care with")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I had an operation in the last six months").check()
    page.get_by_label("Spine or back").check()
    page.get_by_role("button", name="Save my plan").click()
    expect(page.get_by_role("status")).to_contain_text("fit your new answers")
    expect(page.get_by_label("I had an operation in the last six months")).to_be_checked()
    page.goto(site("/today"))
    expect(page.get_by_role("heading", name="See a clinician first")).to_be_visible()
    expect(page.get_by_role("link", name="What to do, and record a clearance")).to_be_visible()
    expect(page.get_by_role("link", name="Start session")).to_have_count(0)
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_skip_todays_session(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    email = f"skip-{scheme}@example.org"
    person(site_storage, site_security, email)
    context = new_context(browser, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    log_in(page, site, email)
    expect(page.get_by_role("heading", name="Your session for today")).to_be_visible()
    page.get_by_text("Skip or move the session of").click()
    assert_accessible(page)
    page.get_by_role("button", name="Skip this session").click()
    expect(page.get_by_role("status").first).to_contain_text("Skipped")
    expect(page.get_by_role("heading", name="A rest day today")).to_be_visible()
    expect(page.locator(".week-strip__day--skipped")).to_have_count(1)
    assert_accessible(page)
    page.goto(site("/plan/weeks"))
    expect(page.get_by_text("skipped on purpose")).to_be_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_move_a_session_to_tomorrow_and_see_it_on_the_week_view(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    email = f"move-{scheme}@example.org"
    person(site_storage, site_security, email)
    today = utcnow().date()
    tomorrow = today + timedelta(days=1)
    context = new_context(browser, viewport=LAPTOP, color_scheme=scheme)
    page = context.new_page()
    log_in(page, site, email)
    page.goto(site("/plan/weeks"))
    today_link = page.locator(f'a[href="/sessions/{today.isoformat()}"]')
    expect(today_link).to_have_count(1)
    item = page.locator("li").filter(has=today_link)
    item.get_by_text("Skip or move the session of").click()
    assert_accessible(page)
    item.get_by_label("Move it to").select_option(tomorrow.isoformat())
    item.get_by_role("button", name="Move this session").click()
    expect(page.get_by_role("status").first).to_contain_text("Moved")
    expect(page.locator(f'a[href="/sessions/{tomorrow.isoformat()}"]')).to_have_count(1)
    expect(page.locator(f'a[href="/sessions/{today.isoformat()}"]')).to_have_count(0)
    assert_accessible(page)
    page.goto(site("/today"))
    expect(page.get_by_role("heading", name="A rest day today")).to_be_visible()
    context.close()
