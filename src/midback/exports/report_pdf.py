"""The clinician's outcome report as one A4 page (fpdf2, the handout's library and document).

Sessions per week and pain are drawn as small charts; outcome measures are a table against each
one's important change; each range-of-motion test is a row with a strip showing the first and the
latest reading and the band of measurement error around the first. Automatic page breaks are off
and every list is capped, so a year of logs still prints on one page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time

from midback.domain.feedback import PAIN_GO
from midback.domain.outcome_report import (
    Adherence,
    OutcomeReport,
    OutcomeRow,
    PainSummary,
    error_words,
    motion_words,
    pain_words,
)
from midback.domain.profile import Side, compact_number
from midback.domain.progress import MeasurementSeries
from midback.exports.charts import PAIN_POINTS, short_date
from midback.exports.pdf_kit import (
    ACCENT,
    INK,
    MUTED,
    PAPER_TINT,
    RULE,
    WARM,
    Colour,
    Document,
    Meta,
    TypeScale,
    find_unicode_font,
)

SCALE = TypeScale(body=8.5, label=7.5, heading=11, title=16)
"""A clinician's one-page summary: smaller than a patient handout (12 pt), still easy to read."""
FOOTER = "midback: exercise guidance, not medical advice. Prepared for the patient's clinician."
MAX_ROM_ROWS = 10
"""Five tests, both sides; rows that would not fit above the footer are left to the page."""
STRIP_W = 34.0
STRIP_KEY = "Hollow: first, filled: latest, shaded: error, tick: reference"
CHART_H = 38.0
GAP = 4.0
OK_FILL: Colour = (0xE3, 0xEF, 0xE6)


def render_report(
    report: OutcomeReport,
    *,
    patient: str,
    program: str,
    clinician: str,
    protocol_names: Mapping[str, str],
    unicode_font: bool = True,
) -> bytes:
    """The report as PDF bytes: one A4 page whatever the length of the history."""
    fonts = find_unicode_font() if unicode_font else None
    created = datetime.combine(report.today, time(12))
    meta = Meta(f"Outcome report: {patient}", clinician or "midback", FOOTER, created)
    pdf = Document("a4", meta, fonts, SCALE)
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = _header(pdf, report, patient, program, width)
    half = (width - GAP * 2) / 2
    bottom = _adherence(pdf, report.adherence, pdf.l_margin, y, half)
    bottom = max(bottom, _pain(pdf, report.pain, pdf.l_margin + half + GAP * 2, y, half))
    y = _outcomes(pdf, report.outcomes, bottom + GAP, width)
    _motion(pdf, report.motion, protocol_names, y + GAP, width)
    return bytes(pdf.output())


def _header(
    pdf: Document, report: OutcomeReport, patient: str, program: str, width: float
) -> float:
    x, y = pdf.l_margin, pdf.t_margin
    pdf.font(SCALE.label, bold=True, colour=ACCENT)
    pdf.set_xy(x, y)
    pdf.cell(width, 4, pdf.clean("OUTCOME REPORT"))
    pdf.set_xy(x, y + 4.5)
    _fitted(pdf, patient, width)
    parts = [program] if program else ["No program started"]
    if report.adherence is not None:
        parts.append(f"started {short_date(report.adherence.start, True)}")
    parts.append(f"as of {short_date(report.today, True)}")
    pdf.font(SCALE.body, colour=MUTED)
    pdf.set_xy(x, y + 13)
    pdf.cell(width, 4.5, pdf.clean(" · ".join(parts)))
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(x, y + 19, x + width, y + 19)
    return y + 22


def _fitted(pdf: Document, text: str, width: float) -> None:
    """The patient's name on one line: smaller for a long name, shortened only past that."""
    text = pdf.clean(text)
    size = SCALE.title
    pdf.font(size, bold=True)
    while pdf.get_string_width(text) > width and size > SCALE.heading:
        size -= 1
        pdf.font(size, bold=True)
    while pdf.get_string_width(text) > width and len(text) > 1:
        text = text[:-2] + "…" if pdf.unicode else text[:-4] + "..."
    pdf.cell(width, 8, text)


def _heading(pdf: Document, x: float, y: float, w: float, text: str) -> float:
    pdf.font(SCALE.heading, bold=True, colour=ACCENT)
    pdf.set_xy(x, y)
    pdf.cell(w, 5.5, pdf.clean(text))
    return y + 6.5


def _text(pdf: Document, x: float, y: float, w: float, text: str, colour: Colour = INK) -> float:
    """A wrapped paragraph at (x, y); returns the y below it."""
    pdf.set_xy(x, y)
    return y + pdf.para(x, w, text, SCALE.body, colour=colour, dry=False)


def _box(pdf: Document, x: float, y: float, w: float, h: float) -> None:
    pdf.set_fill_color(*PAPER_TINT)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, w, h, style="DF")


def _adherence(pdf: Document, found: Adherence | None, x: float, y: float, w: float) -> float:
    y = _heading(pdf, x, y, w, "Sessions done")
    if found is None or not found.weeks:
        return _text(pdf, x, y, w, "No program started yet.", colour=MUTED)
    _box(pdf, x, y, w, CHART_H)
    top = max(w.planned for w in found.weeks)
    slot = (w - 8) / len(found.weeks)
    base = y + CHART_H - 6
    scale = (CHART_H - 12) / max(top, 1)
    pdf.set_line_width(0.3)
    for index, week in enumerate(found.weeks):
        x0 = x + 6 + index * slot + slot * 0.2
        bar = slot * 0.6
        pdf.set_draw_color(*MUTED)
        pdf.rect(x0, base - week.planned * scale, bar, week.planned * scale, style="D")
        if week.done:
            pdf.set_fill_color(*ACCENT)
            pdf.rect(x0, base - week.done * scale, bar, week.done * scale, style="F")
        pdf.font(SCALE.label, colour=INK)
        pdf.set_xy(x0 - 2, base - week.planned * scale - 4)
        pdf.cell(bar + 4, 3.5, f"{week.done}/{week.planned}", align="C")
        if len(found.weeks) <= 12 or index % 2 == 0:
            pdf.set_xy(x0 - 2, base + 0.8)
            pdf.cell(bar + 4, 3.5, f"W{week.week}", align="C")
    y += CHART_H + 1.5
    due = f"{found.done} of {found.due} sessions due so far were done"
    percent = f" ({found.percent}%)" if found.percent is not None else ""
    words = (
        f"{due}{percent}; {found.planned} planned over the program. "
        f"Done in a row lately: {found.streak}. Filled: done; outline: planned."
    )
    return _text(pdf, x, y, w, words)


def _pain(pdf: Document, pain: PainSummary, x: float, y: float, w: float) -> float:
    y = _heading(pdf, x, y, w, "Pain")
    shown = pain.during.points[-PAIN_POINTS:]
    if not shown:
        return _text(pdf, x, y, w, "No pain rated in sessions yet.", colour=MUTED)
    _box(pdf, x, y, w, CHART_H)
    left, right, top, base = x + 7, x + w - 3, y + 3, y + CHART_H - 6

    def py(value: float) -> float:
        return base - value / 10 * (base - top)

    def px(index: int) -> float:
        return left + index / max(len(shown) - 1, 1) * (right - left)

    pdf.set_fill_color(*OK_FILL)
    pdf.rect(left, py(PAIN_GO), right - left, base - py(PAIN_GO), style="F")
    pdf.font(SCALE.label, colour=MUTED)
    for tick in (0, 5, 10):
        pdf.set_xy(x + 0.5, py(tick) - 1.8)
        pdf.cell(5, 3.5, str(tick), align="R")
    if pain.usual is not None:
        pdf.set_draw_color(*WARM)
        pdf.set_line_width(0.4)
        pdf.set_dash_pattern(dash=1.2, gap=1)
        pdf.line(left, py(pain.usual), right, py(pain.usual))
        pdf.set_dash_pattern()
    during = [(px(i), py(p.during)) for i, p in enumerate(shown) if p.during is not None]
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.5)
    if len(during) > 1:
        pdf.polyline(during)
    pdf.set_line_width(0.25)
    for i, p in enumerate(shown):
        if p.next_day is not None:
            pdf.circle(px(i), py(p.next_day), 0.7, style="D")
    pdf.font(SCALE.label, colour=MUTED)
    pdf.set_xy(left, base + 0.8)
    pdf.cell(30, 3.5, short_date(shown[0].date, True))
    pdf.set_xy(right - 30, base + 0.8)
    pdf.cell(30, 3.5, short_date(shown[-1].date, True), align="R")
    return _text(pdf, x, y + CHART_H + 1.5, w, pain_words(pain, len(shown)))


def _outcomes(pdf: Document, rows: Sequence[OutcomeRow], y: float, width: float) -> float:
    x = pdf.l_margin
    y = _heading(pdf, x, y, width, "Outcome measures")
    if not rows:
        return _text(pdf, x, y, width, "No outcome measures answered yet.", colour=MUTED)
    widths = (34.0, 30.0, (width - 64) / 2, (width - 64) / 2)
    head = ("Measure", "Before the program", "Week 4", "Week 8")
    y = _table_row(pdf, x, y, widths, head, bold=True)
    for row in rows:
        texts = [
            f"{row.name}"
            + (f" (important change: {compact_number(row.threshold)})" if row.threshold else "")
        ]
        texts += [_cell(c.score, c.words) for c in row.cells]
        y = _table_row(pdf, x, y, widths, tuple(texts))
    return y


def _cell(score: float | None, words: str) -> str:
    return words if score is None else f"{compact_number(score)}: {words}"


def _row_height(
    pdf: Document, widths: Sequence[float], texts: Sequence[str], *, bold: bool = False
) -> float:
    size = SCALE.label if bold else SCALE.body
    heights = [
        pdf.para(0, w - 2, t, size, bold=bold, dry=True) for w, t in zip(widths, texts, strict=True)
    ]
    return max(heights) + 2


def _table_row(
    pdf: Document,
    x: float,
    y: float,
    widths: Sequence[float],
    texts: Sequence[str],
    *,
    bold: bool = False,
) -> float:
    """One row of a table, as tall as its tallest cell, with a rule below; returns the y below."""
    size = SCALE.label if bold else SCALE.body
    bottom = y + _row_height(pdf, widths, texts, bold=bold)
    left = x
    for w, text in zip(widths, texts, strict=True):
        pdf.set_xy(left, y + 1)
        pdf.para(left, w - 2, text, size, bold=bold, colour=MUTED if bold else INK, dry=False)
        left += w
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(x, bottom, x + sum(widths), bottom)
    return bottom


def _motion(
    pdf: Document,
    series: Sequence[MeasurementSeries],
    names: Mapping[str, str],
    y: float,
    width: float,
) -> float:
    x = pdf.l_margin
    y = _heading(pdf, x, y, width, "Range of motion against the first reading")
    if not series:
        return _text(pdf, x, y, width, "No measurements yet.", colour=MUTED)
    widths = (38.0, 31.0, width - 69 - STRIP_W, STRIP_W)
    head = ("Test", "First → latest", "What it means", STRIP_KEY)
    y = _table_row(pdf, x, y, widths, head, bold=True)
    bottom = _last_line(pdf)
    shown = 0
    for one in series[:MAX_ROM_ROWS]:
        texts = _motion_texts(one, names)
        if y + _row_height(pdf, widths, texts) > bottom:
            break  # the rest are on the patient's page: the report stays one page
        top = y
        y = _table_row(pdf, x, y, widths, texts)
        _strip(pdf, one, x + sum(widths[:3]) + 1, top + 1, STRIP_W - 2, y - top - 2)
        shown += 1
    if shown < len(series):
        more = f"{len(series) - shown} more on the patient's page."
        y = _text(pdf, x, y + 0.5, width, more, colour=MUTED)
    return y


def _motion_texts(one: MeasurementSeries, names: Mapping[str, str]) -> tuple[str, ...]:
    name = names.get(one.protocol, one.protocol)
    label = name if one.side == Side.BOTH else f"{name}, {one.side.value}"
    first, latest = one.points[0].degrees, one.points[-1].degrees
    values = f"{_deg(first)} → {_deg(latest)}"
    if one.change is not None:
        values += f" ({'+' if one.change > 0 else ''}{compact_number(one.change)}°)"
    return (label, values, f"{motion_words(one)} {error_words(one)}", "")


def _last_line(pdf: Document) -> float:
    """The lowest y a table row may reach, leaving a line above the footer."""
    return pdf.h - 6 - 2 * SCALE.line(SCALE.label) - SCALE.line(SCALE.body) - 2


def _strip(pdf: Document, one: MeasurementSeries, x: float, y: float, w: float, h: float) -> None:
    """First reading (hollow) and latest (filled) on a degree scale, the error band shaded."""
    first, latest = one.points[0].degrees, one.points[-1].degrees
    lo = min(first - one.mdc, latest, one.reference) - 3
    hi = max(first + one.mdc, latest, one.reference) + 3

    def px(value: float) -> float:
        return x + (value - lo) / (hi - lo) * w

    middle = y + h / 2
    pdf.set_fill_color(*RULE)
    pdf.rect(
        px(first - one.mdc), middle - 2, px(first + one.mdc) - px(first - one.mdc), 4, style="F"
    )
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    pdf.line(px(one.reference), middle - 3, px(one.reference), middle + 3)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.5)
    pdf.line(px(first), middle, px(latest), middle)
    pdf.set_fill_color(255, 255, 255)
    pdf.circle(px(first), middle, 1.2, style="DF")
    pdf.set_fill_color(*ACCENT)
    pdf.circle(px(latest), middle, 1.2, style="F")


def _deg(value: float) -> str:
    return f"{compact_number(value)}°"
