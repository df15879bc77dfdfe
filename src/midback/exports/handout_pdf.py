"""The handout as a PDF (fpdf2): header with QR code, one card per exercise, safety last."""

from __future__ import annotations

import io
import re
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
    MUTED,
    NOTE_FILL,
    PAPER_TINT,
    RULE,
    WARM,
    Document,
    Meta,
    Paper,
    find_unicode_font,
)

IMAGE_W = 40.0
IMAGE_MAX_H = 54.0
PLACEHOLDER_ASPECT = 0.75
STEPS_SHARE = 0.56
GAP = 5.0
TICK_ROW_H = 9.0
QR_W = 27.0
FOOTER = "midback · exercise guidance for your mid-back; it is not a diagnosis or medical advice."
HOW_TO = (
    "Do the exercises in this order on the days that have a box, and tick the box when you are "
    "done. Move slowly, breathe out as you move into the stiff direction, and stay in a range "
    "you can control. Mild discomfort is fine: the pain guide at the end says when to ease off."
)


def render_handout(handout: Handout, *, paper: Paper = "a4", unicode_font: bool = True) -> bytes:
    """The handout as PDF bytes on A4 or Letter (`unicode_font=False` forces the core font)."""
    fonts = find_unicode_font() if unicode_font else None
    created = datetime.combine(handout.issued, time(12)) if handout.issued else None
    meta = Meta(handout.title, handout.clinician or "midback", FOOTER, created)
    pdf = Document(paper, meta, fonts)
    pdf.add_page()
    _header(pdf, handout)
    for number, entry in enumerate(handout.exercises, start=1):
        _card(pdf, number, entry)
    _safety(pdf, handout.notes)
    return bytes(pdf.output())


def _width(pdf: Document) -> float:
    return float(pdf.w - pdf.l_margin - pdf.r_margin)


def _header(pdf: Document, handout: Handout) -> None:
    x, top, width = pdf.l_margin, pdf.t_margin, _width(pdf)
    qr = segno.make(handout.link, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=8, border=0)
    pdf.image(buffer, x=x + width - QR_W, y=top, w=QR_W, alt_text=f"QR code: {handout.link}")
    pdf.set_xy(x + width - QR_W - 4, top + QR_W + 1)
    pdf.font(6.5, colour=MUTED)
    pdf.cell(QR_W + 4, 3, "Scan to open it in the app", align="C")
    text_w = width - QR_W - GAP
    pdf.set_xy(x, top)
    pdf.font(8, bold=True, colour=WARM)
    pdf.cell(text_w, 4, "MIDBACK · HOME EXERCISE PROGRAM")
    pdf.set_xy(x, top + 6)
    pdf.para(x, text_w, handout.title, 17, bold=True, dry=False)
    pdf.set_y(pdf.get_y() + 1)
    pdf.font(9, colour=MUTED)
    pdf.multi_cell(text_w, 4.3, pdf.clean(handout.subtitle))
    pdf.set_y(max(pdf.get_y(), top + QR_W + 5) + 3)
    _people(pdf, handout)
    pdf.set_y(pdf.get_y() + 3)
    pdf.para(x, width, HOW_TO, 8.5, dry=False)
    pdf.set_y(pdf.get_y() + 2)


def _people(pdf: Document, handout: Handout) -> None:
    x, y, width = pdf.l_margin, pdf.get_y(), _width(pdf)
    fields = [
        ("Name", handout.person or ""),
        ("Clinician", handout.clinician or ""),
        ("Date", handout.issued.strftime("%d %b %Y") if handout.issued else ""),
    ]
    shares = (0.4, 0.38, 0.22)
    pdf.set_fill_color(*PAPER_TINT)
    pdf.set_draw_color(*RULE)
    pdf.rect(x, y, width, 11, style="DF", round_corners=True, corner_radius=2)
    left = x + 3
    for (label, value), share in zip(fields, shares, strict=True):
        pdf.set_xy(left, y + 1.6)
        pdf.font(6.5, bold=True, colour=MUTED)
        pdf.cell(width * share - 4, 3, label.upper())
        pdf.set_xy(left, y + 5)
        pdf.font(10, bold=True)
        pdf.cell(width * share - 4, 5, pdf.clean(value))
        if not value:
            pdf.line(left, y + 9, left + width * share - 8, y + 9)
        left += width * share
    pdf.set_y(y + 11)


def _columns(pdf: Document, x: float, w: float, item: HandoutExercise, dry: bool) -> float:
    """Steps on the left; key cues and what to avoid on the right. Returns the taller height."""
    exercise = item.exercise
    left_w = w * STEPS_SHARE - GAP / 2
    right_x, right_w = x + w * STEPS_SHARE + GAP / 2, w * (1 - STEPS_SHARE) - GAP / 2
    top = pdf.get_y()
    left = _section(pdf, x, left_w, "How to do it", dry)
    left += pdf.bullets(x, left_w, exercise.steps, "1.", dry=dry)
    pdf.set_y(top)
    right = _section(pdf, right_x, right_w, "Key cues", dry)
    right += pdf.bullets(right_x, right_w, exercise.cues, dry=dry)
    right += _section(pdf, right_x, right_w, "Avoid", dry)
    right += pdf.bullets(right_x, right_w, [a.fault for a in exercise.avoid], "×", dry=dry)
    pdf.set_y(top if dry else top + max(left, right))
    return max(left, right)


def _text(
    pdf: Document, x: float, w: float, number: int, item: HandoutExercise, dry: bool
) -> float:
    """The text beside the illustration; returns its height (nothing drawn when `dry`)."""
    start = pdf.get_y()
    height = pdf.para(x, w, f"{number}. {item.exercise.name}", 11.5, bold=True, dry=dry)
    height += pdf.para(x, w, item.dose, 8.5, bold=True, colour=WARM, dry=dry) + 0.5
    height += _columns(pdf, x, w, item, dry)
    for note in item.notes:
        height += _note(pdf, x, w, note, dry)
    return height if dry else pdf.get_y() - start


def _section(pdf: Document, x: float, w: float, title: str, dry: bool) -> float:
    if not dry:
        pdf.set_xy(x, pdf.get_y() + 1)
        pdf.font(6.5, bold=True, colour=ACCENT)
        pdf.cell(w, 3.5, title.upper())
        pdf.set_xy(x, pdf.get_y() + 3.5)
    return 4.5


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


def _card(pdf: Document, number: int, item: HandoutExercise) -> None:
    x, width = pdf.l_margin, _width(pdf)
    text_x, text_w = x + IMAGE_W + GAP, width - IMAGE_W - GAP
    image_h = _image_height(item.exercise)
    text_h = _text(pdf, text_x, text_w, number, item, dry=True)
    height = max(text_h + TICK_ROW_H, image_h) + 6
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 2
    pdf.set_draw_color(*RULE)
    pdf.line(x, top, x + width, top)
    _illustration(pdf, item.exercise, x, top + 4, image_h)
    pdf.set_xy(text_x, top + 3)
    drawn = _text(pdf, text_x, text_w, number, item, dry=False)
    _ticks(pdf, item, text_x, text_w, top + 3 + drawn)
    pdf.set_y(top + 4 + max(drawn + TICK_ROW_H, image_h))


def _image_height(exercise: Exercise) -> float:
    return IMAGE_MAX_H if exercise.poses else IMAGE_W * PLACEHOLDER_ASPECT


def _illustration(pdf: Document, exercise: Exercise, x: float, y: float, box_h: float) -> None:
    """The body-model drawing, or a clean placeholder when the exercise has no poses yet."""
    if not exercise.poses:
        _placeholder(pdf, exercise, x, y)
        return
    svg = render_illustration(exercise)
    svg = re.sub(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>", "", svg, flags=re.S)
    size = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
    aspect = float(size.group(2)) / float(size.group(1)) if size else 1.0
    h = min(box_h, IMAGE_W * aspect)
    w = h / aspect
    pdf.image(io.BytesIO(svg.encode()), x=x + (IMAGE_W - w) / 2, y=y, w=w, h=h)


def _placeholder(pdf: Document, exercise: Exercise, x: float, y: float) -> None:
    h = IMAGE_W * PLACEHOLDER_ASPECT
    pdf.set_fill_color(*PAPER_TINT)
    pdf.set_draw_color(*RULE)
    pdf.rect(x, y, IMAGE_W, h, style="DF", round_corners=True, corner_radius=3)
    pdf.set_xy(x, y + h / 2 - 6)
    pdf.font(9, bold=True, colour=ACCENT)
    where = exercise.position.value.replace("_", " ").capitalize()
    pdf.cell(IMAGE_W, 5, pdf.clean(where), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.font(7, colour=MUTED)
    kit = ", ".join(e.value.replace("_", " ") for e in exercise.equipment) or "no equipment"
    text = pdf.clean(f"{kit}\n(drawing to come; follow the steps)")
    pdf.multi_cell(IMAGE_W, 3.4, text, align="C")


def _ticks(pdf: Document, item: HandoutExercise, x: float, width: float, y: float) -> None:
    """A row of day boxes to tick: planned days get a box, the other days a dash."""
    label_w = 27.0
    cell_w = (width - label_w) / 7
    pdf.set_xy(x, y + 2)
    pdf.font(6.5, bold=True, colour=MUTED)
    pdf.cell(label_w, 5, "TICK WHEN DONE")
    for index, (day, planned) in enumerate(zip(WEEKDAYS, item.days, strict=True)):
        left = x + label_w + index * cell_w
        pdf.set_xy(left, y + 2)
        pdf.font(7, bold=planned, colour=ACCENT if planned else RULE)
        pdf.cell(cell_w * 0.5, 5, day, align="R")
        if planned:
            pdf.set_draw_color(*ACCENT)
            pdf.rect(left + cell_w * 0.5 + 1.5, y + 2.3, 4.4, 4.4, style="D")
        else:
            pdf.cell(cell_w * 0.5, 5, "  –")


def _safety(pdf: Document, notes: tuple[str, ...]) -> None:
    x, width = pdf.l_margin, _width(pdf)
    blocks = [
        ("Pain guide (0 = no pain, 10 = the worst you can imagine)", PAIN_RULES),
        ("Stop at once and get medical help, urgently if it is severe, if you get:", STOP_NOW),
        ("Pause the exercises and see your doctor or physiotherapist if you have:", SEE_CLINICIAN),
    ]
    if notes:
        blocks.append(("Notes from your plan", notes))
    height = 14 + sum(pdf.bullets(x + 4, width - 8, items, dry=True) + 8 for _, items in blocks)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 3
    pdf.set_draw_color(*WARM)
    pdf.set_line_width(0.5)
    pdf.rect(x, top, width, height, style="D", round_corners=True, corner_radius=3)
    pdf.set_line_width(0.2)
    pdf.set_xy(x + 4, top + 4)
    pdf.font(12, bold=True, colour=WARM)
    pdf.cell(width - 8, 6, "Safety: when to ease off, stop, or get help")
    pdf.set_y(top + 11)
    for title, items in blocks:
        pdf.set_xy(x + 4, pdf.get_y() + 2)
        pdf.font(9, bold=True)
        pdf.cell(width - 8, 5, pdf.clean(title))
        pdf.set_y(pdf.get_y() + 5.5)
        pdf.bullets(x + 4, width - 8, items, dry=False)
