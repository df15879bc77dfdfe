"""One rule for the dates a record of logged sessions holds, shared by the export and the import."""

from __future__ import annotations

from datetime import date

from midback.domain.intake import logged_session_problems

TODAY = date(2026, 12, 7)


def test_past_days_today_and_tomorrow_are_fine() -> None:
    days = [date(2026, 12, 1), TODAY, date(2026, 12, 8)]
    assert logged_session_problems(days, TODAY, ("sessions",)) == []


def test_a_session_after_tomorrow_or_before_2000_is_refused_where_it_is() -> None:
    days = [date(2026, 12, 1), date(2026, 12, 27), date(1999, 12, 31)]
    problems = logged_session_problems(days, TODAY, ("feedback",))
    assert [p.loc for p in problems] == [("feedback", 1, "date"), ("feedback", 2, "date")]
    assert "2026-12-08" in problems[0].message


def test_one_day_twice_is_refused() -> None:
    problems = logged_session_problems([TODAY, TODAY], TODAY, ("sessions",))
    assert [(p.loc, p.message) for p in problems] == [
        (("sessions", 1, "date"), "another session is on this day")
    ]
