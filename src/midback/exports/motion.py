"""Arrows for the direction of motion, drawn along the true paths of the moving body parts."""

from __future__ import annotations

import math
from collections.abc import Sequence

from midback.domain.body.kinematics import Skeleton
from midback.exports.figure import Projector
from midback.exports.svg import Point, points

TRACKED = (
    "left_hand",
    "right_hand",
    "left_elbow",
    "right_elbow",
    "head",
    "sternum",
    "c7",
    "left_knee",
    "right_knee",
    "left_toe",
    "right_toe",
)
MIN_ARROW_PX = 3.0
SHORT_ARROW_PX = 22.0
OFFSET_PX = 13.0
HEAD_PX = 8.0


def keypoint_paths(frames: Sequence[Skeleton], proj: Projector) -> dict[str, list[Point]]:
    """Each tracked keypoint's path across the frames, in pixels."""
    return {name: [proj.xy(f.points[name]) for f in frames] for name in TRACKED}


def _length(path: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:], strict=False))


def choose_paths(paths: dict[str, list[Point]], most: int = 2) -> list[list[Point]]:
    """The longest paths, skipping ones that end close to an arrow already chosen."""
    ranked = sorted(paths.items(), key=lambda item: -_length(item[1]))
    chosen: list[list[Point]] = []
    for _, path in ranked:
        length = _length(path)
        if length < MIN_ARROW_PX or (chosen and length < 0.55 * _length(chosen[0])):
            break
        if all(math.dist(path[-1], c[-1]) > 45 and math.dist(path[0], c[0]) > 30 for c in chosen):
            chosen.append(path)
        if len(chosen) == most:
            break
    return chosen


def arrow(path: Sequence[Point], centre: Point) -> tuple[str, list[Point]]:
    """An arrow along `path`, pushed away from the body's centre; its SVG and its points.
    A small movement gets a short straight arrow, long enough to see."""
    if _length(path) < SHORT_ARROW_PX:
        (x0, y0), (x1, y1) = path[0], path[-1]
        size = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / size, (y1 - y0) / size
        mid = ((x0 + x1) / 2, (y0 + y1) / 2)
        half = SHORT_ARROW_PX / 2
        path = [(mid[0] - ux * half, mid[1] - uy * half), (mid[0] + ux * half, mid[1] + uy * half)]
    mid = path[len(path) // 2]
    away = (mid[0] - centre[0], mid[1] - centre[1])
    size = math.hypot(*away) or 1.0
    shift = (away[0] / size * OFFSET_PX, away[1] / size * OFFSET_PX)
    moved = [(x + shift[0], y + shift[1]) for x, y in path]
    trimmed = _trim(moved, 0.12) if len(moved) > 2 else moved
    (x1, y1), (x2, y2) = trimmed[-2], trimmed[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    tip = (x2 + math.cos(angle) * HEAD_PX * 0.6, y2 + math.sin(angle) * HEAD_PX * 0.6)
    left = (x2 + math.cos(angle + 2.4) * HEAD_PX, y2 + math.sin(angle + 2.4) * HEAD_PX)
    right = (x2 + math.cos(angle - 2.4) * HEAD_PX, y2 + math.sin(angle - 2.4) * HEAD_PX)
    line = f'<polyline class="arrow" stroke-width="3.2" points="{points(trimmed)}"/>'
    head = f'<polygon class="arrowhead" points="{points([tip, left, right])}"/>'
    return line + head, [*trimmed, tip, left, right]


def _trim(path: Sequence[Point], fraction: float) -> list[Point]:
    """The path without `fraction` of its length at each end, resampled smoothly."""
    total = _length(path)
    start, end = total * fraction, total * (1 - fraction)
    result: list[Point] = []
    walked = 0.0
    for a, b in zip(path, path[1:], strict=False):
        step = math.dist(a, b)
        for target in (start, end):
            if step and walked <= target <= walked + step:
                t = (target - walked) / step
                result.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
        if start < walked + step and walked < end and walked + step < end:
            result.append(b)
        walked += step
    return result if len(result) >= 2 else [path[0], path[-1]]
