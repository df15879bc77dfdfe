"""Messages in a real browser, light and dark: a patient writes to their physiotherapist, the
clinician sees it on the desk, opens it from the patient's page and replies, and the patient
sees the reply on Today; keyboard only for the writing, and every page axe-clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.support.browser import LAPTOP, PHONE, Site, assert_accessible, new_context

from midback.domain.accounts import Role, User
from midback.services import accounts, names, sharing
from midback.services.security import Security
from midback.storage.uow import Storage

PASSWORD = "a long and rare passphrase"


def make(storage: Storage, security: Security, email: str, name: str, role: Role) -> User:
    user = accounts.create_user(
        storage.unit_of_work(), security, email=email, password=PASSWORD, role=role
    )
    names.set_display_name(storage.unit_of_work(), user.id, name)
    return user


def log_in(page: Page, site: Site, email: str) -> None:
    page.goto(site("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    expect(page).not_to_have_url(re.compile(r"/login"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_patient_and_their_physiotherapist_talk(
    browser: Browser, site: Site, site_storage: Storage, site_security: Security, scheme: str
) -> None:
    doc = make(
        site_storage, site_security, f"doc-{scheme}@example.org", "Sam Rivera", Role.CLINICIAN
    )
    pat = make(
        site_storage, site_security, f"pat-{scheme}@example.org", "Ada Lovelace", Role.MEMBER
    )
    code, _ = sharing.create_invite(site_storage.unit_of_work(), site_security, doc)
    sharing.redeem_invite(site_storage.unit_of_work(), pat, code)

    patient = new_context(browser, viewport=PHONE, color_scheme=scheme).new_page()
    log_in(patient, site, pat.email)
    patient.goto(site("/today"))
    patient.get_by_role("link", name="Messages with your physiotherapist").click()
    expect(patient.get_by_role("heading", name="Talk to your physiotherapist")).to_be_visible()
    assert_accessible(patient)
    patient.get_by_role("link", name="Sam Rivera").click()
    expect(patient.get_by_role("heading", name="Messages with Sam Rivera")).to_be_visible()
    assert_accessible(patient)
    box = patient.get_by_label("Your message to Sam Rivera")
    box.focus()
    patient.keyboard.type("My back aches a little after the rotations. Is that normal?")
    patient.keyboard.press("Tab")
    patient.keyboard.press("Enter")  # the Send button
    expect(patient.get_by_role("status")).to_contain_text("Message sent")
    expect(patient.get_by_role("list", name="Conversation, oldest first")).to_contain_text(
        "aches a little"
    )
    assert "aches" not in patient.url
    assert_accessible(patient)

    clinician = new_context(browser, viewport=LAPTOP, color_scheme=scheme).new_page()
    log_in(clinician, site, doc.email)
    clinician.goto(site("/clinic"))
    row = clinician.get_by_role("row", name=re.compile("Ada Lovelace"))
    expect(row).to_contain_text("1 new")
    assert_accessible(clinician)
    row.get_by_role("link", name="Ada Lovelace", exact=True).click()
    clinician.get_by_role("link", name="Messages").click()
    expect(clinician.get_by_role("heading", name="Messages with Ada Lovelace")).to_be_visible()
    expect(clinician.locator(".message--theirs")).to_contain_text("aches a little")
    assert_accessible(clinician)
    clinician.get_by_label("Your message to Ada Lovelace").fill(
        "A mild ache that eases within a day is fine. Keep going."
    )
    clinician.get_by_role("button", name="Send").click()
    expect(clinician.get_by_role("status")).to_contain_text("Message sent")
    clinician.goto(site("/clinic"))
    expect(clinician.get_by_role("row", name=re.compile("Ada Lovelace"))).not_to_contain_text(
        "1 new"
    )

    patient.goto(site("/today"))
    note = patient.get_by_role("link", name="1 new message from your physiotherapist")
    expect(note).to_be_visible()
    assert_accessible(patient)
    note.click()
    expect(patient.get_by_text("1 new")).to_be_visible()
    assert_accessible(patient)
    patient.get_by_role("link", name="Sam Rivera").click()
    expect(patient.locator(".message--theirs")).to_contain_text("A mild ache")
    expect(patient.locator(".message--theirs .unread-badge")).to_have_text("new")
    patient.goto(site("/today"))
    expect(patient.get_by_role("link", name="Messages with your physiotherapist")).to_be_visible()
    patient.context.close()
    clinician.context.close()
