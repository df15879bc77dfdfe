"""Outcome measures: answers checked against the instrument, the MIC band's arithmetic, the
verdicts, and when each check-in is due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from midback.content.instruments import builtin_instruments
from midback.domain.outcome_schedule import due_check_in, open_window, windows
from midback.domain.outcome_series import important_change, outcome_series
from midback.domain.outcomes import (
    ActivityScore,
    OutcomeInput,
    OutcomeRecord,
    Timepoint,
    answer_problems,
    score_of,
)

INSTRUMENTS = builtin_instruments()
NPRS, PSFS, GROC = INSTRUMENTS["nprs"], INSTRUMENTS["psfs"], INSTRUMENTS["groc"]
START = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _items(*scores: int) -> list[ActivityScore]:
    return [ActivityScore(activity=f"Activity {n}", score=s) for n, s in enumerate(scores)]


def _record(
    instrument: str, score: float, day: date, timepoint: Timepoint, *items: ActivityScore
) -> OutcomeRecord:
    return OutcomeRecord(
        id=day.toordinal(), instrument=instrument, timepoint=timepoint, taken_on=day,
        score=score, activities=list(items), recorded_by=1, recorded_at=AT,
    )  # fmt: skip


def test_the_builtin_instruments_carry_their_mic_sources_and_codes() -> None:
    assert list(INSTRUMENTS) == ["nprs", "psfs", "groc"]
    assert (NPRS.mic.points, NPRS.mic.percent, NPRS.mic.floor) == (2, 30, 1)
    assert (PSFS.mic.points, PSFS.mic.item_points) == (2, 3)
    assert NPRS.loinc is not None and NPRS.loinc.code == "72514-3"
    assert all("clinical-facts §8" in i.mic_source for i in (NPRS, PSFS))
    assert GROC.timepoints == [Timepoint.WEEK_4, Timepoint.WEEK_8]
    assert PSFS.activities is not None and (PSFS.activities.min, PSFS.activities.max) == (3, 5)
    # No licensed wording: the NDI is not shipped, and questions are in midback's own words.
    assert "ndi" not in INSTRUMENTS
    assert not any("neck disability" in i.question.lower() for i in INSTRUMENTS.values())


@pytest.mark.parametrize(
    ("start", "threshold"),
    [(8, 2), (6, 1.8), (4, 1.2), (3, 1), (0, 1), (10, 2)],
)
def test_the_pain_rating_needs_2_points_or_30_percent_never_under_1(
    start: float, threshold: float
) -> None:
    assert important_change(NPRS, start) == threshold


def test_activities_and_the_rating_of_change_use_fixed_points() -> None:
    assert important_change(PSFS, 2) == important_change(PSFS, 9) == 2
    assert important_change(GROC, 0) == 2


@given(st.integers(min_value=0, max_value=10))
def test_the_pain_band_is_never_wider_than_2_nor_narrower_than_1(start: int) -> None:
    assert 1 <= important_change(NPRS, start) <= 2


@pytest.mark.parametrize(
    ("answer", "fields"),
    [
        ({"instrument": "nprs", "score": 4}, []),
        ({"instrument": "nprs", "score": 11}, ["score"]),
        ({"instrument": "nprs"}, ["score"]),
        ({"instrument": "nprs", "score": 3, "activities": []}, ["activities"]),
        ({"instrument": "groc", "score": -5, "timepoint": "week_4"}, []),
        ({"instrument": "groc", "score": 2, "timepoint": "baseline"}, ["timepoint"]),
        (
            {"instrument": "psfs", "activities": [{"activity": "a", "score": 1}] * 2},
            ["activities", "activities.1.activity"],
        ),
        ({"instrument": "psfs", "score": 4}, ["score", "activities"]),
    ],
)
def test_answers_are_checked_against_their_instrument(
    answer: dict[str, object], fields: list[str]
) -> None:
    parsed = OutcomeInput.model_validate(answer)
    found = [field for field, _ in answer_problems(parsed, INSTRUMENTS[parsed.instrument])]
    assert found == fields


def test_activities_need_names_and_scores_in_range() -> None:
    items = [
        {"activity": "Reversing the car", "score": 3},
        {"activity": " reversing  the CAR ", "score": 4},
        {"activity": "   ", "score": 11},
    ]
    answer = OutcomeInput.model_validate({"instrument": "psfs", "activities": items})
    assert answer_problems(answer, PSFS) == [
        ("activities.1.activity", "this activity is listed twice"),
        ("activities.2.activity", "say what the activity is in 1 to 80 characters"),
        ("activities.2.score", "must be from 0 to 10"),
    ]


def test_the_activities_score_is_their_average() -> None:
    answer = OutcomeInput(instrument="psfs", activities=_items(3, 5, 4, 5))
    assert score_of(answer, PSFS) == 4.2


def test_a_pain_drop_of_3_from_7_is_important_but_1_is_not() -> None:
    base = _record("nprs", 7, START, Timepoint.BASELINE)
    small = _record("nprs", 6, START + timedelta(days=27), Timepoint.WEEK_4)
    (series,) = outcome_series([base, small], INSTRUMENTS)
    assert (series.band_centre, series.band_half_width, series.change) == (7, 2, -1)
    assert series.verdict.startswith("Within 2 points of your first answer")
    big = _record("nprs", 4, START + timedelta(days=55), Timepoint.WEEK_8)
    (series,) = outcome_series([big, small, base], INSTRUMENTS)
    assert [p.score for p in series.points] == [7, 6, 4] and series.change == -3
    assert series.verdict.startswith("Less pain than at the start, by 3 points")


def test_worse_activities_are_called_so_and_each_activity_has_its_own_mic() -> None:
    base = _record("psfs", 5, START, Timepoint.BASELINE, *_items(5, 5, 5))
    later_items = [
        ActivityScore(activity="activity 0", score=2),
        ActivityScore(activity="Activity 1", score=4),
        ActivityScore(activity="Something new", score=1),
    ]
    later = _record("psfs", 2.3, START + timedelta(days=27), Timepoint.WEEK_4, *later_items)
    (series,) = outcome_series([base, later], INSTRUMENTS)
    assert series.change == -2.7 and "Worse than at the start" in series.verdict
    assert "Tell your clinician" in series.verdict
    assert [(a.activity, a.change, a.important) for a in series.activities] == [
        ("activity 0", -3, True),
        ("Activity 1", -1, False),
    ]


def test_the_rating_of_change_is_read_around_about_the_same() -> None:
    (series,) = outcome_series([_record("groc", 3, START, Timepoint.WEEK_4)], INSTRUMENTS)
    assert (series.band_centre, series.band_half_width, series.change) == (0, 2, 3)
    assert "improved" in series.verdict
    (flat,) = outcome_series([_record("groc", -1, START, Timepoint.WEEK_4)], INSTRUMENTS)
    assert flat.verdict.startswith("About the same")


def test_one_answer_has_no_change_yet() -> None:
    (series,) = outcome_series([_record("nprs", 5, START, Timepoint.BASELINE)], INSTRUMENTS)
    assert series.change is None and series.verdict.startswith("One answer so far")


def test_windows_follow_the_measure_days_or_the_end_of_the_week() -> None:
    baseline, week_4, week_8 = windows(START, {4: START + timedelta(days=24)})
    assert (baseline.opens, baseline.closes) == (None, START + timedelta(days=14))
    assert (week_4.opens, week_4.closes) == (START + timedelta(days=24), START + timedelta(days=45))
    assert week_8.opens == START + timedelta(days=53)  # three days before week 8 ends


@given(st.integers(min_value=-30, max_value=120))
def test_at_most_one_window_is_open_on_any_day(offset: int) -> None:
    day = START + timedelta(days=offset)
    found = [
        w for w in windows(START, {})
        if (w.opens is None or w.opens <= day) and day < w.closes
    ]  # fmt: skip
    assert len(found) <= 1
    assert open_window(START, {}, day) == (found[0] if found else None)


def test_what_is_due_is_what_the_timepoint_asks_and_was_not_answered() -> None:
    asked = list(INSTRUMENTS.values())
    first = due_check_in(START, {}, START, asked, set())
    assert first is not None and first.timepoint is Timepoint.BASELINE
    assert first.instruments == ["nprs", "psfs"]
    assert due_check_in(START, {}, START + timedelta(days=14), asked, set()) is None
    week_4 = START + timedelta(days=26)
    answered = {("nprs", Timepoint.WEEK_4)}
    due = due_check_in(START, {}, week_4, asked, answered)
    assert due is not None and due.instruments == ["psfs", "groc"]
    everything = {(i, Timepoint.WEEK_4) for i in ("nprs", "psfs", "groc")}
    assert due_check_in(START, {}, week_4, asked, everything) is None
