"""The camera coach end to end: a real photograph of a person, turned back and forth in a fake
camera clip, goes through the pose model served by midback in headless chromium, and the player
counts the reps. Every request stays on the app's origin and none carries image data.

The clip is made with ffmpeg from messi5.jpg (Debian's opencv-doc); scripts/ensure-camera-clip-tools
installs both. Quadruped rotation is followed by the tilt of the shoulder line, so turning the
whole picture by 40° is a rep the model must really see.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect
from tests.support.browser import (
    PHONE,
    Site,
    assert_accessible,
    new_context,
    screenshot,
    sign_up,
)

from midback.content.loader import load_content
from midback.domain.profile import Side
from midback.domain.training import RoutineInput, RoutineItem
from midback.services.routines import create_routine
from midback.storage.uow import Storage

from .conftest import CHROMIUM, CHROMIUM_ARGS

PHOTO = Path("/usr/share/doc/opencv-doc/examples/data/messi5.jpg")
FFMPEG = shutil.which("ffmpeg")
EXERCISE = "quadruped-rotation-hand-behind-head"
TURN = "if(lt(mod(t\\,4)\\,2)\\,0\\,40*PI/180)"  # 2 s upright, 2 s turned by 40°, and again
IMAGE_TYPES = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF", b"\x1aE\xdf\xa3", b"data:image")


def make_clip(folder: Path) -> Path:
    """A 16 s, 10 fps, 640×480 y4m clip of the photo turning by 40° every two seconds."""
    clip = folder / "turning.y4m"
    filters = f"scale=640:-2,pad=640:480:(ow-iw)/2:(oh-ih)/2,rotate='{TURN}':c=black,format=yuv420p"
    assert FFMPEG is not None
    subprocess.run(
        [
            FFMPEG,
            "-loglevel",
            "error",
            "-loop",
            "1",
            "-i",
            str(PHOTO),
            "-vf",
            filters,
            "-t",
            "16",
            "-r",
            "10",
            "-y",
            str(clip),
        ],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return clip


@pytest.fixture
def camera_browser(browser: Browser, tmp_path: Path) -> Iterator[Browser]:
    """Chromium whose camera plays the clip (and grants camera access without asking), started
    by the same Playwright as the other browser tests (one Playwright per process)."""
    if FFMPEG is None or not PHOTO.is_file():
        pytest.skip("ffmpeg or opencv-doc's photo is missing: run scripts/ensure-camera-clip-tools")
    clip = make_clip(tmp_path)
    fake = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    ]
    launched = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + fake)
    yield launched
    launched.close()


def _carries_image(request: Request) -> bool:
    body = request.post_data_buffer or b""
    return len(body) > 20_000 or any(body.startswith(m) or m in body[:200] for m in IMAGE_TYPES)


def test_the_camera_counts_reps_from_a_real_photo_and_nothing_leaves(
    camera_browser: Browser, site: Site
) -> None:
    context = new_context(camera_browser, viewport=PHONE)
    context.set_default_timeout(60_000)
    page: Page = context.new_page()
    errors: list[str] = []
    requests: list[Request] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request))
    page.goto(site(f"/play/{EXERCISE}?speed=10"))
    player = page.locator("#player")
    page.get_by_role("button", name="Use camera").click()
    page.locator("#player[data-camera='tracking']").wait_for(timeout=90_000)
    page.locator("#player[data-phase='reps']").wait_for()  # the camera started the set
    # A locator, not wait_for_function: a page under a strict CSP refuses evaluated strings.
    reps = page.locator("[data-bind='value']")
    expect(reps).to_have_text(re.compile(r"^[2-8]$"), timeout=90_000)
    assert int(player.get_attribute("data-camera-frames") or 0) > 20
    assert_accessible(page)
    if os.environ.get("MIDBACK_CAMERA_SCREENSHOT"):  # `make docs-camera`, never the test run
        screenshot(page, "player-camera", from_top=True)
    page.get_by_role("button", name="Stop camera").click()
    page.locator("#player[data-camera='off']").wait_for()
    assert page.evaluate("document.getElementById('camera-video').srcObject") is None
    page.get_by_role("link", name="End session now").click()
    results = json.loads(page.locator("#results").input_value())
    counted = results[0]["camera"]
    assert counted and counted[0]["set"] == 1 and counted[0]["reps"] >= 2
    assert counted[0]["measure"] == "shoulder_tilt"
    assert 29 <= counted[0]["reached_deg"] <= 60  # the photo turned by 40°, shoulders tilted ~5°
    origin = urlsplit(site.url)
    web = [r for r in requests if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")]
    assert any(r.url.split("?")[0].endswith("pose_landmarker_lite.task") for r in web)
    strangers = [r.url for r in web if urlsplit(r.url).netloc != origin.netloc]
    assert strangers == []
    assert [r.url for r in web if _carries_image(r)] == []
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def test_the_camera_runs_a_hold_only_while_the_position_is_held(
    camera_browser: Browser, site: Site, site_storage: Storage
) -> None:
    context = new_context(camera_browser, viewport=PHONE)
    context.set_default_timeout(60_000)
    page = context.new_page()
    sign_up(page, site, "holder@example.org")
    with site_storage.unit_of_work(read_only=True) as uow:
        user = uow.users.by_email("holder@example.org")
    assert user is not None
    item = RoutineItem(exercise=EXERCISE, side=Side.LEFT, sets=1, reps=2, hold_s=3, rest_s=0)
    body = RoutineInput(name="Camera holds", items=[item])
    routine = create_routine(site_storage.unit_of_work(), load_content(), user.id, body)
    page.goto(site(f"/routines/{routine.routine.id}/play"))
    page.get_by_role("button", name="Use camera").click()
    page.locator("#player[data-phase='hold']").wait_for(timeout=90_000)
    # The clip turns back upright every two seconds: the camera pauses the hold's countdown.
    page.locator("#player[data-phase='hold'][data-paused='true']").wait_for(timeout=30_000)
    page.locator("#player[data-state='finished']").wait_for(timeout=90_000)
    counted = json.loads(page.locator("#results").input_value())[0]["camera"]
    assert counted and counted[0]["reps"] >= 1 and counted[0]["measure"] == "shoulder_tilt"
    assert page.locator("#player").get_attribute("data-camera") == "off"  # off when finished
    context.close()
