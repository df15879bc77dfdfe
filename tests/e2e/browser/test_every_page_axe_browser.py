"""axe-core on every page a patient and a clinician can reach, light and dark: 0 serious or
critical problems (issue 15). One browser; each person signs in once and the dark pass reuses
the signed-in state. The pages test_screenshots.py already checks in both schemes (welcome,
library, an exercise, learn, a lesson, sign-up, the player) are left to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.support.browser import Site, assert_accessible, new_context, sign_up
from tests.support.history import PASSWORD, clinician_of, person_with_history

from midback.content.loader import load_content
from midback.domain.training import RoutineInput
from midback.services import routines
from midback.services.security import Security
from midback.storage.uow import Storage

PATIENT, CLINICIAN = "axe.patient@example.org", "axe.clinician@example.org"
SCHEMES = ("light", "dark")

ANYONE = [
    "/login",
    "/password/forgot",
    "/password/reset/not-a-real-token",
    "/reminders/unsubscribe/not-a-real-token",
    "/offline",
    "/no-such-page",
]
PATIENT_PAGES = [
    "/today",
    "/progress",
    "/progress/measure",
    "/check-in",
    "/retest",
    "/history",
    "/plan/manage",
    "/plan/weeks",
    "/routines",
    "/routines/new",
    "/settings",
    "/settings/reminders",
    "/settings/calendar",
    "/settings/delete",
    "/offline",
    "/measure",
    "/measure/seated_rotation",
    "/onboarding/program",
]
CLINICIAN_PAGES = ["/clinic", "/settings", "/library", "/routines", "/routines/new"]


@pytest.fixture(scope="module")
def people(site_storage: Storage, site_security: Security) -> dict[str, int]:
    """A patient four weeks into a program with a routine from their clinician; their ids."""
    content = load_content()
    patient = person_with_history(site_storage, site_security, content, PATIENT)
    clinician = clinician_of(site_storage, site_security, patient, CLINICIAN)
    items = [{"exercise": "seated-chin-tuck", "sets": 2, "reps": 8}]
    routine = RoutineInput.model_validate({"name": "Desk reset", "items": items})
    routines.assign_routine(site_storage.unit_of_work(), content, clinician, patient.id, routine)
    return {"patient": patient.id, "clinician": clinician.id}


def log_in(page: Page, site: Site, email: str, lands: str) -> None:
    page.goto(site("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site(lands))


@pytest.fixture(scope="module")
def signed_in(browser: Browser, site: Site, people: dict[str, int]) -> dict[str, Any]:
    """Each person's signed-in browser state, made once."""
    states: dict[str, Any] = {}
    for role, email, lands in (("patient", PATIENT, "/today"), ("clinician", CLINICIAN, "/clinic")):
        context = new_context(browser)
        log_in(context.new_page(), site, email, lands)
        states[role] = context.storage_state()
        context.close()
    return states


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    made: list[BrowserContext] = []
    yield made
    for context in made:
        context.close()


def open_page(
    browser: Browser, contexts: list[BrowserContext], scheme: str, state: Any = None
) -> Page:
    context = new_context(
        browser, color_scheme=scheme, reduced_motion="reduce", storage_state=state
    )
    contexts.append(context)
    return context.new_page()


def check(page: Page, site: Site, paths: list[str]) -> None:
    """Open each page (not a redirect elsewhere) and check it with axe."""
    for path in paths:
        page.goto(site(path))
        assert page.url == site(path), f"{path} led to {page.url}"
        assert_accessible(page)


def first_link(page: Page, prefix: str) -> str:
    href = page.locator(f"main a[href^='{prefix}']").first.get_attribute("href")
    assert href, f"no link to {prefix}… on {page.url}"
    return href


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_anyone_can_open(
    browser: Browser, site: Site, contexts: list[BrowserContext], scheme: str
) -> None:
    page = open_page(browser, contexts, scheme)
    check(page, site, ANYONE)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_of_a_patient(
    browser: Browser,
    site: Site,
    signed_in: dict[str, Any],
    contexts: list[BrowserContext],
    scheme: str,
) -> None:
    page = open_page(browser, contexts, scheme, signed_in["patient"])
    check(page, site, PATIENT_PAGES)
    page.goto(site("/history"))
    log = first_link(page, "/history/")
    check(page, site, [log, f"{log}/delete"])
    page.goto(site("/routines"))
    check(page, site, [first_link(page, "/routines/")])
    page.goto(site("/plan/weeks"))
    check(page, site, [first_link(page, "/sessions/")])
    page.goto(site("/settings"))
    page.get_by_role("button", name="Prepare my data export").click()
    expect(page.locator("#export-status")).not_to_be_empty()
    assert_accessible(page)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_of_a_clinician(
    browser: Browser,
    site: Site,
    people: dict[str, int],
    signed_in: dict[str, Any],
    contexts: list[BrowserContext],
    scheme: str,
) -> None:
    page = open_page(browser, contexts, scheme, signed_in["clinician"])
    check(page, site, [*CLINICIAN_PAGES, f"/clinic/patients/{people['patient']}"])


def answer(page: Page, step: int) -> None:
    """The least answer each onboarding step needs (steps 5, 8 and 9 need none)."""
    if step == 1:
        page.get_by_label("8 to 10 hours").check()
    elif step == 2:
        page.get_by_label("Less than an hour").check()
    elif step == 3:
        page.get_by_role("radio", name="15 min").check()
        page.get_by_role("group", name="Days per week").get_by_role("radio", name="5").check()
    elif step == 4:
        chair = page.get_by_role("group", name="Do you have a chair you can use?")
        chair.get_by_label("Yes").check()
    elif step == 6:
        page.get_by_role("group", name="Pain right now").get_by_role("radio", name="3").check()
        page.get_by_label("Middle of the back").check()
    elif step == 7:
        for group in page.locator("fieldset.yesno").all():
            group.get_by_label("No").check()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_onboarding_step(
    browser: Browser, site: Site, contexts: list[BrowserContext], scheme: str
) -> None:
    """A new person's onboarding, each step checked before it is answered."""
    page = open_page(browser, contexts, scheme)
    sign_up(page, site, f"axe.onboarding.{scheme}@example.org")
    for number in range(1, 10):
        expect(page.get_by_text(f"Step {number} of 10")).to_be_visible()
        assert_accessible(page)
        answer(page, number)
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 10 of 10")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I understand that midback is not medical advice.").check()
    page.get_by_role("button", name="Build my program").click()
    expect(page.get_by_role("heading", name="8 weeks, built around your day")).to_be_visible()
    assert_accessible(page)
