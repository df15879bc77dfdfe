"""The planner's rules 1–4 and 8 (issue 3), many as properties over generated profiles."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.feedback import FeedbackEntry
from midback.domain.library import ExerciseLibrary
from midback.domain.pathways import ActivePathways
from midback.domain.plan import Plan
from midback.domain.planner import make_plan
from midback.domain.planner.eligibility import exclusion_of
from midback.domain.profile import Profile
from midback.domain.vocabulary import Equipment, Precaution

from ...support.planning import (
    TODAY,
    exercise,
    feedback,
    items,
    library,
    plan_for,
    profile,
    profiles,
    program,
    protocols,
    red_flag_sets,
    safety,
)


def pathways_of(person: Profile) -> ActivePathways:
    """The condition pathways in effect for `person`."""
    return ActivePathways(safety().pathways.values(), person, person.precautions)


FEW = settings(max_examples=25, deadline=None)


# Rule 1: the health screen refers (emergency, urgent) or holds (see a clinician), with reasons
# that point to a clinician, and never a program; tests/unit/domain/test_screening.py has more.
@FEW
@given(flags=red_flag_sets)
def test_a_blocking_screen_answer_gives_no_sessions(flags: list[str]) -> None:
    plan = plan_for(profile(red_flags=flags, measurements=[], age=40, pain={"current": 2}))
    if plan.status == "ok":
        assert plan.screening.tier in ("ok", "precaution")
        return
    assert plan.weeks == []
    assert len(plan.reasons) == len(plan.screening.outcomes) - _cleared_or_mild(plan) + 1
    assert "clinician has cleared you" in plan.reasons[-1]


def _cleared_or_mild(plan: Plan) -> int:
    mild = ("ok", "precaution")
    return sum(o.cleared_on is not None or o.tier in mild for o in plan.screening.outcomes)


def test_a_referral_still_reports_the_assessment() -> None:
    person = profile(
        red_flags=["night_or_rest_pain"],
        measurements=[{"protocol": "ext", "side": "both", "degrees": 10}],
    )
    plan = plan_for(person)
    assert plan.assessment.findings[0].limited
    assert "night" in plan.reasons[0]


# Rule 2: only exercises the person can do.
@FEW
@given(person=profiles())
def test_every_planned_exercise_is_doable(person: Profile) -> None:
    plan = plan_for(person)
    exercises = library()
    for item in items(plan):
        e = exercises[item.exercise]
        assert exclusion_of(e, person, program(), pathways_of(person)) is None
        assert set(e.equipment) <= set(person.equipment)
        assert e.position not in person.positions_to_avoid


def test_osteoporosis_leaves_out_avoided_and_loaded_exercises() -> None:
    everything = list(Equipment)
    with_osteoporosis = plan_for(profile(equipment=everything, precautions=["osteoporosis"]))
    without = plan_for(profile(equipment=everything, minutes_per_day=60, days_per_week=7))
    used = {i.exercise for i in items(with_osteoporosis)}
    assert "mobility-extension-supine-3" in {i.exercise for i in items(without)}
    assert "mobility-extension-supine-3" not in used  # uses a weight
    assert "mobility-rotation-half-kneeling-3" not in used  # precaution says avoid
    assert any("Bone health" in r for r in with_osteoporosis.reasons)


def test_weight_is_out_with_osteoporosis_even_without_a_precaution_rule() -> None:
    loaded = exercise("loaded-reach", equipment=["weight"])
    person = profile(equipment=["weight"], precautions=["osteoporosis"])
    assert exclusion_of(loaded, person, program(), pathways_of(person)) == "precaution"
    plain = profile(equipment=["weight"])
    assert exclusion_of(loaded, plain, program(), pathways_of(plain)) is None


def test_modify_precautions_show_their_note() -> None:
    only_careful = ExerciseLibrary(
        e
        for e in library().values()
        if "side_bending" not in e.targets or e.id == "careful-side-bend"
    )
    person = profile(precautions=["hypermobility"])
    careful = [
        i
        for i in items(plan_for(person, exercises=only_careful))
        if i.exercise == "careful-side-bend"
    ]
    assert careful and all(i.notes == ["hypermobility: Stay mid-range."] for i in careful)
    others = [
        i
        for i in items(plan_for(person, exercises=only_careful))
        if i.exercise != "careful-side-bend"
    ]
    assert all(i.notes == [] for i in others)


def test_exercises_needing_a_modification_come_after_plain_ones() -> None:
    person = profile(precautions=["hypermobility"])
    assert "careful-side-bend" not in {i.exercise for i in items(plan_for(person))}
    assert "careful-side-bend" in {i.exercise for i in items(plan_for(profile()))}


def test_a_program_limited_to_positions_uses_only_those() -> None:
    desk = program(positions=["sitting"])
    plan = plan_for(profile(), template=desk)
    assert {library()[i.exercise].position for i in items(plan)} == {"sitting"}


def test_too_few_exercises_is_said_in_reasons_not_a_crash() -> None:
    person = profile(positions_to_avoid=["standing", "sitting", "quadruped", "supine"])
    plan = plan_for(person)
    assert plan.status == "ok"
    assert plan.weeks == []
    assert any("Too few exercises" in r for r in plan.reasons)


def test_a_part_nothing_fits_is_left_out_with_a_reason() -> None:
    exercises = [e for e in library().values() if e.kind != "control"]
    plan = plan_for(profile(), exercises=ExerciseLibrary(exercises))
    assert plan.weeks
    assert any("No exercise for 'Control'" in r for r in plan.reasons)
    assert {i.part for i in items(plan)} == {"warm_up", "mobility"}


# Rule 3: sessions fit the time and use most of it.
@settings(max_examples=40, deadline=None)
@given(person=profiles())
def test_sessions_fit_the_budget_and_use_most_of_it(person: Profile) -> None:
    plan = plan_for(person)
    minutes = person.minutes_per_day
    for session in plan.sessions():
        assert 0.6 * minutes <= session.estimated_minutes <= minutes


def test_estimated_minutes_is_the_honest_sum_of_the_doses() -> None:
    from midback.domain.planner.dosing import TRANSITION_SECONDS

    plan = plan_for(profile())
    exercises = library()
    for session in plan.sessions()[:6]:
        seconds = 0.0
        for item in session.items:
            dose = exercises[item.exercise].dose.model_copy(
                update={"sets": item.sets, "reps": item.reps, "hold_s": item.hold_s}
            )
            seconds += dose.seconds(1)
        seconds += TRANSITION_SECONDS * len({i.exercise for i in session.items})
        assert session.estimated_minutes == round(seconds / 60, 1)


def test_a_program_session_length_caps_the_budget() -> None:
    plan = plan_for(profile(minutes_per_day=45), template=program(session_minutes=10))
    assert all(6 <= s.estimated_minutes <= 10 for s in plan.sessions())


def test_sessions_too_short_for_the_budget_are_explained() -> None:
    few = ExerciseLibrary(
        [e for e in library().values() if e.position == "standing" and e.level == 1][:5]
    )
    plan = plan_for(profile(minutes_per_day=60), exercises=few)
    assert any(s.estimated_minutes < 36 for s in plan.sessions())
    assert any("shorter than 60%" in r for r in plan.reasons)


# Rule 4: exactly days_per_week sessions in each of 8 weeks, spread out, from start_date.
@FEW
@given(person=profiles())
def test_days_per_week_sessions_in_each_of_eight_spread_weeks(person: Profile) -> None:
    plan = plan_for(person)
    days = person.days_per_week
    start = person.start_date
    assert [w.week for w in plan.weeks] == list(range(1, 9))
    for index, week in enumerate(plan.weeks):
        dates = [s.date for s in week.sessions]
        assert len(dates) == days == len(set(dates))
        first = start + timedelta(days=7 * index)
        assert all(first <= d < first + timedelta(days=7) for d in dates)
        offsets = [(d - first).days for d in dates] + [7]
        gaps = [b - a for a, b in zip(offsets, offsets[1:], strict=False)]
        if days > 1:
            gaps[-1] += offsets[0]
        assert max(gaps) - min(gaps) <= 1


def test_without_start_date_the_program_starts_on_the_given_today() -> None:
    person = profile(start_date=None)
    plan = make_plan(
        person,
        [],
        program=program(),
        library=library(),
        protocols=protocols(),
        today=TODAY,
        safety=safety(),
    )
    assert plan.sessions()[0].date == TODAY


# Rule 8: deterministic.
@FEW
@given(person=profiles(), shuffle=st.randoms(use_true_random=False))
def test_the_same_input_gives_byte_identical_json(person: Profile, shuffle: Random) -> None:
    entries = _some_feedback(person.start_date)
    first = plan_for(person, entries).model_dump_json()
    reordered = list(entries)
    shuffle.shuffle(reordered)
    exercises = list(library().values())
    shuffle.shuffle(exercises)
    again = plan_for(person, reordered, exercises=ExerciseLibrary(exercises))
    assert again.model_dump_json() == first


def _some_feedback(day: date) -> list[FeedbackEntry]:
    return feedback(
        {"date": day, "completed": True, "pain_during": 2, "difficulty": 3},
        {"date": day + timedelta(days=1), "completed": True, "pain_during": 7, "difficulty": 6},
        {"date": day + timedelta(days=3), "completed": False},
    )


def test_precaution_vocabulary_is_covered_by_pathways() -> None:
    assert set(safety().pathways) == {p.value for p in Precaution}
