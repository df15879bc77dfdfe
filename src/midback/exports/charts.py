"""Small server-rendered SVG charts of progress: readings, adherence by week, pain over time.

Each chart is a string of SVG with a <title> and a <desc> (the page also shows the numbers in
a table). Colours come from CSS classes, so the page's light and dark palettes apply; sizes are
in a 400 × 220 viewBox that scales to its container.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from midback.domain.feedback import PAIN_GO
from midback.domain.profile import Side, compact_number
from midback.domain.progress import MeasurementSeries, PainPoint, WeekAdherence
from midback.exports.svg import num

WIDTH, HEIGHT = 400, 220
LEFT, RIGHT, TOP, BOTTOM = 38, 14, 14, 30
PAIN_POINTS = 60
"""The pain chart shows the latest sessions only: a year of them would be a blur."""


@dataclass(frozen=True)
class Axis:
    """A linear map from data values to pixels."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1.0
        return self.start + (value - self.lo) / span * (self.end - self.start)


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` intervals over `span`."""
    raw = max(span, 1e-9) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)


def short_date(day: date | datetime, with_year: bool = False) -> str:
    """'3 Mar', or '3 Mar 2025'."""
    text = f"{day.day} {day.strftime('%b')}"
    return f"{text} {day.year}" if with_year else text


def _frame(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, cls: str = "chart__label", anchor: str = "start") -> str:
    return (
        f'<text class="{cls}" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def _rect(cls: str, x0: float, y0: float, x1: float, y1: float) -> str:
    top, height = min(y0, y1), abs(y1 - y0)
    return (
        f'<rect class="{cls}" x="{num(x0)}" y="{num(top)}" width="{num(x1 - x0)}" '
        f'height="{num(height)}"/>'
    )


def _grid(y: Axis, step: float, unit: str) -> list[str]:
    parts = []
    tick = math.ceil(y.lo / step) * step
    while tick <= y.hi + 1e-9:
        py = y(tick)
        parts.append(
            f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{num(py)}" y2="{num(py)}"/>'
        )
        parts.append(_text(LEFT - 6, py + 4, f"{compact_number(tick)}{unit}", anchor="end"))
        tick += step
    return parts


def _line(points: Sequence[tuple[float, float]], cls: str = "chart__line") -> list[str]:
    return _polyline(points, cls) + _dots(points)


def _polyline(points: Sequence[tuple[float, float]], cls: str = "chart__line") -> list[str]:
    path = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return [f'<polyline class="{cls}" points="{path}"/>'] if len(points) > 1 else []


def _dots(points: Sequence[tuple[float, float]]) -> list[str]:
    r = 4 if len(points) <= 30 else 2.5
    return [f'<circle class="chart__dot" cx="{num(x)}" cy="{num(y)}" r="{r}"/>' for x, y in points]


def series_label(series: MeasurementSeries, name: str) -> str:
    """'Seated rotation, left side' (or just the name when the protocol has no sides)."""
    return name if series.side == Side.BOTH else f"{name}, {series.side.value} side"


def measurement_chart(
    chart_id: str,
    series: MeasurementSeries,
    name: str,
    together: Sequence[MeasurementSeries] = (),
) -> str:
    """Readings over time, the reference band and the first reading's measurement-error band.

    The time axis counts days: readings on one day share a place, and the line joins each day's
    average (two readings a minute apart used to be drawn across the whole chart). `together`
    are the charts shown beside this one: those of the same test (the other side) share its
    scale, so left and right can be compared by eye.
    """
    first = series.points[0].degrees
    ref, mdc = series.reference, series.mdc
    y, step = _degree_axis([series, *(s for s in together if s.protocol == series.protocol)])
    days = [p.taken_at.toordinal() for p in series.points]
    d0, d1 = min(days), max(days)
    if d0 == d1:
        d0, d1 = d0 - 1, d1 + 1
    x = Axis(d0, d1, LEFT + 12, WIDTH - RIGHT - 12)
    body = _grid(y, step, "°")
    body.append(_rect("chart__band-ref", LEFT, y(ref - mdc), WIDTH - RIGHT, y(ref + mdc)))
    body.append(_rect("chart__band-mdc", LEFT, y(first - mdc), WIDTH - RIGHT, y(first + mdc)))
    body.append(
        f'<line class="chart__ref" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{num(y(ref))}" y2="{num(y(ref))}"/>'
    )
    ref_y = y(ref) - 5 if y(ref) - 5 > TOP + 10 else y(ref) + 14  # inside the frame
    body.append(_text(LEFT + 4, ref_y, f"reference {_deg(ref)}"))
    by_day: dict[int, list[float]] = {}
    for day, point in zip(days, series.points, strict=True):
        by_day.setdefault(day, []).append(point.degrees)
    averages = [(x(d), y(sum(v) / len(v))) for d, v in sorted(by_day.items())]
    body += _polyline(averages)
    body += _dots([(x(d), y(p.degrees)) for d, p in zip(days, series.points, strict=True)])
    body.append(_value_label(x(days[-1]), y(series.points[-1].degrees), series.points[-1].degrees))
    body += _dates(series.points[0].taken_at, series.points[-1].taken_at)
    label = series_label(series, name)
    return _frame(chart_id, label, _measurement_desc(series, label), body)


def _degree_axis(charted: Sequence[MeasurementSeries]) -> tuple[Axis, float]:
    """One vertical scale (and its grid step) covering every reading and band of `charted`."""
    values: list[float] = []
    for one in charted:
        start, ref, mdc = one.points[0].degrees, one.reference, one.mdc
        values += [p.degrees for p in one.points]
        values += [ref - mdc, ref + mdc, start - mdc, start + mdc]
    step = nice_step(max(values) - min(values) + 4)
    low = max(0.0, math.floor((min(values) - 2) / step) * step)
    return Axis(low, math.ceil((max(values) + 2) / step) * step, HEIGHT - BOTTOM, TOP), step


def _value_label(px: float, py: float, degrees: float) -> str:
    """The latest value by its dot, kept inside the frame (never cut off at an edge)."""
    anchor = "end" if px > WIDTH - RIGHT - 24 else "middle"
    above = py - 9
    return _text(px, above if above > TOP + 8 else py + 18, _deg(degrees), "chart__value", anchor)


def _deg(value: float) -> str:
    return f"{compact_number(value)}°"


def _measurement_desc(series: MeasurementSeries, label: str) -> str:
    points = series.points
    first, last = short_date(points[0].taken_at, True), short_date(points[-1].taken_at, True)
    if len(points) == 1:
        span = f"one reading, {_deg(points[0].degrees)} on {first}"
    else:
        when = f"on {first}" if first == last else f"from {first} to {last}"
        span = (
            f"{len(points)} readings {when}, {_deg(points[0].degrees)} first and "
            f"{_deg(points[-1].degrees)} latest"
        )
    return (
        f"{label}: {span}. The shaded band around the first reading shows changes within "
        f"measurement error ({_deg(series.mdc)}); the reference for this test is "
        f"{_deg(series.reference)}. {series.verdict}"
    )


def _dates(first: date | datetime, last: date | datetime) -> list[str]:
    with_year = first.year != last.year
    parts = [_text(LEFT, HEIGHT - 8, short_date(first, with_year))]
    if (last.year, last.month, last.day) != (first.year, first.month, first.day):
        parts.append(_text(WIDTH - RIGHT, HEIGHT - 8, short_date(last, with_year), anchor="end"))
    return parts


def adherence_chart(chart_id: str, weeks: Sequence[WeekAdherence]) -> str:
    """Planned sessions done per program week, as bars from 0 to 100 %."""
    y = Axis(0, 100, HEIGHT - BOTTOM, TOP + 6)
    body = _grid(y, 50, "%")
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    every = max(1, math.ceil(len(weeks) / 12))
    for index, week in enumerate(weeks):
        x0 = LEFT + index * slot + slot * 0.18
        x1 = LEFT + (index + 1) * slot - slot * 0.18
        percent = week.percent or 0
        body.append(_rect("chart__bar", x0, y(0), x1, y(max(percent, 1))))
        middle = (x0 + x1) / 2
        if len(weeks) <= 12:
            body.append(_text(middle, y(percent) - 5, f"{percent}%", "chart__value", "middle"))
        if index % every == 0:
            body.append(_text(middle, HEIGHT - 8, f"W{week.week}", anchor="middle"))
    done = sum(w.done for w in weeks)
    planned = sum(w.planned for w in weeks)
    desc = (
        f"{len(weeks)} program weeks: {done} of {planned} planned sessions done. "
        + "; ".join(f"week {w.week}: {w.done} of {w.planned}" for w in weeks[-12:])
        + "."
    )
    return _frame(chart_id, "Sessions done per week", desc, body)


def pain_chart(chart_id: str, points: Sequence[PainPoint], usual: int | None = None) -> str:
    """Pain during the latest sessions (0–10), with the comfortable zone (0–PAIN_GO) shaded
    and, when given, the person's usual pain as a dashed line."""
    shown = list(points)[-PAIN_POINTS:]
    y = Axis(0, 10, HEIGHT - BOTTOM, TOP)
    x = Axis(0, max(len(shown) - 1, 1), LEFT + 10, WIDTH - RIGHT - 10)
    body = [_rect("chart__band-ok", LEFT, y(0), WIDTH - RIGHT, y(PAIN_GO))]
    body += _grid(y, 5, "")
    body.append(_text(WIDTH - RIGHT - 4, y(PAIN_GO) - 5, f"comfortable: 0–{PAIN_GO}", anchor="end"))
    if usual is not None:
        body.append(
            f'<line class="chart__ref chart__ref--usual" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{num(y(usual))}" y2="{num(y(usual))}"/>'
        )
        body.append(_text(LEFT + 4, y(usual) - 5, f"usual pain: {usual}"))
    during = [(x(i), y(p.during)) for i, p in enumerate(shown) if p.during is not None]
    body += _line(during)
    for i, p in enumerate(shown):
        if p.next_day is not None:
            body.append(
                f'<circle class="chart__dot chart__dot--next" cx="{num(x(i))}" '
                f'cy="{num(y(p.next_day))}" r="3"/>'
            )
    if shown:
        body += _dates(shown[0].date, shown[-1].date)
    desc = (
        f"Pain during the last {len(shown)} rated sessions, from 0 (none) to 10; "
        "hollow dots are the pain the next morning. "
        + (f"The latest: {shown[-1].during}/10. " if shown and shown[-1].during is not None else "")
        + (f"The dashed line is the usual pain, {usual}/10." if usual is not None else "")
    )
    return _frame(chart_id, "Pain during sessions", desc.strip(), body)
