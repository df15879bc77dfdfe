"""Learn: lessons by week, one lesson rendered from Markdown with its sources."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from tests.support.browser import Site, assert_accessible


def test_lessons_by_week_and_one_lesson(page: Page, site: Site) -> None:
    page.goto(site("/"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Learn").click()
    expect(page).to_have_url(site("/learn"))
    for week in (1, 2, 3, 4, 5, 6, 8):  # the safety lessons share week 1
        expect(page.get_by_role("heading", name=f"Week {week}", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Why sitting stiffens your mid-back").click()
    expect(page).to_have_url(site("/learn/why-sitting-stiffens"))
    lesson = page.locator(".lesson__body")
    expect(lesson.get_by_role("heading", name="What the research found", level=2)).to_be_visible()
    expect(lesson.locator("strong", has_text="Try this week:")).to_be_visible()
    sources = page.get_by_role("region", name="Sources")
    expect(sources.get_by_role("listitem").first).to_contain_text("Heneghan et al. 2018")
    assert_accessible(page)

    page.get_by_role("link", name="Next Move into range, don't just hang in it").click()
    expect(page).to_have_url(site("/learn/active-versus-passive"))
    expect(page.get_by_text("Week 3 ·")).to_be_visible()
