"""Folding one day's logs into one entry: done if any was, the highest ratings win."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from midback.domain.day_entry import day_entry, highest
from midback.domain.planner.tolerance import tolerated
from midback.domain.profile import Measurement, RedFlag, Side
from midback.domain.progress import counts_as_done
from midback.domain.training import LogItemInput, SessionLog

DAY = date(2026, 3, 4)


def log(
    *,
    completed: bool = True,
    pain: int | None = 2,
    next_day: int | None = None,
    difficulty: int | None = 3,
    painful: tuple[str, ...] = (),
    symptoms: tuple[RedFlag, ...] = (),
    seen: bool = False,
) -> SessionLog:
    """A log on DAY."""
    items = tuple(
        LogItemInput(exercise=name, sets_done=1, reps_done=5, painful=True) for name in painful
    )
    return SessionLog(
        id=1,
        user_id=1,
        session_date=DAY,
        planned_session=None,
        program_ref=None,
        routine_id=None,
        completed=completed,
        pain_during=pain,
        pain_next_day=next_day,
        difficulty=difficulty,
        note="",
        created_at=datetime(2026, 3, 4, tzinfo=UTC),
        items=items,
        idempotency_key="k",
        request_hash="",
        new_symptoms=symptoms,
        seen_clinician=seen,
    )


def test_the_highest_pain_and_difficulty_of_the_day_win_in_either_order() -> None:
    mild, sore = log(pain=1, next_day=2, difficulty=2), log(pain=6, next_day=4, difficulty=7)
    for logs in ([mild, sore], [sore, mild]):
        entry = day_entry(DAY, logs)
        assert (entry.pain_during, entry.pain_next_day, entry.difficulty) == (6, 4, 7)
        assert entry.too_painful(baseline_pain=0)  # the sore session decides, not the mild one


def test_a_missing_rating_never_hides_a_given_one() -> None:
    entry = day_entry(DAY, [log(next_day=None), log(next_day=5)])
    assert entry.pain_next_day == 5
    assert highest([None, None]) is None
    assert highest([]) is None


def test_done_if_any_was_and_flags_are_gathered() -> None:
    missed = log(completed=False, pain=None, difficulty=None, symptoms=(RedFlag.NEW_PAIN,))
    done = log(painful=("open-book", "wall-angel"), seen=True)
    measured = [Measurement(protocol="seated_rotation", side=Side.LEFT, degrees=40)]
    entry = day_entry(DAY, [missed, done], measured)
    assert entry.completed and entry.seen_clinician
    assert entry.painful_exercises == ["open-book", "wall-angel"]
    assert entry.new_symptoms == [RedFlag.NEW_PAIN]
    assert entry.measurements == measured
    alone = day_entry(DAY, [missed])
    assert not alone.completed and not alone.seen_clinician and alone.pain_during is None


def test_an_unrated_finished_session_is_done_but_never_evidence_for_a_step_up() -> None:
    done = (LogItemInput(exercise="open-book", sets_done=2, reps_done=8),)
    unrated = replace(log(completed=False, pain=None, difficulty=None), items=done)
    assert counts_as_done(unrated)  # it keeps the streak and counts for adherence
    entry = day_entry(DAY, [unrated])
    assert not entry.completed and entry.pain_during is None
    assert not tolerated(entry, baseline_pain=0)  # no ratings, no step up


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=5))
def test_the_day_is_as_painful_as_its_worst_log(pains: list[int]) -> None:
    entry = day_entry(DAY, [log(pain=p) for p in pains])
    assert entry.pain_during in pains
    assert all(entry.pain_during >= p for p in pains)
