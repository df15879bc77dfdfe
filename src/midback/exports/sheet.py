"""A contact sheet: every illustration on one page, each labelled with its name and id."""

from __future__ import annotations

import re
from collections.abc import Sequence

from midback.domain.exercise import Exercise
from midback.exports.illustration import render_illustration
from midback.exports.svg import INK, STYLE, text

CELL_WIDTH, CELL_HEIGHT, LABEL_HEIGHT, GAP = 250, 280, 52, 12
LINE_CHARS = 28

_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_UNSHARED = re.compile(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>|<style>.*?</style>", re.S)


def _cell(exercise: Exercise, svg: str, x: int, y: int) -> str:
    viewbox = _VIEWBOX.search(svg)
    assert viewbox is not None
    inner = _UNSHARED.sub("", svg[svg.index(">") + 1 : svg.rindex("</svg>")])
    art, middle = CELL_HEIGHT - LABEL_HEIGHT, x + CELL_WIDTH // 2
    lines = [*_wrap(exercise.name), exercise.id]
    labels = "".join(
        f'<text class="label{" id" if i == len(lines) - 1 else ""}" x="{middle}" '
        f'y="{y + art + 16 + 15 * i}" text-anchor="middle">{text(line)}</text>'
        for i, line in enumerate(lines)
    )
    return (
        f"<g><title>{text(exercise.name)}</title>"
        f'<svg x="{x}" y="{y}" width="{CELL_WIDTH}" height="{art}" '
        f'viewBox="{viewbox.group(1)}">{inner}</svg>{labels}</g>'
    )


def _wrap(name: str) -> list[str]:
    """A name on one line, or two when it would not fit under its picture."""
    if len(name) <= LINE_CHARS:
        return [name]
    words = name.split()
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(name) / 2))
    return [" ".join(words[:best]), " ".join(words[best:])]


def contact_sheet(exercises: Sequence[Exercise], columns: int = 6) -> str:
    """One SVG holding the illustration of every exercise that has poses, in the given order."""
    drawn = [e for e in exercises if e.poses]
    rows = (len(drawn) + columns - 1) // columns
    width = columns * (CELL_WIDTH + GAP) + GAP
    height = rows * (CELL_HEIGHT + GAP) + GAP + 50
    cells = [
        _cell(
            e,
            render_illustration(e),
            GAP + (i % columns) * (CELL_WIDTH + GAP),
            60 + (i // columns) * (CELL_HEIGHT + GAP),
        )
        for i, e in enumerate(drawn)
    ]
    title = f"midback exercise illustrations ({len(drawn)})"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="sheet-title sheet-desc">'
        f'<title id="sheet-title">{title}</title>'
        f'<desc id="sheet-desc">Every exercise of the library drawn from its poses, with its '
        f"name and id underneath.</desc><style>{STYLE}.label{{font-size:13px}}"
        f".id{{font-weight:400;font-size:11px;fill:{INK};opacity:.7}}</style>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f'<text class="label" x="{GAP}" y="36" style="font-size:22px">{title}</text>'
        f"{''.join(cells)}</svg>"
    )
