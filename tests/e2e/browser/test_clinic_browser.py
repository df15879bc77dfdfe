"""A clinician invites a patient in a real browser and sees the patient's session."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from tests.support.browser import Site, assert_accessible, new_context, run_session, sign_up

from midback.domain.accounts import Role
from midback.services import accounts
from midback.storage.uow import Storage


def test_a_clinician_invites_a_patient_and_sees_their_session(
    page: Page, browser: Browser, site: Site, site_storage: Storage
) -> None:
    sign_up(page, site, "clinician@example.org")
    accounts.set_role(
        site_storage.unit_of_work(), email="clinician@example.org", role=Role.CLINICIAN
    )
    page.goto(site("/clinic"))
    expect(page.get_by_text("No patients linked yet.")).to_be_visible()
    page.get_by_role("button", name="New invite code").click()
    code = page.locator(".invite-code__value code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert_accessible(page)

    patient = new_context(browser).new_page()
    sign_up(patient, site, "patient@example.org")
    patient.goto(site("/settings"))
    patient.get_by_label("Invite code from your clinician").fill(code.lower())
    patient.get_by_role("button", name="Link clinician").click()
    expect(patient.get_by_role("status")).to_contain_text("You are linked")
    assert_accessible(patient)
    patient.goto(site("/routine?exercises=seated-chin-tuck&speed=100"))
    run_session(patient)
    patient.get_by_role("group", name="Pain during the session").get_by_role(
        "radio", name="6"
    ).check()
    patient.get_by_role("group", name="How hard did it feel?").get_by_role(
        "radio", name="5"
    ).check()
    patient.get_by_role("button", name="Finish session").click()
    expect(patient.get_by_text("Saved to your history.")).to_be_visible()

    page.reload()
    row = page.get_by_role("row", name=re.compile("patient@example.org"))
    expect(row).to_contain_text("6/10")
    expect(row).to_contain_text("pain 6/10 at the last session")
    assert_accessible(page)
    row.get_by_role("link", name="patient@example.org").click()
    expect(page.get_by_role("heading", name="patient@example.org")).to_be_visible()
    sessions = page.get_by_role("region", name="Logged sessions, newest first")
    expect(sessions.get_by_role("row")).to_have_count(2)  # the header and the session
    expect(sessions).to_contain_text("1 of 1")
    assert_accessible(page)

    patient.goto(site("/settings#trail"))
    trail = patient.get_by_role("region", name="Who did what with your data, newest first")
    expect(trail).to_contain_text("looked at your record")
    expect(trail).to_contain_text("clinician@example.org")
    patient.get_by_role("link", name="Delete my account…").click()
    expect(patient.get_by_role("heading", name="Delete your account?")).to_be_visible()
    assert_accessible(patient)
    patient.context.close()
