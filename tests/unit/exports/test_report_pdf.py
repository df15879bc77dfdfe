"""The outcome report PDF: one page whatever the history, in either font, with plain words."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from midback.content.instruments import builtin_instruments
from midback.content.loader import load_content
from midback.domain.outcome_report import OutcomeReport, outcome_report
from midback.domain.outcomes import OutcomeRecord, Timepoint
from midback.domain.profile import Side
from midback.domain.training import MeasurementRecord, SessionLog
from midback.exports.report_pdf import render_report

CONTENT = load_content()
NAMES = {p.id: p.name for p in CONTENT.protocols.values()}
TODAY = date(2026, 12, 1)
START = TODAY - timedelta(days=60)
AT = datetime(2026, 1, 1, tzinfo=UTC)


def _log(day: date, pain: int) -> SessionLog:
    return SessionLog(
        id=day.toordinal(), user_id=1, session_date=day, planned_session=None, program_ref=None,
        routine_id=None, completed=True, pain_during=pain, pain_next_day=(pain + 3) % 11,
        difficulty=3, note="", created_at=AT, items=(), idempotency_key=str(day), request_hash="",
    )  # fmt: skip


def _answer(instrument: str, score: float, timepoint: Timepoint) -> OutcomeRecord:
    day = START + timedelta(weeks=timepoint.week)
    return OutcomeRecord(
        id=day.toordinal() * 10 + len(instrument), instrument=instrument, timepoint=timepoint,
        taken_on=day, score=score, activities=[], recorded_by=1, recorded_at=AT,
    )  # fmt: skip


def _every_test_measured_three_times() -> list[MeasurementRecord]:
    found = []
    for protocol in CONTENT.protocols.values():
        sides = (Side.LEFT, Side.RIGHT) if protocol.per_side else (Side.BOTH,)
        for side in sides:
            for week, gain in ((0, 0), (4, 3), (8, 9)):
                found.append(
                    MeasurementRecord(
                        id=len(found) + 1,
                        user_id=1,
                        protocol=protocol.id,
                        side=side,
                        degrees=min(protocol.max_degrees, protocol.reference * 0.6 + gain),
                        taken_at=AT + timedelta(weeks=week),
                        recorded_by=1,
                        assessment_id=None,
                    )  # fmt: skip
                )
    return found


def full_report() -> OutcomeReport:
    """Eight weeks of five sessions a week, a year of daily logs, every outcome and every test."""
    planned = [START + timedelta(days=7 * w + d) for w in range(8) for d in range(5)]
    answers = [
        _answer(i, s, t)
        for i, scores in (("nprs", (7, 6, 3)), ("psfs", (3, 4.3, 6.7)), ("groc", (0, 1, 4)))
        for s, t in zip(scores, Timepoint, strict=True)
        if not (i == "groc" and t is Timepoint.BASELINE)
    ]
    return outcome_report(
        today=TODAY,
        start=START,
        planned=planned,
        logs=[_log(TODAY - timedelta(days=d), d % 9) for d in range(365)],
        usual_pain=4,
        answers=answers,
        instruments=builtin_instruments(),
        measurements=_every_test_measured_three_times(),
        protocols=CONTENT.protocols,
    )


def _pages(body: bytes) -> list[str]:
    assert body.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


@pytest.mark.parametrize("unicode_font", [True, False])
def test_a_full_program_and_a_year_of_logs_fit_one_page(unicode_font: bool) -> None:
    report = full_report()
    assert len(report.motion) >= 8 and len(report.pain.during.points) == 365
    body = render_report(
        report,
        patient="Bartholomew Alexander Featherstonehaugh-Worthington the Third of Upper Ditton",
        program="Thoracic mobility, eight weeks",
        clinician="Sam",
        protocol_names=NAMES,
        unicode_font=unicode_font,
    )
    (text,) = _pages(body)
    words = " ".join(text.split())
    assert "Sessions done" in words and "Pain" in words and "Outcome measures" in words
    assert "better by 4 points: an important change" in words  # pain 7 → 3
    assert "may be measurement error" in words


def test_an_empty_report_says_what_is_missing() -> None:
    report = outcome_report(
        today=TODAY, start=None, planned=[], logs=[], usual_pain=None, answers=[],
        instruments=builtin_instruments(), measurements=[], protocols=CONTENT.protocols,
    )  # fmt: skip
    body = render_report(report, patient="Kim", program="", clinician="", protocol_names=NAMES)
    (text,) = _pages(body)
    words = " ".join(text.split())
    assert "No program started yet." in words and "No pain rated in sessions yet." in words
    assert "No outcome measures answered yet." in words and "No measurements yet." in words
