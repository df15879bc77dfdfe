"""The session player: a whole session with timers sped up, keyboard control, and feedback."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect
from tests.support.browser import Site, assert_accessible

# thread-the-needle: per side, 1 set × 2 holds of 20 s; seated-chair-extension: 2 sets × 8 reps.
SESSION = "/play?exercises=thread-the-needle,seated-chair-extension"


def state(page: Page, **expected: str) -> None:
    """Wait until the player's data attributes say what is expected."""
    selector = "".join(f"[data-{key}='{value}']" for key, value in expected.items())
    page.locator(f"#player{selector}").wait_for()


def test_a_full_session_with_timers_keys_and_feedback(page: Page, site: Site) -> None:
    page.goto(site(SESSION + "&speed=20"))
    stage = page.locator("#stage")
    expect(stage.get_by_role("heading", name="Thread the needle")).to_be_visible()
    expect(page.get_by_text("Exercise 1 of 2", exact=True)).to_be_visible()
    expect(
        stage.get_by_text("Turning to your left (right arm threading under)", exact=True)
    ).to_be_visible()
    expect(page.locator("#session-list")).to_be_hidden()
    assert_accessible(page)

    page.keyboard.press("Space")  # start: a count-in, then the first hold
    state(page, phase="hold")
    expect(page.locator("#announcer")).to_contain_text("Hold 20 seconds")
    page.keyboard.press("Space")  # pause
    state(page, paused="true")
    frozen = page.locator("[data-bind='value']").inner_text()
    page.wait_for_timeout(300)  # 6 s of session time at this speed
    assert page.locator("[data-bind='value']").inner_text() == frozen
    expect(page.get_by_role("button", name="Resume", exact=True)).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Space")  # resume
    state(page, paused="false")

    page.keyboard.press("ArrowRight")
    state(page, index="1", state="ready")
    expect(
        stage.get_by_text("Turning to your right (left arm threading under)", exact=True)
    ).to_be_visible()
    page.keyboard.press("ArrowLeft")
    state(page, index="0", state="ready")

    page.get_by_role("button", name="Start Thread the needle").click()
    state(page, index="1", state="transition")  # left side done: the right side comes up
    expect(page.locator("#announcer")).to_contain_text("Up next")
    state(page, index="2", phase="reps")  # the right side ran by itself, then the next exercise
    expect(page.get_by_text("Exercise 2 of 2", exact=True)).to_be_visible()
    ring = page.locator("#ring")
    for done in range(8):
        expect(ring).to_have_attribute("aria-label", f"Count a rep, {done} of 8 done")
        ring.click()
    state(page, phase="rest")
    page.get_by_role("button", name="Skip rest").click()
    state(page, phase="reps")
    for _ in range(8):
        page.keyboard.press("Space")  # space counts a rep too
    state(page, state="finished")

    finish = page.get_by_role("heading", name="How did it go?")
    expect(finish).to_be_focused()
    expect(page.get_by_text("You worked through 2 of 2 exercises")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="Pain during the session").get_by_role(
        "radio", name="2", exact=True
    ).check()
    page.get_by_role("group", name="How hard did it feel?").get_by_role(
        "radio", name="4", exact=True
    ).check()
    page.get_by_label("A note for yourself").fill("Right side tighter.")
    page.get_by_role("button", name="Finish session").click()
    expect(page).to_have_url(site("/play/done"))
    expect(page.get_by_role("heading", name="Nice work. Session done.")).to_be_visible()
    expect(page.get_by_text("Pain 2/10 · effort 4/10")).to_be_visible()
    assert_accessible(page)


def test_sound_and_voice_choices_are_remembered(page: Page, site: Site) -> None:
    page.goto(site("/play/open-book"))
    beep, voice = page.get_by_label("Beep at start and end"), page.get_by_label("Spoken cues")
    expect(beep).not_to_be_checked()
    beep.check()
    voice.check()
    page.reload()
    expect(beep).to_be_checked()
    expect(voice).to_be_checked()
    voice.uncheck()
    page.reload()
    expect(voice).not_to_be_checked()


def test_without_javascript_the_steps_are_listed_and_feedback_works(
    browser_no_js: Page, site: Site
) -> None:
    page = browser_no_js
    page.goto(site(SESSION))
    expect(page.locator("#stage")).to_be_hidden()
    items = page.locator(".session-item h3")
    expect(items).to_have_text(
        [
            "Thread the needle Turning to your left (right arm threading under)",
            "Thread the needle Turning to your right (left arm threading under)",
            "Seated chair extension",
        ]
    )
    expect(page.get_by_text("2 sets × 8 reps · 30 s rest")).to_be_visible()
    page.get_by_role("button", name="Finish session").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer the questions")
    pain = page.get_by_role("group", name="Pain during the session")
    expect(pain).to_have_accessible_description("Choose how much pain you felt, from 0 to 10.")
    pain.get_by_role("radio", name="7", exact=True).check()
    page.get_by_role("group", name="How hard did it feel?").get_by_role(
        "radio", name="6", exact=True
    ).check()
    page.get_by_role("button", name="Finish session").click()
    expect(page.get_by_text("That is more pain than we aim for")).to_be_visible()


def test_keyboard_space_counts_reps_and_never_skips_a_rest(page: Page, site: Site) -> None:
    """A focused "Set done" used to become "Skip rest": Space then alternated between ending sets
    and skipping rests, and a set ended by hand was logged as every rep done. Now focus goes back
    to the counter, Space does one thing, and only the reps counted are logged."""
    page.goto(site("/play?exercises=seated-chair-extension&speed=5"))
    expect(page.get_by_text("Space counts a rep")).to_be_visible()
    page.keyboard.press("Space")  # start
    state(page, phase="reps")
    for _ in range(3):
        page.keyboard.press("Space")
    expect(page.locator("#ring")).to_have_attribute("aria-label", "Count a rep, 3 of 8 done")
    done = page.get_by_role("button", name="Set done")
    done.focus()
    page.keyboard.press("Space")  # ends set 1 after 3 counted reps
    state(page, phase="rest")
    expect(page.locator("#ring")).to_be_focused()
    page.keyboard.press("Space")  # pauses the rest: it does not skip it
    state(page, phase="rest", paused="true")
    page.keyboard.press("Space")
    state(page, phase="reps")  # the rest ran out by itself
    page.get_by_role("button", name="Set done").focus()
    page.keyboard.press("Space")  # set 2 ended with no rep counted
    state(page, state="finished")
    logged = json.loads(page.locator("#results").input_value())
    assert [(r["sets_done"], r["reps_done"]) for r in logged] == [(2, 3)]
