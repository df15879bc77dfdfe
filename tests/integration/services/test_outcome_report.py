"""The clinician's outcome report on SQLite and PostgreSQL: only the linked clinician reads it,
each read is in the patient's trail, its figures come from what was stored, and a full program
with a year of logs prints on one page."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from tests.support.training import log_body, profile, today

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.outcomes import OutcomeInput, Timepoint
from midback.domain.profile import Measurement, Side
from midback.domain.training import LogInput, MeasurementsInput, ProgramRequest
from midback.services import (
    accounts,
    assessments,
    logs,
    names,
    outcome_report,
    outcomes,
    programs,
    sharing,
)
from midback.services.errors import Forbidden, NotFound
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.storage.uow import Storage

PASSWORD = "a long and rare passphrase"
PROGRAM_DAYS = 60
"""The program started this long ago: all of its eight weeks are due."""


def _make(storage: Storage, security: Security, email: str, role: Role = Role.MEMBER) -> User:
    return accounts.create_user(
        storage.unit_of_work(), security, email=email, password=PASSWORD, role=role
    )


def _patient(storage: Storage, security: Security, content: Content, doc: User) -> User:
    """A patient with a name, an eight-week program started two months ago, linked to `doc`."""
    pat = _make(storage, security, "pat@example.org")
    names.set_display_name(storage.unit_of_work(), pat.id, "Pat Lee")
    body = profile(days_ago=PROGRAM_DAYS)
    assessments.save_assessment(storage.unit_of_work(), content, pat.id, body, recorded_by=pat.id)
    programs.create_program(
        storage.unit_of_work(), content, pat.id, ProgramRequest(), today=today()
    )
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    sharing.redeem_invite(storage.unit_of_work(), pat, code)
    return pat


def _log(storage: Storage, content: Content, user_id: int, days_ago: int, pain: int) -> None:
    day = today() - timedelta(days=days_ago)
    body = LogInput.model_validate(log_body(day, pain_during=pain, pain_next_day=max(pain - 1, 0)))
    logs.log_session(storage.unit_of_work(), content, user_id, body, key=f"r-{days_ago}")


def _answer(storage: Storage, content: Content, pat: User, when: Timepoint, nprs: int) -> None:
    day = today() - timedelta(days=PROGRAM_DAYS - 7 * when.week)
    answers = [OutcomeInput(instrument="nprs", timepoint=when, taken_on=day, score=nprs)]
    if when is not Timepoint.BASELINE:
        answers.append(OutcomeInput(instrument="groc", timepoint=when, taken_on=day, score=3))
    outcomes.record_outcomes(
        storage.unit_of_work(), content, PlanCache(), pat.id, answers,
        recorded_by=pat.id, today=today(),
    )  # fmt: skip


@pytest.fixture
def doc(storage: Storage, security: Security) -> User:
    return _make(storage, security, "doc@example.org", Role.CLINICIAN)


def test_the_report_holds_the_stored_figures_and_is_audited(
    storage: Storage, security: Security, builtin_content: Content, doc: User
) -> None:
    pat = _patient(storage, security, builtin_content, doc)
    for days_ago in range(0, PROGRAM_DAYS, 2):
        _log(storage, builtin_content, pat.id, days_ago, 2 if days_ago < 10 else 5)
    _answer(storage, builtin_content, pat, Timepoint.BASELINE, 6)
    _answer(storage, builtin_content, pat, Timepoint.WEEK_4, 5)
    _answer(storage, builtin_content, pat, Timepoint.WEEK_8, 3)
    later = [Measurement(protocol="seated_rotation", side=s, degrees=d)
             for s, d in ((Side.LEFT, 46), (Side.RIGHT, 27))]  # fmt: skip
    assessments.add_measurements(
        storage.unit_of_work(), builtin_content, pat.id, MeasurementsInput(measurements=later),
        recorded_by=pat.id,
    )  # fmt: skip
    found = outcome_report.patient_report(
        storage.unit_of_work(), builtin_content, PlanCache(), doc, pat.id, today()
    )
    assert found.patient == "Pat Lee" and found.program_name
    report = found.report
    adherence = report.adherence
    assert adherence is not None and len(adherence.weeks) == 8
    assert adherence.planned == sum(w.planned for w in adherence.weeks)
    assert 0 < adherence.done <= adherence.due <= adherence.planned
    assert report.pain.usual == 3 and report.pain.during.trend == "improving"
    assert report.pain.above_usual == 25  # every five: the sessions 10 or more days ago
    nprs, groc = (r for r in report.outcomes if r.instrument in ("nprs", "groc"))
    assert [(c.score, c.change, c.passes) for c in nprs.cells] == [
        (6, None, None),
        (5, -1, False),
        (3, -3, True),
    ]
    assert [c.passes for c in groc.cells] == [None, True, True]
    motion = {(m.protocol, m.side): m for m in report.motion}
    left = motion[("seated_rotation", Side.LEFT)]
    right = motion[("seated_rotation", Side.RIGHT)]
    assert (left.change, left.within_error, right.change, right.within_error) == (
        8,
        False,
        3,
        True,
    )
    trail = sharing.audit_trail(storage.unit_of_work(), pat)
    assert trail[0].action == "clinician.read" and trail[0].actor_id == doc.id
    assert trail[0].detail == outcome_report.READ_DETAIL


def test_only_the_linked_clinician_reads_the_report(
    storage: Storage, security: Security, builtin_content: Content, doc: User
) -> None:
    pat = _patient(storage, security, builtin_content, doc)
    other = _make(storage, security, "other-doc@example.org", Role.CLINICIAN)
    with pytest.raises(NotFound):
        outcome_report.patient_report(
            storage.unit_of_work(), builtin_content, PlanCache(), other, pat.id, today()
        )
    with pytest.raises(Forbidden):
        outcome_report.patient_report(
            storage.unit_of_work(), builtin_content, PlanCache(), pat, pat.id, today()
        )
    assert not [e for e in sharing.audit_trail(storage.unit_of_work(), pat) if e.actor_id != pat.id]


def test_a_full_program_with_a_year_of_logs_prints_on_one_page(
    storage: Storage, security: Security, builtin_content: Content, doc: User
) -> None:
    pat = _patient(storage, security, builtin_content, doc)
    for days_ago in range(365):
        _log(storage, builtin_content, pat.id, days_ago, days_ago % 8)
    for when, score in ((Timepoint.BASELINE, 7), (Timepoint.WEEK_4, 5), (Timepoint.WEEK_8, 2)):
        _answer(storage, builtin_content, pat, when, score)
    found = outcome_report.patient_report(
        storage.unit_of_work(), builtin_content, PlanCache(), doc, pat.id, today()
    )
    body = outcome_report.report_pdf(found, builtin_content, doc)
    assert body.startswith(b"%PDF-")
    pdf = PdfReader(io.BytesIO(body))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Pat Lee" in text and "pat@example.org" not in text
    assert "Sessions done" in text and "Outcome measures" in text
    assert "A change smaller than 6° may be measurement error." in " ".join(text.split())
