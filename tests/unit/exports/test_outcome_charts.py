"""The outcome chart: the band of no important change sits at first ± MIC on the instrument's
own scale, clipped to it, and the description says the numbers."""

from __future__ import annotations

import re
from datetime import date, timedelta

from midback.domain.outcome_series import OutcomePoint, OutcomeSeries
from midback.domain.outcomes import Timepoint
from midback.exports.charts import BOTTOM, HEIGHT, TOP
from midback.exports.outcome_charts import outcome_chart


def _series(centre: float, half: float, *scores: float) -> OutcomeSeries:
    points = [
        OutcomePoint(taken_on=date(2026, 3, 2) + timedelta(days=27 * n), timepoint=t, score=s)
        for n, (t, s) in enumerate(zip(list(Timepoint), scores, strict=False))
    ]
    return OutcomeSeries(
        instrument="nprs", name="Pain rating", low=0, high=10, better="lower", points=points,
        band_centre=centre, band_half_width=half, change=None, verdict="Less pain.",
    )  # fmt: skip


def _band(svg: str) -> tuple[float, float]:
    found = re.search(
        r'class="chart__band-mdc" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"', svg
    )
    assert found, svg
    return float(found.group(1)), float(found.group(2))


def _y(value: float) -> float:
    return HEIGHT - BOTTOM + value / 10 * (TOP - (HEIGHT - BOTTOM))


def test_the_band_is_first_plus_or_minus_the_mic() -> None:
    top, height = _band(outcome_chart("o0", _series(6, 1.8, 6, 3)))
    assert abs(top - _y(7.8)) < 0.06 and abs(height - (_y(4.2) - _y(7.8))) < 0.06


def test_the_band_is_clipped_to_the_scale() -> None:
    top, height = _band(outcome_chart("o0", _series(1, 1, 1)))
    assert abs(top + height - _y(0)) < 0.06 and abs(top - _y(2)) < 0.06


def test_the_description_gives_every_answer_and_the_band() -> None:
    svg = outcome_chart("o0", _series(6, 1.8, 6, 3, 2))
    assert "6 on 2 Mar 2026 (before you started)" in svg and "2 on 25 Apr 2026 (week 8)" in svg
    assert "from 4.2 to 7.8 is no important change" in svg and "Less pain." in svg
