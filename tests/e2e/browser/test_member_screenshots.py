"""The signed-in pages of someone four weeks into a program, and their clinician's desk, on a
phone and a laptop: axe-clean, and saved under docs/screenshots/ for the README."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page
from tests.support.browser import (
    LAPTOP,
    PHONE,
    Site,
    assert_accessible,
    new_context,
    screenshot,
)
from tests.support.history import PASSWORD, clinician_of, person_with_history

from midback.content.loader import load_content
from midback.domain.training import RoutineInput
from midback.services import routines
from midback.services.security import Security
from midback.storage.uow import Storage

PERSON, CLINICIAN = "alex.morgan@example.org", "sam.lee@example.org"


@pytest.fixture(scope="module")
def people(site_storage: Storage, site_security: Security) -> int:
    """Alex, four weeks into the program, and Sam, their physiotherapist; Alex's id."""
    content = load_content()
    alex = person_with_history(site_storage, site_security, content, PERSON)
    sam = clinician_of(site_storage, site_security, alex, CLINICIAN)
    items = [{"exercise": e, "sets": 2, "reps": 8}
             for e in ("seated-rotation-arms-crossed", "seated-chin-tuck")]  # fmt: skip
    routine = RoutineInput.model_validate({"name": "Desk break", "items": items})
    routines.assign_routine(site_storage.unit_of_work(), content, sam, alex.id, routine)
    return alex.id


def log_in(page: Page, site: Site, email: str, lands: str = "/today") -> None:
    page.goto(site("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site(lands))


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_today_and_progress(browser: Browser, site: Site, people: int, size: str) -> None:
    context = new_context(
        browser, viewport=PHONE if size == "phone" else LAPTOP, reduced_motion="reduce"
    )
    page = context.new_page()
    log_in(page, site, PERSON)
    assert_accessible(page)
    screenshot(page, f"today-{size}")
    page.goto(site("/progress"))
    page.get_by_role("img", name="Seated rotation, right side").wait_for()
    assert_accessible(page)
    screenshot(page, f"progress-{size}")
    page.goto(site("/routines"))
    page.get_by_role("link", name="Desk break", exact=True).click()
    page.get_by_text("Your clinician made this routine for you").wait_for()
    assert_accessible(page)
    context.close()
    dark = new_context(browser, viewport=LAPTOP, color_scheme="dark", reduced_motion="reduce")
    if size == "laptop":
        page = dark.new_page()
        log_in(page, site, PERSON)
        assert_accessible(page)
        screenshot(page, "today-laptop-dark")
        page.goto(site("/progress"))
        assert_accessible(page)
        screenshot(page, "progress-laptop-dark")
    dark.close()


def test_the_clinicians_desk(browser: Browser, site: Site, people: int) -> None:
    context = new_context(browser, reduced_motion="reduce")
    page = context.new_page()
    log_in(page, site, CLINICIAN, lands="/clinic")  # a clinician lands on the desk (issue 15)
    page.goto(site("/clinic"))
    assert_accessible(page)
    screenshot(page, "clinic-laptop")
    page.goto(site(f"/clinic/patients/{people}"))
    assert_accessible(page)
    screenshot(page, "clinic-patient-laptop")
    page.goto(site("/settings"))
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.goto(site("/clinic"))
    assert_accessible(page)
    screenshot(page, "clinic-phone")
    context.close()
