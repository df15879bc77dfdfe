"""The outcome report's figures: adherence over the whole program, pain against the usual pain,
outcome measures against their important change, range of motion against measurement error."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from midback.content.instruments import builtin_instruments
from midback.content.loader import load_content
from midback.domain.outcome_report import (
    error_words,
    motion_words,
    outcome_report,
    outcome_rows,
    pain_summary,
    week_adherence,
)
from midback.domain.outcomes import OutcomeRecord, Timepoint
from midback.domain.profile import Side
from midback.domain.training import MeasurementRecord, SessionLog

START = date(2026, 3, 2)  # a Monday
PLANNED = [START + timedelta(days=7 * w + d) for w in range(8) for d in (0, 2, 4)]
"""Eight weeks, three sessions a week."""
AT = datetime(2026, 3, 1, tzinfo=UTC)
INSTRUMENTS = builtin_instruments()


def log(day: date, pain: int | None = 2, next_day: int | None = None) -> SessionLog:
    """A completed session on `day`."""
    return SessionLog(
        id=day.toordinal(), user_id=1, session_date=day, planned_session=None, program_ref=None,
        routine_id=None, completed=True, pain_during=pain, pain_next_day=next_day, difficulty=3,
        note="", created_at=AT, items=(), idempotency_key=str(day), request_hash="",
    )  # fmt: skip


def answer(instrument: str, score: float, timepoint: Timepoint) -> OutcomeRecord:
    day = START + timedelta(weeks=timepoint.week)
    return OutcomeRecord(
        id=day.toordinal() * 10 + len(instrument), instrument=instrument, timepoint=timepoint,
        taken_on=day, score=score, activities=[], recorded_by=1, recorded_at=AT,
    )  # fmt: skip


def test_adherence_counts_every_program_week_with_the_ones_still_to_come() -> None:
    # Weeks 1-2 all done, week 3 one of three, today is the Monday of week 4.
    done = [*PLANNED[:6], PLANNED[7]]
    found = week_adherence(START, PLANNED, [log(d) for d in done], today=START + timedelta(21))
    assert [(w.week, w.planned, w.due, w.done, w.percent) for w in found.weeks[:4]] == [
        (1, 3, 3, 3, 100),
        (2, 3, 3, 3, 100),
        (3, 3, 3, 1, 33),
        (4, 3, 0, 0, None),  # today's session is not due until it is done
    ]
    assert len(found.weeks) == 8 and found.weeks[-1].due == 0
    assert (found.planned, found.due, found.done, found.percent) == (24, 9, 7, 78)


def test_logs_before_the_program_do_not_count_as_its_sessions() -> None:
    early = [log(START - timedelta(days=d)) for d in range(1, 30)]
    found = week_adherence(START, PLANNED, early, today=START + timedelta(days=7))
    assert (found.due, found.done, found.percent) == (3, 0, 0)


@given(st.sets(st.integers(min_value=-40, max_value=120), max_size=60), st.integers(0, 90))
def test_done_never_exceeds_due_nor_due_planned(offsets: set[int], elapsed: int) -> None:
    logs = [log(START + timedelta(days=d)) for d in sorted(offsets)]
    found = week_adherence(START, PLANNED, logs, today=START + timedelta(days=elapsed))
    assert 0 <= found.done <= found.due <= found.planned == len(PLANNED)
    assert all(w.done <= w.planned for w in found.weeks)
    assert sum(w.planned for w in found.weeks) == len(PLANNED)


def test_pain_against_the_usual_pain() -> None:
    pains = [(5, 4), (5, 5), (4, 4), (3, 2), (2, 2), (2, 1)]
    logs = [log(START + timedelta(days=i), p, n) for i, (p, n) in enumerate(pains)]
    found = pain_summary(logs, usual=4)
    assert found.usual == 4 and found.above_usual == 2  # the two fives
    assert (found.during.earlier_average, found.during.recent_average) == (4.7, 2.3)
    assert found.during.trend == "improving"
    assert (found.next_day_earlier, found.next_day_recent, found.next_day_trend) == (
        4.3,
        1.7,
        "improving",
    )
    assert pain_summary(logs, usual=None).above_usual == 0


def test_outcome_measures_against_their_important_change() -> None:
    answers = [
        answer("nprs", 6, Timepoint.BASELINE),
        answer("nprs", 5, Timepoint.WEEK_4),  # 1 point: below 30 % of 6 (1.8)
        answer("nprs", 3, Timepoint.WEEK_8),  # 3 points: an important change
        answer("psfs", 4, Timepoint.BASELINE),
        answer("psfs", 2, Timepoint.WEEK_8),  # worse by 2, PSFS's change of 2
        answer("groc", 1, Timepoint.WEEK_4),
        answer("groc", 3, Timepoint.WEEK_8),
    ]
    nprs, psfs, groc = outcome_rows(answers, INSTRUMENTS)
    assert nprs.threshold == 1.8
    assert [(c.score, c.change, c.passes) for c in nprs.cells] == [
        (6, None, None),
        (5, -1, False),
        (3, -3, True),
    ]
    assert nprs.cells[1].words == "changed by less than 1.8 points: not yet an important change"
    assert nprs.cells[2].words == "better by 3 points: an important change (needs 1.8 points)"
    assert [(c.score, c.passes) for c in psfs.cells] == [(4, None), (None, None), (2, False)]
    assert psfs.cells[1].words == "not answered"
    assert psfs.cells[2].words.startswith("worse by 2 points: an important worsening")
    assert groc.threshold == 2
    assert [(c.score, c.passes) for c in groc.cells] == [(None, None), (1, False), (3, True)]
    assert groc.cells[2].words == "feels better: an important change (2 or more)"


def test_a_later_answer_without_a_baseline_is_not_judged() -> None:
    (row,) = outcome_rows([answer("nprs", 3, Timepoint.WEEK_4)], INSTRUMENTS)
    assert row.threshold is None and row.cells[1].passes is None
    assert row.cells[1].words == "no answer before the program to compare with"


def measured(degrees: float, days: int, side: Side = Side.LEFT) -> MeasurementRecord:
    return MeasurementRecord(
        id=days + (100 if side is Side.RIGHT else 0), user_id=1, protocol="seated_rotation",
        side=side, degrees=degrees, taken_at=AT + timedelta(days=days), recorded_by=1,
        assessment_id=None,
    )  # fmt: skip


def test_range_of_motion_against_the_first_reading_and_its_error() -> None:
    report = outcome_report(
        today=START + timedelta(days=60),
        start=START,
        planned=PLANNED,
        logs=[],
        usual_pain=3,
        answers=[],
        instruments=INSTRUMENTS,
        measurements=[
            measured(30, 0),
            measured(34, 56),
            measured(30, 0, Side.RIGHT),
            measured(40, 56, Side.RIGHT),
        ],  # fmt: skip
        protocols=load_content().protocols,
    )
    left, right = report.motion
    assert (left.change, left.within_error) == (4, True)
    assert (right.change, right.within_error) == (10, False)
    assert error_words(left) == "A change smaller than 6° may be measurement error."
    assert motion_words(left) == "Within the error: not a change yet."
    assert motion_words(right) == "Gained 10°: a real change."
    assert report.adherence is not None and report.adherence.done == 0
