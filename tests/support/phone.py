"""Playing a person measuring with a phone: emulated sensors (DevTools protocol) and a body
that follows the measuring page's instructions. Used by the browser tests and the README
screenshot (scripts/measure-screenshot)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Browser, CDPSession, Page

from midback.domain.inclinometer import Axis, Quaternion

UP = (0.0, 0.0, 9.80665)


class Sensors:
    """The emulated sensors of one page (set up before it loads)."""

    def __init__(self, page: Page, browser: Browser, kinds: tuple[str, ...]) -> None:
        self.cdp: CDPSession = page.context.new_cdp_session(page)
        self.browser = browser
        for kind in kinds:
            self.cdp.send("Emulation.setSensorOverrideEnabled", {"enabled": True, "type": kind})

    def orientation(self, q: Quaternion) -> None:
        """What a relative-orientation sensor reads now."""
        reading = {"quaternion": {"x": q.x, "y": q.y, "z": q.z, "w": q.w}}
        self.cdp.send(
            "Emulation.setSensorOverrideReadings",
            {"type": "relative-orientation", "reading": reading},
        )

    def gravity(self, q: Quaternion) -> None:
        """What the gravity sensor reads for a phone held in orientation `q`."""
        x, y, z = q.inverse().rotate(UP)
        reading = {"xyz": {"x": x, "y": y, "z": z}}
        self.cdp.send(
            "Emulation.setSensorOverrideReadings", {"type": "gravity", "reading": reading}
        )

    def deny(self, origin: str) -> None:
        """Refuse the motion sensors to this page's origin, as a person can."""
        context_id = self.cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
        session = self.browser.new_browser_cdp_session()
        for name in ("accelerometer", "gyroscope", "magnetometer"):
            session.send(
                "Browser.setPermission",
                {"permission": {"name": name}, "setting": "denied", "origin": origin,
                 "browserContextId": context_id},
            )  # fmt: skip


@dataclass(frozen=True)
class Script:
    """A person doing one protocol: where the phone starts, and how it moves."""

    protocol: str
    variant: str
    start: Quaternion
    turn: Callable[[Quaternion, float], Quaternion]
    kind: str  # "relative-orientation" or "gravity"
    targets: dict[str, list[float]]
    spots: tuple[float, float] = (1.0, 0.4)  # two-point: each spot's share of the movement


def about_vertical(start: Quaternion, degrees: float) -> Quaternion:
    return Quaternion.about_axis((0, 0, 1), degrees) * start


def about_phone(axis: Axis) -> Callable[[Quaternion, float], Quaternion]:
    return lambda start, degrees: start * Quaternion.about_axis(axis.unit(), degrees)


FLAT_HEADING = Quaternion.about_axis((0, 0, 1), 25)
UPRIGHT = Quaternion.from_device_orientation(30, 90, 0)  # standing on its edge: Euler fails
ON_BACK = Quaternion.about_axis((0, 0, 1), 90) * Quaternion.about_axis((1, 0, 0), 12)
ALONG_SPINE = Quaternion.about_axis((1, 0, 0), 75) * Quaternion.about_axis((0, 0, 1), 180)
ARM_DOWN = Quaternion.about_axis((0, 1, 0), 90) * Quaternion.about_axis((0, 0, 1), -90)
SIDES = {"left": [40.0, 42.5, 44.0], "right": [-30.0, -31.0, -33.0]}

SCRIPTS = [
    Script("seated_rotation", "stick", FLAT_HEADING, about_vertical, "relative-orientation", SIDES),
    Script("seated_rotation", "breastbone", UPRIGHT, about_vertical, "relative-orientation", SIDES),
    Script("half_kneeling_rotation", "stick", FLAT_HEADING, about_vertical,
           "relative-orientation", SIDES),
    Script("lumbar_locked_rotation", "partner", ON_BACK, about_phone(Axis.X), "gravity", SIDES),
    Script("standing_extension", "partner", ALONG_SPINE, about_phone(Axis.X), "gravity",
           {"both": [20.0, 22.0, 21.0]}),
    Script("wall_angel_reach", "partner", ARM_DOWN, about_phone(Axis.Z), "gravity",
           {"both": [150.0, 165.0, 171.0]}),
]  # fmt: skip


def attrs(page: Page) -> dict[str, str]:
    return dict(
        page.locator("#measure").evaluate(
            "el => Object.assign({}, el.dataset, {trialsDone: "
            "document.querySelectorAll('#measure-trials li').length})"
        )
    )


def perform(page: Page, sensors: Sensors, script: Script) -> None:
    """Follow the page's instructions as a person would until the result shows."""
    angle = 0.0
    deadline = time.monotonic() + 90
    tick = 0
    while (now := attrs(page))["state"] != "done":
        assert time.monotonic() < deadline, f"stuck in {now}"
        tick += 1
        state, side = now["state"], now.get("side", "both")
        trial = int(now.get("trial", "1"))
        goal = 0.0
        if state in ("move", "holding", "unsteady") or now.get("phase") == "end":
            goal = script.targets[side][trial - 1]
        angle += max(-15.0, min(15.0, goal - angle))  # a quick movement, 15° a step at most
        held = angle + 0.2 * math.sin(tick * 2.3)  # a still hand still trembles a little
        if script.kind == "gravity" and now.get("spot") == "2":
            base = Quaternion.about_axis((1, 0, 0), -20) * script.start  # lower on the spine
            q = script.turn(base, held * script.spots[1])
        else:
            q = script.turn(script.start, held)
        if script.kind == "gravity":
            sensors.gravity(q)
        else:
            sensors.orientation(q)
        page.wait_for_timeout(40)
