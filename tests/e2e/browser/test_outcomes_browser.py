"""The check-in in Debian's chromium: due on Today after a program starts, the pain rating and
three activities filled in, and both shown on Progress with their band (axe-checked)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from tests.support.browser import Site, assert_accessible, sign_up
from tests.support.training import profile

from midback.content.loader import load_content
from midback.domain.training import ProgramRequest
from midback.services import assessments, programs
from midback.services.security import utcnow
from midback.storage.uow import Storage


def test_a_person_checks_in_when_due_and_sees_it_on_progress(
    page: Page, site: Site, site_storage: Storage
) -> None:
    sign_up(page, site, "check-in@example.org")
    with site_storage.unit_of_work(read_only=True) as uow:
        user = uow.users.by_email("check-in@example.org")
    assert user is not None
    content = load_content()
    assessments.save_assessment(
        site_storage.unit_of_work(), content, user.id, profile(days_ago=0), recorded_by=user.id
    )
    programs.create_program(
        site_storage.unit_of_work(), content, user.id, ProgramRequest(), today=utcnow().date()
    )

    page.goto(site("/today"))
    expect(page.get_by_role("heading", name="Check-in due: before you started")).to_be_visible()
    page.get_by_role("link", name="Answer now").click()
    expect(page.get_by_role("heading", name="Check-in: before you started")).to_be_visible()
    assert_accessible(page)
    question = "Over the past week, how bad has the pain in your back or neck been on average?"
    page.get_by_role("group", name=question).get_by_role("radio", name="6", exact=True).check()
    for n, (name, score) in enumerate(
        [("Reversing the car", "3"), ("Reaching a high shelf", "5"), ("Sleeping through", "4")]
    ):
        page.get_by_label(f"Activity {n + 1}", exact=True).fill(name)
        page.locator(f"#activity-{n}-score").select_option(score)
    page.get_by_role("button", name="Save check-in").click()

    page.wait_for_url(site("/progress?checked_in=1"))
    expect(page.get_by_text("Check-in saved")).to_be_visible()
    expect(page.get_by_role("figure", name="Pain rating")).to_be_visible()
    expect(page.get_by_role("figure", name="Everyday activities")).to_be_visible()
    expect(page.get_by_text("no important change (± 1.8)")).to_be_visible()
    assert_accessible(page)
    page.goto(site("/today"))
    expect(page.get_by_text("Check-in due")).to_have_count(0)
