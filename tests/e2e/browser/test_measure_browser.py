"""Measuring with the phone in Debian's chromium, its sensors emulated through the DevTools
protocol: each protocol's scripted movement is measured within 1°, movement while the reading
is taken is refused, a refused permission leads to the typed fallback, and the page's maths
gives the shared fixtures' numbers in the browser too."""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.support.browser import PHONE, Site, assert_accessible, new_context, sign_up
from tests.support.phone import SCRIPTS, Script, Sensors, perform

from midback.domain.training import MeasurementRecord
from midback.services import accounts, assessments
from midback.storage.uow import Storage

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "inclinometer.json"
SPEED = 3  # the page's countdowns and holds run three times faster (a 0.5 s hold)


def expected(script: Script, side: str) -> list[float]:
    if script.protocol == "standing_extension":  # the upper spot minus the lower one
        return [abs(t) * (script.spots[0] - script.spots[1]) for t in script.targets[side]]
    return [abs(t) for t in script.targets[side]]


def open_measure(page: Page, site: Site, script: Script, email: str) -> None:
    sign_up(page, site, email)
    page.goto(site(f"/measure/{script.protocol}?variant={script.variant}&speed={SPEED}"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: f"{s.protocol}-{s.variant}")
def test_a_scripted_movement_is_measured_within_one_degree(
    browser: Browser, site: Site, site_storage: Storage, script: Script
) -> None:
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sensors = Sensors(page, browser, (script.kind,))
    email = f"{script.protocol}.{script.variant}@example.org"
    open_measure(page, site, script, email)
    (sensors.gravity if script.kind == "gravity" else sensors.orientation)(script.start)
    assert_accessible(page)
    page.get_by_role("button", name="Start measuring").click()
    perform(page, sensors, script)

    result = page.locator("#measure-result")
    expect(result).to_be_visible()
    assert_accessible(page)
    error = page.locator("#measure").get_attribute("data-error")
    for side, targets in script.targets.items():
        want = sum(expected(script, side)) / len(targets)
        label = "" if side == "both" else f"{side.capitalize()} side: "
        expect(result).to_contain_text(re.compile(rf"{label}\d+° ± {error}°"))
        shown = re.search(rf"{label}(\d+)° ±", result.inner_text())
        assert shown is not None and abs(int(shown[1]) - want) <= 1.5, (shown, want)
    page.get_by_role("button", name="Save result").click()
    page.wait_for_url(re.compile(r"/measure\?saved="))
    context.close()
    assert not errors, errors

    user = [m for m in _measurements(site_storage, email) if m.protocol == script.protocol]
    assert {m.method for m in user} == {"phone"}
    assert all(m.device == "desktop/sensor" for m in user)
    for m in user:
        want = expected(script, m.side.value)
        assert all(abs(got - w) <= 1.0 for got, w in zip(m.trials, want, strict=True)), (
            m.trials,
            want,
        )
        assert abs(m.degrees - sum(want) / len(want)) <= 1.0


def _measurements(storage: Storage, email: str) -> list[MeasurementRecord]:
    user = accounts.get_user(storage.unit_of_work(), email=email)
    return assessments.measurements_of(storage.unit_of_work(read_only=True), user.id)


def test_movement_while_the_reading_is_taken_is_refused(browser: Browser, site: Site) -> None:
    """At the page's real pace (a 1.5 s hold), swaying by ±3° never gives a reading; holding
    still afterwards gives the angle held."""
    script = SCRIPTS[1]  # upright against the breastbone
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    sensors = Sensors(page, browser, (script.kind,))
    sign_up(page, site, "sway@example.org")
    page.goto(site(f"/measure/{script.protocol}?variant={script.variant}"))
    sensors.orientation(script.start)
    page.get_by_role("button", name="Start measuring").click()
    page.locator("#measure[data-state='move']").wait_for(timeout=20_000)
    trials = page.locator("#measure-trials li")
    for step in range(1, 8):
        sensors.orientation(script.turn(script.start, 40.0 * step / 7))
        page.wait_for_timeout(40)
    swaying_until = None
    tick = 0
    deadline = time.monotonic() + 20
    while swaying_until is None or time.monotonic() < swaying_until:
        assert time.monotonic() < deadline, "the page never asked to hold still"
        tick += 1
        sensors.orientation(script.turn(script.start, 40.0 + (3.0 if tick % 2 else -3.0)))
        assert trials.count() == 0  # nothing is taken while the phone sways
        state = page.locator("#measure").get_attribute("data-state")
        if swaying_until is None and state == "unsteady":
            expect(page.locator("#measure-status")).to_have_text("Hold still.")
            swaying_until = time.monotonic() + 2.0  # keep swaying past a whole hold
        page.wait_for_timeout(60)
    while trials.count() == 0:
        assert time.monotonic() < deadline + 10, "holding still gave no reading"
        tick += 1
        sensors.orientation(script.turn(script.start, 40.0 + 0.2 * math.sin(tick)))
        page.wait_for_timeout(60)
    taken = float(re.findall(r"([\d.]+)°", trials.first.inner_text())[0])
    assert abs(taken - 40.0) <= 1.0
    context.close()


def test_a_refused_permission_explains_and_offers_the_typed_fallback(
    browser: Browser, site: Site, site_storage: Storage
) -> None:
    script = SCRIPTS[3]  # the gravity sensor
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    sensors = Sensors(page, browser, (script.kind,))
    sensors.deny(site(""))
    open_measure(page, site, script, "denied@example.org")
    sensors.gravity(script.start)
    page.get_by_role("button", name="Start measuring").click()
    expect(page.locator("#measure-problem")).to_contain_text("did not allow")
    assert page.locator("#measure").get_attribute("data-state") == "fallback"
    expect(page.get_by_label("Left side, degrees")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Left side, degrees").fill("44")
    page.get_by_label("Right side, degrees").fill("39")
    page.get_by_role("button", name="Save typed angles").click()
    page.wait_for_url(re.compile(r"/measure\?saved="))
    expect(page.get_by_role("status")).to_contain_text("Saved: Lumbar-locked rotation")
    assert_accessible(page)  # the list of tests, with what was just saved
    context.close()
    found = _measurements(site_storage, "denied@example.org")
    assert [(m.side.value, m.degrees, m.method) for m in found] == [
        ("left", 44, "typed"),
        ("right", 39, "typed"),
    ]


def test_the_page_maths_gives_the_fixtures_numbers_in_chromium(page: Page, site: Site) -> None:
    page.goto(site("/library"))
    page.add_script_tag(url=site("/static/measure-math.js"))
    cases = json.loads(FIXTURES.read_text())
    got = page.evaluate(
        """F => ({
          tilt: F.tilt.map(c => MeasureMath.tiltAbout(c.start, c.now, c.axis)),
          twist: F.twist.map(c => MeasureMath.twistAboutVertical(c.start, c.now)),
          two: F.two_point.map(c => MeasureMath.twoPoint(c.upper, c.lower, c.axis)),
        })""",
        cases,
    )
    for values, kind in ((got["tilt"], "tilt"), (got["twist"], "twist"), (got["two"], "two_point")):
        want = [c["expected"] for c in cases[kind]]
        assert len(values) == len(want) > 0
        assert all(abs(a - b) <= 0.01 for a, b in zip(values, want, strict=True)), kind
