"""The everyday tools' services on SQLite and PostgreSQL: the history a person fixes (paged,
corrected, deleted, audited, the plan following) and the plan's settings changed in place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from tests.support.training import log_body, today

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.pauses import Pause
from midback.domain.profile import Surgery, SurgerySite
from midback.domain.session_moves import SessionMove, move_choices
from midback.domain.training import LogInput, MeasurementsInput
from midback.domain.vocabulary import Equipment, Position, Precaution
from midback.services import (
    assessments,
    clearances,
    data_export,
    log_edits,
    logs,
    pauses,
    plan_settings,
    progress,
    session_moves,
)
from midback.services.errors import Conflict, InvalidInput, NotFound
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security
from midback.storage.uow import Storage

from .test_training import member, started


def user(storage: Storage, user_id: int) -> User:
    with storage.unit_of_work(read_only=True) as uow:
        found = uow.users.get(user_id)
    assert found is not None
    return found


def log_on(storage: Storage, content: Content, user_id: int, days_ago: int, pain: int) -> int:
    body = LogInput.model_validate(log_body(today() - timedelta(days=days_ago), pain_during=pain))
    key = f"tools-{user_id}-{days_ago}"
    return logs.log_session(storage.unit_of_work(), content, user_id, body, key=key).log.id


def test_the_history_pages_newest_first(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    ids = [log_on(storage, builtin_content, user_id, days, 2) for days in range(25)]
    first = log_edits.history(storage.unit_of_work(read_only=True), user_id, 1)
    second = log_edits.history(storage.unit_of_work(read_only=True), user_id, 2)
    assert [log.id for log in first.logs] == ids[:20] and first.has_next
    assert [log.id for log in second.logs] == ids[20:] and not second.has_next
    assert second.logs[0].items  # the items come with each log


def test_a_correction_moves_the_plan_and_is_in_the_trail(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    log_id = log_on(storage, builtin_content, user_id, 1, 8)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    fixed = log_edits.correct_pain(
        storage.unit_of_work(), user(storage, user_id), log_id, during=1, next_day=0
    )
    assert (fixed.pain_during, fixed.pain_next_day) == (1, 0)
    stored = logs.get_log(storage.unit_of_work(), user_id, log_id)
    assert (stored.pain_during, stored.pain_next_day) == (1, 0)
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None and after is not None and after.version != before.version
    (entry,) = log_edits.changes_of(storage.unit_of_work(), user_id)
    assert entry.action == log_edits.CORRECTED and entry.actor_id == user_id
    day = (today() - timedelta(days=1)).isoformat()
    assert entry.detail == f"session of {day}: pain during 8 to 1, next morning none to 0"


def test_a_deleted_log_leaves_the_history_and_the_plan(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    kept = log_on(storage, builtin_content, user_id, 2, 2)
    mistake = log_on(storage, builtin_content, user_id, 1, 2)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    log_edits.delete_log(storage.unit_of_work(), user(storage, user_id), mistake)
    assert [log.id for log in logs.logs_of(storage.unit_of_work(), user_id)] == [kept]
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None and after is not None and after.version != before.version
    (entry,) = log_edits.changes_of(storage.unit_of_work(), user_id)
    assert entry.action == log_edits.DELETED


def test_nobody_fixes_anyone_elses_log(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    owner = started(storage, security, builtin_content)
    log_id = log_on(storage, builtin_content, owner, 1, 4)
    other = user(storage, member(storage, security, "eve@example.org"))
    with pytest.raises(NotFound):
        log_edits.correct_pain(storage.unit_of_work(), other, log_id, during=0, next_day=None)
    with pytest.raises(NotFound):
        log_edits.delete_log(storage.unit_of_work(), other, log_id)
    assert logs.get_log(storage.unit_of_work(), owner, log_id).pain_during == 4
    assert log_edits.changes_of(storage.unit_of_work(), owner) == []


def test_changed_settings_are_a_new_version_with_the_latest_readings(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    retest = MeasurementsInput.model_validate(
        {"measurements": [{"protocol": "seated_rotation", "side": "right", "degrees": 41}]}
    )
    assessments.add_measurements(
        storage.unit_of_work(), builtin_content, user_id, retest, recorded_by=user_id
    )
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    wanted = plan_settings.PlanSettings(
        10, 2, frozenset({Equipment.CHAIR}), frozenset({Position.PRONE, Position.SUPINE})
    )
    plan_settings.change_settings(storage.unit_of_work(), builtin_content, user_id, wanted)
    first, latest = assessments.assessments_of(storage.unit_of_work(), user_id)
    assert replace(plan_settings.settings_of(latest.profile), precautions=None) == wanted
    assert first.profile.red_flags == latest.profile.red_flags
    right = [
        m.degrees
        for m in latest.profile.measurements
        if (m.protocol, m.side.value) == ("seated_rotation", "right")
    ]
    assert right == [41]
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None and after is not None
    assert after.program.id == before.program.id and after.version != before.version
    ahead = [s for s in after.sessions if s.date >= today()]
    weeks_ahead = [[s for s in w.sessions if s.date >= today()] for w in after.plan.weeks[3:]]
    assert weeks_ahead and max(len(week) for week in weeks_ahead) <= 2
    positions = {builtin_content.exercises[i.exercise].position for s in ahead for i in s.items}
    assert not positions & {Position.PRONE, Position.SUPINE}
    # the weeks already lived keep what was planned then
    assert [s for s in after.sessions if s.date < today()] == [
        s for s in before.sessions if s.date < today()
    ]


def test_settings_need_an_assessment_and_valid_values(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    newcomer = member(storage, security, "new@example.org")
    wanted = plan_settings.PlanSettings(10, 3, frozenset(), frozenset())
    with pytest.raises(NotFound):
        plan_settings.change_settings(storage.unit_of_work(), builtin_content, newcomer, wanted)
    user_id = started(storage, security, builtin_content)
    too_long = plan_settings.PlanSettings(90, 3, frozenset(), frozenset())
    with pytest.raises(InvalidInput) as raised:
        plan_settings.change_settings(storage.unit_of_work(), builtin_content, user_id, too_long)
    assert [p.field for p in raised.value.fields] == ["minutes_per_day"]


def test_a_pause_holds_the_sessions_and_resuming_moves_them_past_it(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None
    start = today()
    pauses.pause(storage.unit_of_work(), user_id, start)
    with pytest.raises(Conflict):
        pauses.pause(storage.unit_of_work(), user_id, start)
    assert pauses.open_pause(storage.unit_of_work(), user_id) == Pause(start)
    paused = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert paused is not None
    assert all(s.date < start for s in paused.sessions)
    assert paused.sessions == [s for s in before.sessions if s.date < start]
    back = start + timedelta(days=7)
    pauses.resume(storage.unit_of_work(), user_id, back)
    assert pauses.open_pause(storage.unit_of_work(), user_id) is None
    resumed = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert resumed is not None and len(resumed.sessions) == len(before.sessions)
    assert not any(start <= s.date < back for s in resumed.sessions)
    moved = [s.date for s in resumed.sessions if s.date >= back]
    expected = [s.date + timedelta(days=7) for s in before.sessions if s.date >= start]
    assert moved == expected


def test_pausing_and_resuming_on_one_day_leaves_the_plan_as_it_was(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    pauses.pause(storage.unit_of_work(), user_id, today())
    pauses.resume(storage.unit_of_work(), user_id, today())
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None and after is not None
    assert [s.date for s in after.sessions] == [s.date for s in before.sessions]
    newcomer = member(storage, security, "n@example.org")
    assert pauses.pause_state(storage.unit_of_work(), newcomer) == (False, None)
    with pytest.raises(NotFound):
        pauses.pause(storage.unit_of_work(), newcomer, today())


def test_the_data_export_lists_the_pauses(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    pauses.pause(storage.unit_of_work(), user_id, today())
    data = data_export.export_person(storage.unit_of_work(), user(storage, user_id))
    ((program_id, pause),) = data.pauses
    assert pause == Pause(today()) and program_id == data.programs[0].id


def test_a_precaution_that_needs_clearing_holds_the_plan_and_keeps_the_past(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None and before.plan.status == "ok"
    current = plan_settings.current_settings(storage.unit_of_work(), user_id)
    care = plan_settings.Precautions(
        frozenset({Precaution.RECENT_SURGERY}), Surgery(site=SurgerySite.SPINE), None
    )
    wanted = replace(current, precautions=care)
    plan_settings.change_settings(storage.unit_of_work(), builtin_content, user_id, wanted)
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert after is not None and after.plan.status == "hold"
    assert not [s for s in after.sessions if s.date >= today()]
    assert after.sessions == [s for s in before.sessions if s.date < today()]
    report = clearances.screening_report(storage.unit_of_work(), builtin_content, user_id)
    assert report is not None and report.status == "hold"  # the same verdict as onboarding
    saved = plan_settings.current_settings(storage.unit_of_work(), user_id)
    assert saved.precautions == care


def first_ahead(storage: Storage, content: Content, plans: PlanCache, user_id: int) -> date:
    current = current_plan(storage.unit_of_work(), content, plans, user_id)
    assert current is not None
    return next(s.date for s in current.sessions if s.date >= today())


def test_a_skipped_session_leaves_the_plan_without_counting_as_missed(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None
    day = first_ahead(storage, builtin_content, plans, user_id)
    session_moves.skip(storage.unit_of_work(), builtin_content, plans, user_id, day, today())
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert after is not None
    assert day not in [s.date for s in after.sessions] and after.skipped == (day,)
    # adherence reads only what is still planned: nothing logged, and the skip is not missed
    report = progress.build_report(after, [], [], builtin_content, day + timedelta(days=1))
    kept = progress.build_report(before, [], [], builtin_content, day + timedelta(days=1))
    assert sum(w.planned for w in report.weeks) == sum(w.planned for w in kept.weeks) - 1
    with pytest.raises(InvalidInput):  # in the past now
        session_moves.skip(
            storage.unit_of_work(), builtin_content, plans, user_id, day, day + timedelta(days=1)
        )


def test_a_session_moves_within_its_week_onto_a_free_day(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert before is not None
    dates = [s.date for s in before.sessions]
    start = before.program.start_date
    day = next(d for d in dates if d >= today() and move_choices(d, dates, start, today()))
    first, *others = move_choices(day, dates, start, today())
    session_moves.move(storage.unit_of_work(), builtin_content, plans, user_id, day, first, today())
    after = current_plan(storage.unit_of_work(), builtin_content, plans, user_id)
    assert after is not None
    moved = next(s for s in after.sessions if s.date == first)
    assert day not in [s.date for s in after.sessions]
    assert moved.items == next(s for s in before.sessions if s.date == day).items
    taken = next(d for d in dates if d > day)
    with pytest.raises(InvalidInput):  # a day that has a session
        session_moves.move(
            storage.unit_of_work(), builtin_content, plans, user_id, first, taken, today()
        )
    with pytest.raises(InvalidInput):  # into the past
        session_moves.move(
            storage.unit_of_work(),
            builtin_content,
            plans,
            user_id,
            first,
            today() - timedelta(days=1),
            today(),
        )
    with storage.unit_of_work(read_only=True) as uow:
        program = uow.programs.current(user_id)
        assert program is not None
        assert uow.session_moves.of_program(program.id) == [SessionMove(day, first)]
    if others:  # moved again: still one change of the day it was planned on
        session_moves.move(
            storage.unit_of_work(), builtin_content, plans, user_id, first, others[0], today()
        )
        with storage.unit_of_work(read_only=True) as uow:
            assert uow.session_moves.of_program(program.id) == [SessionMove(day, others[0])]


def test_the_data_export_lists_the_skipped_sessions(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans = PlanCache()
    day = first_ahead(storage, builtin_content, plans, user_id)
    session_moves.skip(storage.unit_of_work(), builtin_content, plans, user_id, day, today())
    data = data_export.export_person(storage.unit_of_work(), user(storage, user_id))
    ((program_id, move),) = data.session_moves
    assert move == SessionMove(day) and program_id == data.programs[0].id
