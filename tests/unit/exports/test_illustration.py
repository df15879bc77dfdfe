"""Illustrations of every built-in exercise: valid SVG, inside the view box, accessible, and
never a body through the floor or a wall."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from midback.content.loader import load_content
from midback.domain.body.pose import View
from midback.domain.exercise import Exercise
from midback.exports.illustration import describe, render_illustration
from midback.exports.sheet import contact_sheet

from ...conftest import exercise_data

SVG = "{http://www.w3.org/2000/svg}"
LIBRARY = load_content(include_builtin=True).exercises
DRAWN = [e for e in LIBRARY.values() if e.poses]
BODY_CLASSES = {f"{p}{t}" for p in "of" for t in "NFHKG"} | {"head", "headG", "hair"}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _extents(element: ET.Element) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, y0, x1, y1) covered by a drawn element, strokes included."""
    pad = float(element.get("stroke-width", "0")) / 2
    tag = element.tag.removeprefix(SVG)
    if tag == "line":
        xs = [float(element.get(k, "0")) for k in ("x1", "x2")]
        ys = [float(element.get(k, "0")) for k in ("y1", "y2")]
    elif tag == "circle":
        r = float(element.get("r", "0"))
        cx, cy = float(element.get("cx", "0")), float(element.get("cy", "0"))
        xs, ys = [cx - r, cx + r], [cy - r, cy + r]
    elif tag in ("polygon", "polyline"):
        values = [float(v) for v in NUMBER.findall(element.get("points", ""))]
        xs, ys = values[0::2], values[1::2]
    else:
        return []
    return [(min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)]


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


def test_the_library_has_illustrated_exercises() -> None:
    assert "wall-angel" in {e.id for e in DRAWN}


@pytest.mark.parametrize("exercise", DRAWN, ids=[e.id for e in DRAWN])
def test_illustration_parses_and_stays_inside_its_view_box(exercise: Exercise) -> None:
    root = _parse(render_illustration(exercise))
    x0, y0, width, height = (float(v) for v in root.get("viewBox", "").split())
    for element in root.iter():
        for bx0, by0, bx1, by1 in _extents(element):
            assert x0 <= bx0 and bx1 <= x0 + width, (element.tag, element.attrib)
            assert y0 <= by0 and by1 <= y0 + height, (element.tag, element.attrib)


@pytest.mark.parametrize("exercise", DRAWN, ids=[e.id for e in DRAWN])
def test_no_body_part_is_drawn_below_the_floor(exercise: Exercise) -> None:
    azimuth, elevation = (exercise.view or View()).angles()
    if elevation != 0:
        pytest.skip("the floor is a line only in level views")
    root = _parse(render_illustration(exercise))
    floor_y = 0.0  # z = 0 lies on y = 0 in a level view
    tolerance = 0.015 * 150 + 2  # soft tissue allowance plus the outline
    for element in root.iter():
        if element.get("class") in BODY_CLASSES:
            for _, _, _, bottom in _extents(element):
                assert bottom <= floor_y + tolerance, (element.tag, element.attrib)


@pytest.mark.parametrize("exercise", DRAWN, ids=[e.id for e in DRAWN])
def test_animation_honours_reduced_motion(exercise: Exercise) -> None:
    svg = render_illustration(exercise, animated=True)
    root = _parse(svg)
    if len(exercise.poses or {}) > 1:
        assert "@keyframes" in svg and "@media (prefers-reduced-motion:no-preference)" in svg
        frames = [g for g in root.iter(f"{SVG}g") if "fr" in g.get("class", "").split()]
        assert len(frames) > 10
        assert any(g.get("class") == "still" for g in root.iter(f"{SVG}g"))


def test_description_says_what_is_drawn() -> None:
    text = describe(LIBRARY["wall-angel"])
    assert text.startswith("Wall angel, standing, seen from the front.")
    assert "start position" in text and "Props: wall." in text


def test_exercise_without_poses_cannot_be_drawn() -> None:
    with pytest.raises(ValueError, match="no poses"):
        render_illustration(Exercise.model_validate(exercise_data()))


def test_side_by_side_layout_draws_each_keyframe() -> None:
    angel = LIBRARY["wall-angel"]
    apart = angel.model_copy(update={"view": View(camera="side", layout="side_by_side")})
    root = _parse(render_illustration(apart))
    heads = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "head"]
    assert len(heads) == len(angel.poses or {})


def test_contact_sheet_holds_every_illustration() -> None:
    root = _parse(contact_sheet(DRAWN))
    nested = [s for s in root if s.tag == f"{SVG}g"]
    assert len(nested) == len(DRAWN)
