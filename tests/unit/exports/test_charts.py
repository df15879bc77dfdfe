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


def at(*readings: tuple[datetime, float], side: Side = Side.LEFT) -> MeasurementSeries:
    points = [SeriesPoint(taken_at=t, degrees=d) for t, d in readings]
    return series(1).model_copy(update={"points": points, "side": side})


def test_two_readings_on_one_day_share_a_place_and_draw_no_line() -> None:
    """Minutes apart, they used to be spread over the whole width and joined across it."""
    morning, later = datetime(2025, 3, 1, 9, tzinfo=UTC), datetime(2025, 3, 1, 9, 5, tzinfo=UTC)
    root = parse(measurement_chart("s", at((morning, 30), (later, 34)), "Seated rotation"))
    assert not list(root.iter(f"{SVG}polyline"))
    xs = {c.get("cx") for c in root.iter(f"{SVG}circle")}
    assert len(xs) == 1 and len(list(root.iter(f"{SVG}circle"))) == 2
    week = at((morning, 30), (later, 34), (datetime(2025, 3, 8, tzinfo=UTC), 40))
    (line,) = parse(measurement_chart("w", week, "Seated rotation")).iter(f"{SVG}polyline")
    assert len((line.get("points") or "").split()) == 2  # one point per day


def test_labels_stay_inside_the_frame() -> None:
    """A value at the top right edge used to be cut off."""
    high = at((datetime(2025, 3, 1, tzinfo=UTC), 30), (datetime(2025, 3, 9, tzinfo=UTC), 89))
    root = parse(measurement_chart("h", high, "Seated rotation"))
    for text in root.iter(f"{SVG}text"):
        assert 0 < float(text.get("y", 0)) < 220, text.text
    (value,) = [t for t in root.iter(f"{SVG}text") if t.get("class") == "chart__value"]
    assert value.get("text-anchor") == "end"


def test_left_and_right_share_one_scale() -> None:
    days = (datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 8, tzinfo=UTC))
    left = at((days[0], 20), (days[1], 25))
    right = at((days[0], 50), (days[1], 60), side=Side.RIGHT)

    def ticks(one: MeasurementSeries) -> list[str]:
        root = parse(measurement_chart("c", one, "Seated rotation", [left, right]))
        return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("x") == "32"]  # the axis

    assert ticks(left) == ticks(right)
