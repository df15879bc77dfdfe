"""How the handout prints, read from the PDF with pypdf (font sizes from the content streams, the
images on each page), not from the layout code: patient-sized text, a large-print option, and no
QR code that would send a phone to a local address."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from midback.exports.handout import Handout, plan_handout
from midback.exports.handout_pdf import render_handout
from midback.exports.links import reachable

from ...support.planning import START, library, plan_for, profile, program


def week_handout(base_url: str = "https://app.example") -> Handout:
    return plan_handout(
        plan_for(profile()),
        program(),
        library(),
        today=START,
        person="Alex Morgan",
        clinician="Sam Lee",
        base_url=base_url,
    )


def font_sizes(pdf: bytes) -> list[float]:
    """Every font size set with Tf on every page (fpdf2 draws text with an identity matrix)."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = []
    for page in reader.pages:
        content = ContentStream(page.get_contents(), reader)
        sizes += [float(ops[1]) for ops, name in content.operations if name == b"Tf"]
    return sizes


def images(pdf: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(image.image.width, image.image.height) for p in reader.pages for image in p.images]


def test_every_word_is_printed_at_12_pt_or_more() -> None:
    sizes = font_sizes(render_handout(week_handout()))
    assert sizes and min(sizes) >= 12


def test_large_print_sets_every_word_at_16_pt_or_more_on_more_pages() -> None:
    handout = week_handout()
    regular, large = render_handout(handout), render_handout(handout, large_print=True)
    assert min(font_sizes(large)) >= 16
    assert len(PdfReader(io.BytesIO(large)).pages) > len(PdfReader(io.BytesIO(regular)).pages)


@pytest.mark.parametrize("large_print", [False, True])
def test_the_text_is_all_there_in_both_sizes(large_print: bool) -> None:
    handout = week_handout()
    reader = PdfReader(io.BytesIO(render_handout(handout, large_print=large_print)))
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    for entry in handout.exercises:  # compared without spaces: long names wrap
        assert "".join(entry.exercise.name.split()) in text
        assert "".join(entry.exercise.steps[-1].split()) in text


def test_a_public_address_gets_a_qr_code_and_a_local_one_does_not() -> None:
    public = render_handout(week_handout("https://app.example"))
    local = render_handout(week_handout("http://127.0.0.1:8000"))
    square = [size for size in images(public) if size[0] == size[1]]
    assert square  # the QR code
    assert not [size for size in images(local) if size[0] == size[1]]
    assert "Scan to open" in text_of(public) and "Scan" not in text_of(local)


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://midback.example.org", True),
        ("http://192.168.1.20:8000", True),
        ("http://127.0.0.1:8000", False),
        ("http://localhost:8000/", False),
        ("http://[::1]:8000", False),
        ("http://0.0.0.0:8000", False),
    ],
)
def test_which_addresses_a_phone_can_open(url: str, expected: bool) -> None:
    assert reachable(url) is expected


def test_the_issue_date_is_unchanged_by_print_size() -> None:
    assert week_handout().issued == START == date(2026, 12, 1)
