"""No exercise's steps state a dose the planner changes: a handout printing "1 × 7 × 12 s hold"
beside the step "hold for 10 seconds" contradicts itself. Every built-in exercise's steps are
checked against every dose any built-in program can give it, for younger and older people."""

from __future__ import annotations

import re
from functools import cache

import pytest

from midback.content.loader import Content, load_content
from midback.domain.exercise import Dose, Exercise
from midback.domain.planner.dosing import OLDER_AGE, step_dose

NUMBER = r"(\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)"
SECONDS = re.compile(rf"\b{NUMBER}[\s-]*(?:seconds?|secs?)\b|\b(\d+) ?s\b", re.I)
COUNTS = re.compile(rf"\b{NUMBER}[\s-]*(times|reps?|repetitions|breaths)\b", re.I)
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}  # fmt: skip


@cache
def content() -> Content:
    return load_content([])


def planner_doses(exercise: Exercise) -> set[Dose]:
    """The library's dose, and the dose at every step of every program, young and old."""
    doses = {exercise.dose}
    for program in content().programs.values():
        for step in program.steps:
            for age in (30, OLDER_AGE):
                doses.add(step_dose(exercise, step, age))
    return doses


def number(text: str) -> int:
    return int(text) if text.isdigit() else WORDS[text.lower()]


def contradictions(exercise: Exercise) -> list[str]:
    doses = planner_doses(exercise)
    holds = {d.hold_s for d in doses}
    reps = {d.reps for d in doses}
    found = []
    for step in exercise.steps:
        for match in SECONDS.finditer(step):
            if holds != {0} and holds != {number(match.group(1) or match.group(2))}:
                found.append(f"'{match.group(0)}' while holds are {sorted(holds)} s: {step}")
        for match in COUNTS.finditer(step):
            if reps != {number(match.group(1))}:
                found.append(f"'{match.group(0)}' while reps are {sorted(reps)}: {step}")
    return found


def test_the_planner_gives_held_exercises_more_than_one_hold_time() -> None:
    chin_nod = content().exercises["supine-chin-nod"]
    assert len({d.hold_s for d in planner_doses(chin_nod)}) > 1


@pytest.mark.parametrize("exercise_id", sorted(load_content([]).exercises))
def test_steps_state_no_dose_the_plan_changes(exercise_id: str) -> None:
    assert contradictions(content().exercises[exercise_id]) == []
