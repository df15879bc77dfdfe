"""Writing SVG by hand: numbers, escaping, hull outlines and the illustration palette."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

Point = tuple[float, float]

PALETTE = {
    "N": ("#2f5d6b", "#6a9dab"),  # body, near side: outline, fill
    "F": ("#4d7886", "#9cc0c9"),  # limbs on the far side
    "H": ("#9c4a17", "#ec8a45"),  # highlighted (worked) limb, near side
    "K": ("#b8672f", "#f4b687"),  # highlighted limb, far side
    "G": ("#c3baa8", "#e3ddd1"),  # ghost (the start pose)
}
SKIN = "#f3d8bd"
HAIR = "#4a3f37"
PAPER = "#fbf8f2"
INK = "#33424a"
ACCENT = "#d9622b"
PROP_COLOURS = {
    "wall": ("#cdc4b2", "#ebe4d6"),
    "chair": ("#7d5a3c", "#b88b60"),
    "foam_roller": ("#6b5ea8", "#a99ddb"),
    "ball": ("#b88a1c", "#f2c94c"),
    "stick": ("#6d4c2f", "#a47148"),
    "band": ("#b23a48", "#e05a6a"),
    "weight": ("#2e2e2e", "#5c5c5c"),
    "floor": ("#cfc5b2", "#efe9dd"),
}

STYLE = (
    "line{stroke-linecap:round}polygon,polyline,path{stroke-linejoin:round;stroke-linecap:round}"
    + "".join(
        f".o{k}{{stroke:{o};fill:{o}}}.f{k}{{stroke:{f};fill:{f}}}" for k, (o, f) in PALETTE.items()
    )
    + "".join(
        f".p-{k}{{stroke:{o};fill:{f}}}.q-{k}{{stroke:{f}}}" for k, (o, f) in PROP_COLOURS.items()
    )
    + f".head{{fill:{SKIN};stroke:{PALETTE['N'][0]}}}"
    + f".headG{{fill:{PALETTE['G'][1]};stroke:{PALETTE['G'][0]}}}"
    + f".hair{{fill:{HAIR}}}.arrow{{stroke:{ACCENT};fill:none}}.arrowhead{{fill:{ACCENT}}}"
    + f".label{{font:600 15px system-ui,sans-serif;fill:{INK}}}"
)


def num(value: float) -> str:
    """A coordinate with one decimal, without a trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else ("0" if text == "-0.0" else text)


def points(pts: Iterable[Point]) -> str:
    """An SVG points list."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in pts)


def text(value: str) -> str:
    """Escape text content."""
    return escape(value)


def attr(value: str) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(value)


@dataclass(frozen=True, slots=True)
class Circle2:
    """A circle in picture coordinates."""

    x: float
    y: float
    r: float


def hull_of_circles(circles: Sequence[Circle2], directions: int = 32) -> list[Point]:
    """A polygon tracing the convex hull of some circles (their support points in many
    directions), so a torso made of spheres becomes one smooth rounded shape."""
    result: list[Point] = []
    for i in range(directions):
        a = 2 * math.pi * i / directions
        ux, uy = math.cos(a), math.sin(a)
        best = max(circles, key=lambda c: c.x * ux + c.y * uy + c.r)
        p = (best.x + best.r * ux, best.y + best.r * uy)
        if not result or abs(p[0] - result[-1][0]) + abs(p[1] - result[-1][1]) > 0.05:
            result.append(p)
    return result


def lens(a: Circle2, b: Circle2, steps: int = 14) -> list[Point]:
    """The part of circle b inside circle a (the hair on a head), as a polygon."""
    inside = []
    for i in range(steps * 3):
        t = 2 * math.pi * i / (steps * 3)
        p = (b.x + b.r * math.cos(t), b.y + b.r * math.sin(t))
        if math.hypot(p[0] - a.x, p[1] - a.y) <= a.r:
            inside.append(p)
        else:
            d = math.hypot(p[0] - a.x, p[1] - a.y)
            inside.append((a.x + (p[0] - a.x) * a.r / d, a.y + (p[1] - a.y) * a.r / d))
    return inside
