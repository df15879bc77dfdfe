"""The outcome-measure chart: answers over time on the instrument's own scale, with the band of
no important change around the first answer shaded, as ROM charts shade the MDC."""

from __future__ import annotations

from midback.domain.outcome_series import OutcomeSeries
from midback.exports.charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Axis,
    _dates,
    _frame,
    _grid,
    _line,
    _rect,
    _text,
    short_date,
)
from midback.exports.svg import num


def outcome_chart(chart_id: str, series: OutcomeSeries) -> str:
    """Answers over time; the shaded band is "no important change" around the first answer
    (around "about the same" for a rating of change)."""
    y = Axis(series.low, series.high, HEIGHT - BOTTOM, TOP)
    times = [_stamp(p.taken_on.toordinal()) for p in series.points]
    t0, t1 = min(times), max(times)
    if t0 == t1:
        t0, t1 = t0 - 1, t1 + 1
    x = Axis(t0, t1, LEFT + 12, WIDTH - RIGHT - 12)
    lo = max(series.low, series.band_centre - series.band_half_width)
    hi = min(series.high, series.band_centre + series.band_half_width)
    body = [_rect("chart__band-mdc", LEFT, y(lo), WIDTH - RIGHT, y(hi))]
    step = 5 if series.high - series.low >= 10 else 1
    body += _grid(y, step, "")
    if series.low < 0 < series.high:
        body.append(
            f'<line class="chart__ref" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{num(y(0))}" y2="{num(y(0))}"/>'
        )
    points = [(x(t), y(p.score)) for t, p in zip(times, series.points, strict=True)]
    body += _line(points)
    last_x, last_y = points[-1]
    body.append(_text(last_x, last_y - 9, f"{series.points[-1].score:g}", "chart__value", "middle"))
    body += _dates(series.points[0].taken_on, series.points[-1].taken_on)
    return _frame(chart_id, series.name, _desc(series), body)


def _stamp(ordinal: int) -> float:
    return float(ordinal)


def _desc(series: OutcomeSeries) -> str:
    answers = "; ".join(
        f"{p.score:g} on {short_date(p.taken_on, True)} ({p.timepoint.words})"
        for p in series.points
    )
    lo = series.band_centre - series.band_half_width
    hi = series.band_centre + series.band_half_width
    return (
        f"{series.name}, from {series.low} to {series.high}: {answers}. The shaded band from "
        f"{lo:g} to {hi:g} is no important change. {series.verdict}"
    )
