"""What every midback PDF shares: a Unicode font, paper sizes, colours, footer and text blocks.

Exercise text uses "–", "×", "°", "≤" and "→", which the PDF core fonts cannot print. The handout
embeds DejaVu Sans (Debian's fonts-dejavu-core, present on every midback machine image) so no
character is lost; where that font is missing it falls back to Helvetica with the text normalised
to Windows-1252 (so "≤" prints as "<=", never as "?").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from fpdf import FPDF, XPos, YPos

Paper = Literal["a4", "letter"]
Colour = tuple[int, int, int]

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FAMILY = "midback"
CORE_ENCODING = "windows-1252"
NORMALISED = {
    "≤": "<=",
    "≥": ">=",
    "→": "->",
    "←": "<-",
    "−": "-",
    "‑": "-",
    "\u2009": " ",
    "\u202f": " ",
    "✓": "v",
    "☐": "[ ]",
}
"""Replacements for characters outside Windows-1252, used only with the fallback core font."""

INK: Colour = (0x33, 0x42, 0x4A)
MUTED: Colour = (0x6B, 0x76, 0x7C)
ACCENT: Colour = (0x2F, 0x5D, 0x6B)
WARM: Colour = (0xD9, 0x62, 0x2B)
PAPER_TINT: Colour = (0xFB, 0xF8, 0xF2)
RULE: Colour = (0xD8, 0xD2, 0xC4)
NOTE_FILL: Colour = (0xFD, 0xF0, 0xE6)

LEADING = 0.44
"""Line height in mm per point of font size."""
ITEM_GAP = 1.0


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in points. Patient handouts aim for 12 pt or more for every word; large print
    for 16 pt or more (common large-print guidance, e.g. the UK's RNIB)."""

    body: float
    label: float
    heading: float
    title: float

    def line(self, size: float) -> float:
        """Line height in mm for `size` points."""
        return size * LEADING


STANDARD = TypeScale(body=12, label=12, heading=14, title=20)
LARGE_PRINT = TypeScale(body=16, label=16, heading=18, title=24)


def find_unicode_font(dirs: Sequence[Path] = FONT_DIRS) -> dict[str, Path] | None:
    """Regular and bold DejaVu Sans from the first folder that has both, or None."""
    for folder in dirs:
        found = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in found.values()):
            return found
    return None


def normalise(text: str) -> str:
    """Text the core fonts can print: Windows-1252 as is, the rest replaced, never dropped."""
    out: list[str] = []
    for char in text:
        if char in NORMALISED:
            out.append(NORMALISED[char])
            continue
        try:
            char.encode(CORE_ENCODING)
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(base or f"U+{ord(char):04X}")
    return "".join(out)


@dataclass(frozen=True)
class Meta:
    """Document properties and the footer line."""

    title: str
    author: str
    footer: str
    created: datetime | None = None


class Document(FPDF):
    """An FPDF with midback's font, colours and a footer on every page."""

    def __init__(
        self,
        paper: Paper,
        meta: Meta,
        fonts: dict[str, Path] | None,
        scale: TypeScale = STANDARD,
    ) -> None:
        super().__init__(orientation="P", unit="mm", format="A4" if paper == "a4" else "Letter")
        self.meta = meta
        self.scale = scale
        self.unicode = fonts is not None
        if fonts is not None:
            for style, path in fonts.items():
                self.add_font(FAMILY, style, str(path))
        else:
            self.core_fonts_encoding = CORE_ENCODING
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=self._footer_height() + 8)
        self.set_title(meta.title)
        self.set_author(meta.author)
        self.set_creator("midback")
        self.set_lang("en")
        if meta.created is not None:
            self.set_creation_date(meta.created)

    def font(self, size: float, bold: bool = False, colour: Colour = INK) -> None:
        """Switch to the document font at `size` points."""
        self.set_font(FAMILY if self.unicode else "helvetica", "B" if bold else "", size)
        self.set_text_color(*colour)

    def clean(self, text: str) -> str:
        """The text as this document can print it."""
        return text if self.unicode else normalise(text)

    def _footer_height(self) -> float:
        return 2 * self.scale.line(self.scale.label)

    def footer(self) -> None:
        """Quiet lines at the foot: what midback is, and page n of N."""
        top = self.h - 6 - self._footer_height()
        line = self.scale.line(self.scale.label)
        width = self.w - self.l_margin - self.r_margin
        self.font(self.scale.label, colour=MUTED)
        self.set_xy(self.l_margin + width * 0.72, top)
        self.cell(width * 0.28, line, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_xy(self.l_margin, top)
        self.multi_cell(width * 0.7, line, self.clean(self.meta.footer), align="L")

    def para(
        self,
        x: float,
        w: float,
        text: str,
        size: float | None = None,
        *,
        bold: bool = False,
        colour: Colour = INK,
        dry: bool,
    ) -> float:
        """A wrapped paragraph at `x` in `size` points (default: body text; nothing drawn when
        `dry`); returns its height."""
        size = size or self.scale.body
        self.font(size, bold, colour)
        line = self.scale.line(size)
        if dry:
            height = self.multi_cell(
                w, line, self.clean(text), align="L", dry_run=True, output="HEIGHT"
            )
            return float(height)  # type: ignore[arg-type]
        self.set_x(x)
        top = self.get_y()
        self.multi_cell(w, line, self.clean(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        return self.get_y() - top

    def bullets(
        self, x: float, w: float, items: Sequence[str], marker: str = "•", *, dry: bool
    ) -> float:
        """A bulleted (or numbered, marker '1.') list; returns its height."""
        total = 0.0
        size = self.scale.body
        indent = size * 0.5
        for number, item in enumerate(items, start=1):
            label = f"{number}." if marker == "1." else self.clean(marker)
            if not dry:
                if self.get_y() + self.scale.line(size) > self.page_break_trigger:
                    self.add_page()  # the number or bullet goes with its first line
                self.font(size, bold=True, colour=ACCENT)
                self.set_xy(x, self.get_y())
                self.cell(indent, self.scale.line(size), label)
            total += self.para(x + indent, w - indent, item, dry=dry) + ITEM_GAP
            if not dry:
                self.set_y(self.get_y() + ITEM_GAP)
        return total
