"""Each side of a per-side exercise is drawn for that side: the side its poses show as they are,
the other as their mirror image, never the same picture twice (issue 15, defect 2)."""

from __future__ import annotations

import pytest

from midback.content.loader import load_content
from midback.domain.exercise import Exercise
from midback.domain.profile import Side
from midback.exports.illustration import describe, render_illustration

LIBRARY = load_content(include_builtin=True).exercises
SIDED = [e for e in LIBRARY.values() if e.per_side and e.poses]


def test_every_built_in_per_side_exercise_says_which_direction_each_side_trains() -> None:
    per_side = [e for e in LIBRARY.values() if e.per_side]
    assert len(per_side) >= 15
    missing = [e.id for e in per_side if e.directions is None]
    assert missing == []


@pytest.mark.parametrize("exercise", SIDED, ids=lambda e: e.id)
def test_the_two_sides_are_different_pictures(exercise: Exercise) -> None:
    assert exercise.directions is not None
    left = render_illustration(exercise, side=Side.LEFT)
    right = render_illustration(exercise, side=Side.RIGHT)
    assert left != right
    drawn, other = (left, right) if exercise.directions.drawn == "left" else (right, left)
    assert 'class="mirrored"' not in drawn
    assert 'class="mirrored"' in other
    assert exercise.directions.left.lower() in left.lower()
    assert exercise.directions.right.lower() in right.lower()


def test_the_seated_lat_stretch_shows_the_right_arm_up_when_leaning_left() -> None:
    stretch = LIBRARY["seated-lat-side-stretch"]
    leaning_left = describe(stretch, side=Side.LEFT)
    leaning_right = describe(stretch, side=Side.RIGHT)
    assert "leaning to your left (right arm overhead)" in leaning_left
    assert "right arm is highlighted" in leaning_left
    assert "leaning to your right (left arm overhead)" in leaning_right
    assert "left arm is highlighted" in leaning_right


def test_the_mirror_flips_about_the_middle_of_the_picture() -> None:
    svg = render_illustration(LIBRARY["open-book"], side=Side.RIGHT)
    x0, _, width, _ = (int(v) for v in svg.split('viewBox="')[1].split('"')[0].split())
    assert f'transform="matrix(-1 0 0 1 {2 * x0 + width} 0)"' in svg


def test_without_a_side_the_poses_are_drawn_as_they_are() -> None:
    book = LIBRARY["open-book"]
    assert render_illustration(book) == render_illustration(book, side=Side.BOTH)
    assert 'class="mirrored"' not in render_illustration(book)
