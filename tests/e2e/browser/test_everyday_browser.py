"""What a clinician and a patient reach for every day, in a real browser: the clinician lands on
the desk, prints handouts, leaves a note the patient sees; the menu fits a phone."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from playwright.sync_api import Browser, Page, expect
from tests.support.browser import (
    PASSWORD,
    PHONE,
    Site,
    assert_accessible,
    new_context,
    sign_up,
)

from midback.content.loader import load_content
from midback.domain.accounts import Role
from midback.services import accounts
from midback.storage.uow import Storage

ANSWERS: dict[str, dict[str, str | list[str]]] = {
    "day": {"sitting": "9", "age": "44"},
    "activity": {"activity": "30"},
    "time": {"minutes": "15", "days": "5"},
    "equipment": {"chair": "yes"},
    "positions": {},
    "pain": {"pain": "2", "regions": ["mid_back"]},
    "health": dict.fromkeys((q.id.value for q in load_content().safety().screen.asked()), "no"),
    "precautions": {},
    "measure": {},
    "confirm": {"disclaimer": "yes"},
}


def onboard(page: Page, site: Site) -> None:
    """Answer onboarding through its forms (posted by the page's own cookies, to save time)."""
    page.goto(site("/onboarding/day"))
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    for step, answers in ANSWERS.items():
        body = urlencode({**answers, "csrf_token": token}, doseq=True)
        answered = page.request.post(
            site(f"/onboarding/{step}"),
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answered.ok, (step, answered.status)


def assert_pdf(page: Page, link_name: str) -> None:
    """The link is on the page, and following it answers a PDF."""
    link = page.get_by_role("link", name=link_name)
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    answer = page.request.get(urljoin(page.url, href))
    assert answer.status == 200, answer.status
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")


def test_a_clinician_lands_on_the_desk_prints_and_the_note_reaches_the_patient(
    page: Page, browser: Browser, site: Site, site_storage: Storage
) -> None:
    sign_up(page, site, "desk@example.org")
    accounts.set_role(site_storage.unit_of_work(), email="desk@example.org", role=Role.CLINICIAN)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(site("/?goodbye=1"))  # log out clears this device first, then leaves
    page.goto(site("/login"))
    page.get_by_label("Email").fill("desk@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site("/clinic"))  # the desk, not a patient's onboarding
    page.get_by_role("button", name="New invite code").click()
    code = page.locator(".invite-code__value code").inner_text()

    patient = new_context(browser).new_page()
    sign_up(patient, site, "noted@example.org")
    onboard(patient, site)
    patient.goto(site("/settings"))
    patient.get_by_label("Invite code from your clinician").fill(code)
    patient.get_by_role("button", name="Link clinician").click()
    expect(patient.get_by_role("status")).to_contain_text("You are linked")

    page.goto(site("/clinic"))
    page.get_by_role("link", name="noted@example.org").click()
    assert_pdf(page, "Print a handout (PDF)")
    page.get_by_label("A note for your patient").fill("Keep the ribs down on the wall angel.")
    page.get_by_role("button", name="Save adjustments").click()
    expect(page.get_by_text("Program adjusted")).to_be_visible()
    assert_accessible(page)

    patient.goto(site("/today"))
    note = patient.get_by_role("region", name="A note from your clinician")
    expect(note).to_contain_text("Keep the ribs down on the wall angel.")
    assert_accessible(patient)
    patient.emulate_media(color_scheme="dark")
    patient.wait_for_timeout(600)  # let colour transitions settle
    assert_accessible(patient)
    patient.get_by_role("link", name="Start session").click()
    expect(patient.get_by_text("A note from your clinician:")).to_be_visible()
    expect(patient.get_by_text("Keep the ribs down on the wall angel.")).to_be_visible()
    assert_accessible(patient)  # dark, as set above
    patient.emulate_media(color_scheme="light")
    patient.wait_for_timeout(600)
    assert_accessible(patient)
    patient.context.close()

    page.goto(site("/routines/new?add=wall-angel"))
    page.get_by_label("Routine name").fill("For the desk")
    page.get_by_role("button", name="Save routine").click()
    expect(page.get_by_role("status")).to_have_text("Routine saved.")
    assert_pdf(page, "Print a handout (PDF)")


def test_the_signed_in_menu_shows_every_item_on_a_phone(
    browser: Browser, site: Site, site_storage: Storage
) -> None:
    """Six links were 479 px wide on a 390 px screen: the menu scrolled sideways, hiding some."""
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    sign_up(page, site, "phone-clinician@example.org")
    accounts.set_role(
        site_storage.unit_of_work(), email="phone-clinician@example.org", role=Role.CLINICIAN
    )
    page.goto(site("/today"))
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Today", "Progress", "Routines", "Library", "Learn", "Clinic"):
        link = nav.get_by_role("link", name=name, exact=True)
        expect(link).to_be_in_viewport(ratio=1)
    sizes = nav.evaluate(
        "n => [n.scrollWidth, n.clientWidth, document.documentElement.scrollWidth]"
    )
    assert sizes[0] <= sizes[1] and sizes[2] <= PHONE["width"], sizes
    assert_accessible(page)
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(600)
    assert_accessible(page)
    context.close()
