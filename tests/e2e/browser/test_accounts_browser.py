"""Signing up, logging out and logging in again, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from tests.support.browser import PASSWORD, Site, assert_accessible, sign_up


def test_sign_up_shows_errors_next_to_fields_then_signs_in(page: Page, site: Site) -> None:
    page.goto(site("/"))
    assert_accessible(page)
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    expect(page.get_by_text("not medical advice").first).to_be_visible()
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()

    password = page.get_by_label("Password")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(
        "At least 10 characters. A few unrelated words make a strong, memorable passphrase. "
        "Use at least 10 characters."
    )
    disclaimer = page.get_by_label("I understand that midback is not medical advice.")
    expect(disclaimer).to_have_attribute("aria-describedby", "disclaimer-text disclaimer-error")
    expect(page.get_by_role("alert")).to_contain_text("Please fix 2 things")
    expect(page.get_by_label("Email")).to_have_value("ada@example.org")
    assert_accessible(page)

    password.fill(PASSWORD)
    disclaimer.check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(site("/onboarding/day?welcome=1"))
    expect(page.get_by_role("status")).to_contain_text("Welcome to midback, ada@example.org")
    cookie = next(c for c in page.context.cookies() if c["name"] == "midback_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert_accessible(page)


def test_log_out_and_log_in_again(page: Page, site: Site) -> None:
    sign_up(page, site, "grace@example.org")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(site("/?goodbye=1"))
    expect(page.get_by_role("status")).to_contain_text("You are logged out")
    assert not [c for c in page.context.cookies() if c["name"] == "midback_session"]

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_label("Password")).to_have_accessible_description(
        "That email and password do not match an account."
    )
    assert_accessible(page)

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site("/today"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_text("Signed in as grace@example.org")).to_be_visible()


def test_log_out_page_works_without_javascript(browser_no_js: Page, site: Site) -> None:
    page = browser_no_js
    sign_up(page, site, "linus@example.org")
    page.goto(site("/logout"))
    expect(page.get_by_role("heading", name="Log out?")).to_be_visible()
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    page.wait_for_url(site("/?goodbye=1"))
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
