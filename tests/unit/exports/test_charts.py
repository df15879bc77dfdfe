"""Progress charts: accessible SVG, bands where the numbers say, nothing unescaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

from midback.domain.profile import Side
from midback.domain.progress import MeasurementSeries, PainPoint, SeriesPoint, WeekAdherence
from midback.exports.charts import (
    Axis,
    adherence_chart,
    measurement_chart,
    nice_step,
    pain_chart,
    series_label,
)

SVG = "{http://www.w3.org/2000/svg}"


def series(*degrees: float) -> MeasurementSeries:
    points = [
        SeriesPoint(taken_at=datetime(2025, 3, 1 + 7 * i, tzinfo=UTC), degrees=d)
        for i, d in enumerate(degrees)
    ]
    return MeasurementSeries(
        protocol="seated_rotation", side=Side.LEFT, reference=45, mdc=6, points=points,
        change=None, within_error=None, below_reference=0, verdict="Gained <a lot> & more.",
    )  # fmt: skip


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_axes_and_steps_are_round() -> None:
    assert [nice_step(s) for s in (3, 9, 40, 100)] == [1.0, 2.5, 10.0, 25.0]
    assert Axis(0, 10, 100, 0)(5) == 50 and Axis(3, 3, 0, 10)(3) == 0


def test_a_measurement_chart_is_titled_described_and_shows_both_bands() -> None:
    root = parse(measurement_chart("m0", series(30, 33, 41), "Seated rotation"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "m0-title"
    assert root.get("aria-describedby") == "m0-desc"
    assert root.find(f"{SVG}title").text == "Seated rotation, left side"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "3 readings from 1 Mar 2025 to 15 Mar 2025, 30° first and 41° latest" in desc
    assert "Gained <a lot> & more." in desc  # escaped in the SVG, read back as text
    bands = {r.get("class"): r for r in root.iter(f"{SVG}rect")}
    ref, mdc = bands["chart__band-ref"], bands["chart__band-mdc"]
    assert float(ref.get("height", 0)) == float(mdc.get("height", 0))  # both ± 6°
    assert float(mdc.get("y", 0)) > float(ref.get("y", 0))  # the first reading sits lower
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert series_label(series(1).model_copy(update={"side": Side.BOTH}), "Wall") == "Wall"


def test_one_reading_and_the_other_charts_render() -> None:
    single = parse(measurement_chart("x", series(40), "Seated rotation"))
    assert "one reading, 40° on 1 Mar 2025" in (single.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    weeks = [WeekAdherence(week=w, planned=5, done=w, percent=20 * w) for w in range(1, 4)]
    bars = parse(adherence_chart("a", weeks))
    assert len([r for r in bars.iter(f"{SVG}rect") if r.get("class") == "chart__bar"]) == 3
    pain = [PainPoint(date=date(2025, 3, d), during=d % 4, next_day=1) for d in range(1, 20)]
    line = parse(pain_chart("p", pain))
    assert "last 19 rated sessions" in (line.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    assert len([c for c in line.iter(f"{SVG}circle") if "next" in (c.get("class") or "")]) == 19
