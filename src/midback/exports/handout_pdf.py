"""The handout as a PDF (fpdf2): header (with a QR code when a phone can open the link), one card
per exercise, safety last. Every word is 12 pt or more; `large_print` sets 16 pt or more with
larger drawings (pdf_kit.TypeScale)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, time

import segno
from fpdf import XPos, YPos

from midback.domain.exercise import Exercise
from midback.exports.handout import (
    PAIN_RULES,
    SEE_CLINICIAN,
    STOP_NOW,
    WEEKDAYS,
    Handout,
    HandoutExercise,
)
from midback.exports.illustration import render_illustration
from midback.exports.pdf_kit import (
    ACCENT,
    LARGE_PRINT,
    MUTED,
    NOTE_FILL,
    PAPER_TINT,
    RULE,
    STANDARD,
    WARM,
    Document,
    Meta,
    Paper,
    find_unicode_font,
)

PLACEHOLDER_ASPECT = 0.75
MIN_START_MM = 90.0
"""A card taller than the rest of the page starts there only if this much room is left."""
GAP = 5.0
FOOTER = "midback: exercise guidance, not medical advice."
HOW_TO = (
    "Do the exercises in this order on the days that have a box, and tick the box when you are "
    "done. Move slowly, breathe out as you move into the stiff direction, and stay in a range "
    "you can control. Mild discomfort is fine: the pain guide at the end says when to ease off."
)


@dataclass(frozen=True)
class Layout:
    """Sizes in mm that grow with the print size."""

    image_w: float
    image_max_h: float
    qr_w: float


REGULAR_LAYOUT = Layout(image_w=46.0, image_max_h=62.0, qr_w=30.0)
LARGE_LAYOUT = Layout(image_w=56.0, image_max_h=76.0, qr_w=36.0)


def render_handout(
    handout: Handout,
    *,
    paper: Paper = "a4",
    unicode_font: bool = True,
    large_print: bool = False,
) -> bytes:
    """The handout as PDF bytes on A4 or Letter (`unicode_font=False` forces the core font)."""
    fonts = find_unicode_font() if unicode_font else None
    created = datetime.combine(handout.issued, time(12)) if handout.issued else None
    meta = Meta(handout.title, handout.clinician or "midback", FOOTER, created)
    pdf = Document(paper, meta, fonts, LARGE_PRINT if large_print else STANDARD)
    layout = LARGE_LAYOUT if large_print else REGULAR_LAYOUT
    pdf.add_page()
    _header(pdf, handout, layout)
    for number, entry in enumerate(handout.exercises, start=1):
        _card(pdf, number, entry, layout)
    _safety(pdf, handout.notes)
    return bytes(pdf.output())


def _width(pdf: Document) -> float:
    return float(pdf.w - pdf.l_margin - pdf.r_margin)


def _header(pdf: Document, handout: Handout, layout: Layout) -> None:
    x, top, width = pdf.l_margin, pdf.t_margin, _width(pdf)
    scale = pdf.scale
    qr_bottom = top
    text_w = width
    if handout.qr:
        qr_w = layout.qr_w
        qr = segno.make(handout.link, error="m")
        buffer = io.BytesIO()
        qr.save(buffer, kind="png", scale=8, border=0)
        pdf.image(buffer, x=x + width - qr_w, y=top, w=qr_w, alt_text=f"QR code: {handout.link}")
        pdf.set_xy(x + width - qr_w - 4, top + qr_w + 1)
        pdf.font(scale.label, colour=MUTED)
        pdf.multi_cell(qr_w + 4, scale.line(scale.label), "Scan to open in the app", align="C")
        qr_bottom = pdf.get_y()
        text_w = width - qr_w - GAP - 4
    pdf.set_xy(x, top)
    pdf.para(
        x, text_w, "midback · home exercise program", scale.label, bold=True, colour=WARM, dry=False
    )
    pdf.set_y(pdf.get_y() + 1)
    pdf.para(x, text_w, handout.title, scale.title, bold=True, dry=False)
    pdf.set_y(pdf.get_y() + 1)
    pdf.para(x, text_w, handout.subtitle, colour=MUTED, dry=False)
    pdf.set_y(max(pdf.get_y(), qr_bottom) + 3)
    _people(pdf, handout)
    pdf.set_y(pdf.get_y() + 3)
    pdf.para(x, width, HOW_TO, dry=False)
    pdf.set_y(pdf.get_y() + 2)


def _people(pdf: Document, handout: Handout) -> None:
    """Name, clinician and date, each a label over its value (or a line to write on)."""
    x, y, width, scale = pdf.l_margin, pdf.get_y(), _width(pdf), pdf.scale
    fields = [
        ("Name", handout.person or ""),
        ("Clinician", handout.clinician or ""),
        ("Date", handout.issued.strftime("%d %b %Y") if handout.issued else ""),
    ]
    label_h, value_h = scale.line(scale.label), scale.line(scale.body) + 1
    height = label_h + value_h + 4
    pdf.set_fill_color(*PAPER_TINT)
    pdf.set_draw_color(*RULE)
    pdf.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=2)
    left = x + 3
    for (label, value), share in zip(fields, (0.38, 0.38, 0.24), strict=True):
        pdf.set_xy(left, y + 1.5)
        pdf.font(scale.label, bold=True, colour=MUTED)
        pdf.cell(width * share - 4, label_h, label)
        pdf.set_xy(left, y + 1.5 + label_h)
        pdf.font(scale.body, bold=True)
        pdf.cell(width * share - 4, value_h, pdf.clean(value))
        if not value:
            pdf.line(left, y + height - 2, left + width * share - 8, y + height - 2)
        left += width * share
    pdf.set_y(y + height)


def _text(
    pdf: Document, x: float, w: float, number: int, item: HandoutExercise, dry: bool
) -> float:
    """The text beside the illustration; returns its height (nothing drawn when `dry`)."""
    exercise, scale = item.exercise, pdf.scale
    start = pdf.get_y()
    height = pdf.para(x, w, f"{number}. {exercise.name}", scale.heading, bold=True, dry=dry)
    height += pdf.para(x, w, item.dose, bold=True, colour=WARM, dry=dry) + 1
    if item.sides:
        sides = "Each side: " + "; then ".join(word[0].lower() + word[1:] for word in item.sides)
        drawn = item.drawn_side()
        shown = (
            f". The drawing shows {drawn[0].lower()}{drawn[1:]}; do the other as its mirror image."
        )
        height += pdf.para(x, w, sides + (shown if drawn else "."), dry=dry) + 1
    height += _section(pdf, x, w, "How to do it", dry)
    height += pdf.bullets(x, w, exercise.steps, "1.", dry=dry)
    height += _section(pdf, x, w, "Key cues", dry)
    height += pdf.bullets(x, w, exercise.cues, dry=dry)
    height += _section(pdf, x, w, "Avoid", dry)
    height += pdf.bullets(x, w, [a.fault for a in exercise.avoid], "×", dry=dry)
    for note in item.notes:
        height += _note(pdf, x, w, note, dry)
    return height if dry else pdf.get_y() - start


def _section(pdf: Document, x: float, w: float, title: str, dry: bool) -> float:
    line = pdf.scale.line(pdf.scale.label)
    if not dry:
        if pdf.get_y() + 3 * line > pdf.page_break_trigger:
            pdf.add_page()  # never a section title alone at the foot of a page
        pdf.set_xy(x, pdf.get_y() + 1.5)
        pdf.font(pdf.scale.label, bold=True, colour=ACCENT)
        pdf.cell(w, line, title)
        pdf.set_xy(x, pdf.get_y() + line + 0.5)
    return line + 2


def _note(pdf: Document, x: float, w: float, note: str, dry: bool) -> float:
    condition, _, advice = note.partition(": ")
    text = f"With {condition}: {advice}" if advice and " " not in condition else note
    height = pdf.para(x + 2, w - 4, text, dry=True) + 2
    if not dry:
        y = pdf.get_y() + 1.5
        pdf.set_fill_color(*NOTE_FILL)
        pdf.rect(x, y, w, height, style="F", round_corners=True, corner_radius=1.5)
        pdf.set_xy(x + 2, y + 1)
        pdf.para(x + 2, w - 4, text, dry=False)
        pdf.set_y(y + height)
    return height + 1.5


def _card(pdf: Document, number: int, item: HandoutExercise, layout: Layout) -> None:
    """The drawing on the left, the words on the right, the days to tick underneath."""
    x, width = pdf.l_margin, _width(pdf)
    text_x, text_w = x + layout.image_w + GAP, width - layout.image_w - GAP
    image_h = _image_height(item.exercise, layout)
    ticks_h = _ticks_height(pdf)
    text_h = _text(pdf, text_x, text_w, number, item, dry=True)
    height = max(text_h, image_h) + ticks_h + 8
    room = pdf.page_break_trigger - pdf.get_y()
    if height > room and room < max(image_h, MIN_START_MM) + 10:
        pdf.add_page()  # else the words flow on to the next page rather than leave half blank
    top = pdf.get_y() + 2
    pdf.set_draw_color(*RULE)
    pdf.line(x, top, x + width, top)
    page = pdf.page_no()
    _illustration(pdf, item.exercise, x, top + 4, image_h, layout)
    pdf.set_xy(text_x, top + 3)
    _text(pdf, text_x, text_w, number, item, dry=False)
    below = pdf.get_y() if pdf.page_no() != page else max(pdf.get_y(), top + 4 + image_h)
    if below + ticks_h > pdf.page_break_trigger:
        pdf.add_page()
        below = pdf.get_y()
    _ticks(pdf, item, x, width, below + 2)
    pdf.set_y(below + 2 + ticks_h)


def _image_height(exercise: Exercise, layout: Layout) -> float:
    return layout.image_max_h if exercise.poses else layout.image_w * PLACEHOLDER_ASPECT


def _illustration(
    pdf: Document, exercise: Exercise, x: float, y: float, box_h: float, layout: Layout
) -> None:
    """The body-model drawing, or a clean placeholder when the exercise has no poses yet."""
    if not exercise.poses:
        _placeholder(pdf, exercise, x, y, layout)
        return
    svg = render_illustration(exercise)
    svg = re.sub(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>", "", svg, flags=re.S)
    size = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
    aspect = float(size.group(2)) / float(size.group(1)) if size else 1.0
    h = min(box_h, layout.image_w * aspect)
    w = h / aspect
    pdf.image(io.BytesIO(svg.encode()), x=x + (layout.image_w - w) / 2, y=y, w=w, h=h)


def _placeholder(pdf: Document, exercise: Exercise, x: float, y: float, layout: Layout) -> None:
    w, scale = layout.image_w, pdf.scale
    h = w * PLACEHOLDER_ASPECT
    pdf.set_fill_color(*PAPER_TINT)
    pdf.set_draw_color(*RULE)
    pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=3)
    pdf.set_xy(x, y + 3)
    pdf.font(scale.label, bold=True, colour=ACCENT)
    where = exercise.position.value.replace("_", " ").capitalize()
    line = scale.line(scale.label)
    pdf.cell(w, line, pdf.clean(where), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.font(scale.label, colour=MUTED)
    kit = ", ".join(e.value.replace("_", " ") for e in exercise.equipment) or "no equipment"
    pdf.multi_cell(w, line, pdf.clean(f"{kit}; drawing to come"), align="C")


def _ticks_height(pdf: Document) -> float:
    return pdf.scale.line(pdf.scale.label) * 2 + 3


def _ticks(pdf: Document, item: HandoutExercise, x: float, width: float, y: float) -> None:
    """A row of day boxes to tick: planned days get a box, the other days a dash."""
    scale = pdf.scale
    line = scale.line(scale.label)
    pdf.set_xy(x, y)
    pdf.font(scale.label, bold=True, colour=MUTED)
    pdf.cell(width, line, "Tick when done")
    cell_w = width / 7
    box = line * 0.8
    for index, (day, planned) in enumerate(zip(WEEKDAYS, item.days, strict=True)):
        left = x + index * cell_w
        pdf.set_xy(left, y + line + 1)
        pdf.font(scale.label, bold=planned, colour=ACCENT if planned else RULE)
        label = day if planned else f"{day} –"
        pdf.cell(cell_w * 0.6, line, label)
        if planned:
            box_x = left + pdf.get_string_width(label) + 2
            pdf.set_draw_color(*ACCENT)
            pdf.rect(box_x, y + line + 1 + (line - box) / 2, box, box, style="D")


def _safety(pdf: Document, notes: tuple[str, ...]) -> None:
    x, width, scale = pdf.l_margin, _width(pdf), pdf.scale
    blocks = [
        ("Pain guide (0 = no pain, 10 = the worst you can imagine)", PAIN_RULES),
        ("Stop at once and get medical help, urgently if it is severe, if you get:", STOP_NOW),
        ("Pause the exercises and see your doctor or physiotherapist if you have:", SEE_CLINICIAN),
    ]
    if notes:
        blocks.append(("Notes from your plan", notes))
    inner = width - 8
    heading_h = scale.line(scale.heading) + 6
    height = heading_h + 4
    for title, items in blocks:
        height += pdf.para(x + 4, inner, title, bold=True, dry=True) + 3
        height += pdf.bullets(x + 4, inner, items, dry=True)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 3
    pdf.set_draw_color(*WARM)
    pdf.set_line_width(0.5)
    pdf.rect(x, top, width, height, style="D", round_corners=True, corner_radius=3)
    pdf.set_line_width(0.2)
    pdf.set_xy(x + 4, top + 4)
    pdf.para(
        x + 4,
        inner,
        "Safety: when to ease off, stop, or get help",
        scale.heading,
        bold=True,
        colour=WARM,
        dry=False,
    )
    pdf.set_y(top + heading_h)
    for title, items in blocks:
        pdf.set_y(pdf.get_y() + 2)
        pdf.para(x + 4, inner, title, bold=True, dry=False)
        pdf.set_y(pdf.get_y() + 1)
        pdf.bullets(x + 4, inner, items, dry=False)
