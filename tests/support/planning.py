"""Small, made-up content and profiles for planner tests: no dependence on the built-in library."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from midback.content.loader import load_content
from midback.domain.exercise import Exercise
from midback.domain.feedback import FeedbackEntry
from midback.domain.library import ExerciseLibrary
from midback.domain.pathways import Safety
from midback.domain.plan import Plan, PlanItem
from midback.domain.planner import make_plan
from midback.domain.profile import Profile, RedFlag, SurgerySite
from midback.domain.program import Program
from midback.domain.protocol import Protocol
from midback.domain.screening import Clearance
from midback.domain.vocabulary import Equipment, Position, Precaution

TODAY = date(2026, 3, 2)
START = date(2026, 12, 1)

MAIN_TARGETS = ["extension", "rotation", "shoulder_flexion", "side_bending"]
KINDS_BY_PART = {
    "warm_up": (["breathing", "activation"], ["breathing", "scapular_control"]),
    "mobility": (["mobility"], MAIN_TARGETS),
    "control": (["control"], ["core_control", "scapular_control"]),
}
PER_SIDE_TARGETS = {"rotation", "side_bending"}


def exercise(exercise_id: str, **overrides: Any) -> Exercise:
    """A valid exercise for tests; override any field."""
    data: dict[str, Any] = {
        "id": exercise_id,
        "name": f"Test {exercise_id}",
        "summary": "A made-up exercise for planner tests.",
        "kind": "mobility",
        "targets": ["extension"],
        "position": "standing",
        "equipment": [],
        "per_side": False,
        "steps": ["Get into position.", "Move slowly and come back."],
        "cues": ["Breathe out as you move."],
        "avoid": [{"fault": "Rushing the movement", "why": "Control matters more here."}],
        "dose": {"sets": 2, "reps": 8, "reps_max": 12, "rest_s": 20, "seconds_per_rep": 4},
        "level": 1,
        "sources": ["midback tests"],
    }
    data.update(overrides)
    if data["per_side"] and "directions" not in overrides:
        bend = data["targets"][0] == "side_bending"
        verb = "Bending" if bend else "Turning"
        data["directions"] = {
            "movement": "side_bend" if bend else "rotation",
            "drawn": "left",
            "left": f"{verb} to your left",
            "right": f"{verb} to your right",
        }
    return Exercise.model_validate(data)


def _family(part: str, target: str, position: str, level: int, **extra: Any) -> Exercise:
    kinds, _ = KINDS_BY_PART[part]
    kind = kinds[level % len(kinds)] if part == "warm_up" else kinds[0]
    hold = {"hold_s": 5} if target == "shoulder_flexion" else {}
    dose = {"sets": 2, "reps": 6, "reps_max": 10, "rest_s": 20, "seconds_per_rep": 4, **hold}
    return exercise(
        f"{part.replace('_', '-')}-{target.replace('_', '-')}-{position.replace('_', '-')}-{level}",
        kind=kind,
        targets=[target],
        position=position,
        per_side=part == "mobility" and target in PER_SIDE_TARGETS,
        level=level,
        dose=dose,
        **extra,
    )


def library() -> ExerciseLibrary:
    """Every part, target and level in standing and sitting (no equipment), plus floor work,
    equipment, a passive stretch and exercises that precautions rule out or modify."""
    exercises = [
        _family(part, target, position, level)
        for part, (_, targets) in KINDS_BY_PART.items()
        for target in targets
        for position in ("standing", "sitting")
        for level in (1, 2, 3)
    ]
    exercises += [
        _family("mobility", "rotation", "quadruped", 2),
        _family("mobility", "extension", "supine", 2, equipment=["foam_roller"]),
        _family(
            "mobility",
            "extension",
            "supine",
            3,
            equipment=["foam_roller", "weight"],
        ),
        _family(
            "mobility",
            "rotation",
            "half_kneeling",
            3,
            equipment=["ball"],
            precautions=[
                {"condition": "osteoporosis", "action": "avoid", "note": "Too much twisting."}
            ],
        ),
        _family(
            "mobility",
            "side_bending",
            "standing",
            1,
            id="careful-side-bend",
            precautions=[
                {"condition": "hypermobility", "action": "modify", "note": "Stay mid-range."}
            ],
        ),
        exercise("chest-stretch", kind="stretch", targets=["extension"], level=1),
    ]
    return ExerciseLibrary(exercises)


def protocols() -> dict[str, Protocol]:
    """A per-side rotation test and two 'both' tests, with made-up references."""

    def protocol(pid: str, target: str, per_side: bool, reference: float) -> Protocol:
        return Protocol.model_validate(
            {
                "id": pid,
                "name": pid.replace("_", " ").capitalize(),
                "target": target,
                "per_side": per_side,
                "reference": reference,
                "reference_source": "midback tests",
                "mdc": 6,
                "mdc_source": "midback tests",
                "max_degrees": 180,
                "how_to": ["Do the test this way.", "Read the angle."],
                "meaning": "A made-up meaning for tests.",
                "instruments": ["goniometer"],
                # a verified spread whose limit (mean − 1.5 × 4°) sits 6° under the reference
                "norm": {"mean": reference, "sd": 4, "sample": "midback tests", "verified": True},
            }
        )

    return {
        "rot": protocol("rot", "rotation", True, 45),
        "ext": protocol("ext", "extension", False, 25),
        "reach": protocol("reach", "shoulder_flexion", False, 170),
    }


def program(**overrides: Any) -> Program:
    """An 8-week program shaped like the built-in one."""
    data: dict[str, Any] = {
        "id": "test-program",
        "name": "Test program",
        "summary": "A program template for planner tests.",
        "reassess_protocols": ["rot"],
        "parts": [
            {
                "id": "warm_up",
                "name": "Warm-up",
                "kinds": ["breathing", "activation"],
                "targets": ["breathing", "scapular_control"],
                "share": 0.15,
            },
            {
                "id": "mobility",
                "name": "Mobility",
                "kinds": ["mobility"],
                "extra_kinds": ["stretch"],
                "targets": MAIN_TARGETS,
                "share": 0.6,
                "follows_findings": True,
            },
            {
                "id": "control",
                "name": "Control",
                "kinds": ["control"],
                "targets": ["core_control", "scapular_control"],
                "share": 0.25,
            },
        ],
        "steps": [
            {"level": 1, "reps": 0.0},
            {"level": 1, "reps": 0.5, "hold": 1.2},
            {"level": 2, "reps": 0.0},
            {"level": 2, "reps": 0.5, "hold": 1.2},
            {"level": 2, "reps": 1.0, "hold": 1.4},
            {"level": 3, "reps": 0.25, "hold": 1.2},
            {"level": 3, "reps": 0.75, "hold": 1.4},
            {"level": 3, "reps": 1.0, "hold": 1.6, "extra_sets": 1},
        ],
        "phases": [
            {
                "name": "Start",
                "focus": "Learn the movements.",
                "weeks": [{"week": 1, "step": 1}, {"week": 2, "step": 2}],
            },
            {
                "name": "Build",
                "focus": "Move further.",
                "weeks": [
                    {"week": 3, "step": 3},
                    {"week": 4, "step": 4, "reassess": True},
                    {"week": 5, "step": 3, "lighter": True},
                ],
            },
            {
                "name": "Own",
                "focus": "Keep the range.",
                "weeks": [
                    {"week": 6, "step": 5},
                    {"week": 7, "step": 6},
                    {"week": 8, "step": 7, "reassess": True},
                ],
            },
        ],
        "sources": ["midback tests"],
    }
    data.update(overrides)
    return Program.model_validate(data)


def profile(**overrides: Any) -> Profile:
    """A valid profile; override any field."""
    data: dict[str, Any] = {
        "sitting_hours_per_day": 8,
        "minutes_per_day": 15,
        "days_per_week": 4,
        "red_flags": [],
        "start_date": START.isoformat(),
    }
    data.update(overrides)
    return Profile.model_validate(data)


def feedback(*entries: dict[str, Any]) -> list[FeedbackEntry]:
    """Feedback entries from plain data."""
    return [FeedbackEntry.model_validate(e) for e in entries]


@lru_cache(maxsize=1)
def safety() -> Safety:
    """The built-in health screen and condition pathways (the rules under test are content)."""
    return load_content().safety()


def plan_for(
    person: Profile,
    entries: Sequence[FeedbackEntry] = (),
    *,
    template: Program | None = None,
    exercises: ExerciseLibrary | None = None,
    clearances: Sequence[Clearance] = (),
    as_of: date | None = None,
    skipped: Sequence[date] = (),
) -> Plan:
    """Plan with the test content (or the given program and library)."""
    return make_plan(
        person,
        entries,
        program=template or program(),
        library=exercises or library(),
        protocols=protocols(),
        today=TODAY,
        safety=safety(),
        clearances=clearances,
        as_of=as_of,
        skipped=skipped,
    )


def items(plan: Plan, part: str | None = None) -> list[PlanItem]:
    """Every item of the plan, or of one part."""
    return [i for s in plan.sessions() for i in s.items if part is None or i.part == part]


def seconds_by_target(plan: Plan, part: str = "mobility") -> dict[str, float]:
    """Planned work (sets × reps × time per rep) per target in one part."""
    by_exercise = library()
    totals: dict[str, float] = {}
    for item in items(plan, part):
        rep_s = by_exercise[item.exercise].dose.seconds_per_rep + item.hold_s
        totals[item.target] = totals.get(item.target, 0.0) + item.sets * item.reps * rep_s
    return totals


measurement_degrees = st.integers(min_value=5, max_value=60)


@st.composite
def measurements(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A random valid set of measurements with the test protocols."""
    found: list[dict[str, Any]] = []
    if draw(st.booleans()):
        found += [
            {"protocol": "rot", "side": side, "degrees": draw(measurement_degrees)}
            for side in ("left", "right")
        ]
    if draw(st.booleans()):
        found.append({"protocol": "ext", "side": "both", "degrees": draw(measurement_degrees)})
    if draw(st.booleans()):
        degrees = draw(st.integers(min_value=100, max_value=180))
        found.append({"protocol": "reach", "side": "both", "degrees": degrees})
    return found


@st.composite
def profiles(draw: st.DrawFn, **fixed: Any) -> Profile:
    """Random valid profiles the test library can always serve (standing stays allowed)."""
    avoidable = [p for p in Position if p != Position.STANDING]
    data: dict[str, Any] = {
        "age": draw(st.none() | st.integers(min_value=16, max_value=100)),
        "sitting_hours_per_day": draw(st.integers(min_value=0, max_value=24)),
        "minutes_per_day": draw(st.integers(min_value=5, max_value=60)),
        "days_per_week": draw(st.integers(min_value=1, max_value=7)),
        "equipment": draw(st.lists(st.sampled_from(list(Equipment)), unique=True)),
        "positions_to_avoid": draw(st.lists(st.sampled_from(avoidable), unique=True)),
        "pain": {"current": draw(st.integers(min_value=0, max_value=10))},
        "red_flags": [],
        "precautions": draw(st.lists(st.sampled_from(PLANNABLE_PRECAUTIONS), unique=True)),
        "measurements": draw(measurements()),
        "start_date": draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))),
    }
    if Precaution.RECENT_SURGERY in data["precautions"]:  # past any early window
        data["surgery"] = {"site": draw(st.sampled_from(list(SurgerySite))), "weeks_since": 26}
    data.update(fixed)
    return Profile.model_validate(data)


PLANNABLE_PRECAUTIONS = [p for p in Precaution if p is not Precaution.SEATED_ONLY]
"""Seated-only keeps to sitting, which the made-up library's standing guarantee does not
cover; tests/integration/planning/test_pathways.py plans it with the built-in library."""

red_flag_sets = st.lists(st.sampled_from(list(RedFlag)), min_size=1, unique=True)
