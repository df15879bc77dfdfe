"""A clinician opens a patient's outcome report from the desk, prints it as a PDF, and the page
passes axe in light and dark."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from tests.support.browser import Site, assert_accessible, new_context, sign_up
from tests.support.training import log_body

from midback.content.loader import load_content
from midback.domain.accounts import Role
from midback.domain.outcomes import OutcomeInput, Timepoint
from midback.domain.profile import Measurement, Side
from midback.domain.training import LogInput, MeasurementsInput
from midback.services import accounts, assessments, logs, outcomes
from midback.services.plans import PlanCache
from midback.storage.uow import Storage

from .test_everyday_browser import onboard


def _history(storage: Storage, email: str) -> None:
    """A week of sessions with pain, two readings and the first check-in, for the charts."""
    content = load_content()
    with storage.unit_of_work(read_only=True) as uow:
        found = uow.users.by_email(email)
    assert found is not None
    today = storage.clock.today()
    for days_ago, pain in ((6, 4), (4, 3), (2, 3), (0, 2)):
        day = today - timedelta(days=days_ago)
        body = LogInput.model_validate(log_body(day, pain_during=pain, pain_next_day=pain))
        logs.log_session(storage.unit_of_work(), content, found.id, body, key=f"b-{days_ago}")
    for left in (30, 38):
        reading = [Measurement(protocol="seated_rotation", side=Side.LEFT, degrees=left)]
        assessments.add_measurements(
            storage.unit_of_work(), content, found.id, MeasurementsInput(measurements=reading),
            recorded_by=found.id,
        )  # fmt: skip
    answer = OutcomeInput(instrument="nprs", timepoint=Timepoint.BASELINE, score=5)
    outcomes.record_outcomes(
        storage.unit_of_work(), content, PlanCache(), found.id, [answer],
        recorded_by=found.id, today=today,
    )  # fmt: skip


def test_a_clinician_opens_the_report_from_the_desk_and_prints_it(
    page: Page, browser: Browser, site: Site, site_storage: Storage
) -> None:
    sign_up(page, site, "report-desk@example.org")
    accounts.set_role(
        site_storage.unit_of_work(), email="report-desk@example.org", role=Role.CLINICIAN
    )
    page.goto(site("/clinic"))
    page.get_by_role("button", name="New invite code").click()
    code = page.locator(".invite-code__value code").inner_text()

    patient = new_context(browser).new_page()
    sign_up(patient, site, "reported@example.org")
    onboard(patient, site)
    patient.goto(site("/settings"))
    patient.get_by_label("Invite code from your clinician").fill(code)
    patient.get_by_role("button", name="Link clinician").click()
    expect(patient.get_by_role("status")).to_contain_text("You are linked")
    patient.context.close()
    _history(site_storage, "reported@example.org")

    page.goto(site("/clinic"))
    row = page.get_by_role("row", name=re.compile("reported@example.org"))
    row.get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="reported@example.org")).to_be_visible()
    expect(page.get_by_role("img", name="Sessions done per week")).to_be_visible()
    expect(page.get_by_role("img", name="Pain during sessions")).to_be_visible()
    expect(
        page.get_by_text("A change smaller than 6° may be measurement error.").first
    ).to_be_visible()
    assert_accessible(page)
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(600)  # let colour transitions settle
    assert_accessible(page)
    page.emulate_media(color_scheme="light")

    with page.expect_response(re.compile(r"/report\.pdf$")) as printed:
        page.get_by_role("link", name="Print / PDF").click()
    answer = printed.value
    assert answer.status == 200, answer.status
    assert answer.headers["content-type"] == "application/pdf"
    # The browser shows the PDF in its viewer: fetch the same address for the bytes.
    body = page.request.get(answer.url).body()
    assert body.startswith(b"%PDF") and len(PdfReader(io.BytesIO(body)).pages) == 1
