"""'Prepare my data export' in a real browser: htmx starts the job, polls, then offers the file."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect
from tests.support.browser import Site, assert_accessible, sign_up


def test_prepare_my_data_export_then_download(page: Page, site: Site) -> None:
    sign_up(page, site, "export-ada@example.org")
    page.goto(site("/settings#data"))
    page.get_by_role("button", name="Prepare my data export").click()
    link = page.get_by_role("link", name="Download my data file")
    expect(link).to_be_visible(timeout=15_000)
    assert page.url == site("/settings#data")  # the page stayed; only the status changed
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "midback-export"
