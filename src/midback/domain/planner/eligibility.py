"""Which exercises a person can do (rule 2), and which session part each can serve."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from midback.domain.exercise import Dose, Exercise
from midback.domain.pathways import ActivePathways
from midback.domain.planner.dosing import step_dose
from midback.domain.profile import Profile
from midback.domain.program import Program, ProgressionStep, SessionPart
from midback.domain.vocabulary import Precaution, Target


@dataclass(frozen=True, slots=True)
class Exclusions:
    """How many exercises each kind of constraint left out (for plain-words reasons)."""

    equipment: int = 0
    position: int = 0
    precaution: int = 0


def exclusion_of(
    exercise: Exercise, profile: Profile, program: Program, pathways: ActivePathways
) -> str | None:
    """Why the person cannot do `exercise` here ('equipment', 'position', 'precaution'), or None.

    `profile.precautions` are the conditions in effect (the screen may add some); the condition
    pathways (content) and each exercise's own `avoid` rules decide what they leave out.
    """
    if not set(exercise.equipment) <= set(profile.equipment) | pathways.assumed_equipment():
        return "equipment"
    if exercise.position in profile.positions_to_avoid:
        return "position"
    if program.positions and exercise.position not in program.positions:
        return "position"
    if pathways.excludes(exercise):
        return "precaution"
    for condition in profile.precautions:
        rule = exercise.precaution_for(condition)
        if rule is not None and rule.action == "avoid":
            return "precaution"
    return None


def eligible_exercises(
    exercises: Iterable[Exercise], profile: Profile, program: Program, pathways: ActivePathways
) -> tuple[list[Exercise], Exclusions]:
    """The exercises the person can do, and counts of what was left out and why."""
    kept: list[Exercise] = []
    counts = {"equipment": 0, "position": 0, "precaution": 0}
    for exercise in exercises:
        reason = exclusion_of(exercise, profile, program, pathways)
        if reason is None:
            kept.append(exercise)
        else:
            counts[reason] += 1
    return kept, Exclusions(**counts)


def modify_notes(exercise: Exercise, precautions: Iterable[Precaution]) -> list[str]:
    """The exercise's notes for the person's conditions that call for a modified version."""
    notes = []
    for condition in precautions:
        rule = exercise.precaution_for(condition)
        if rule is not None and rule.action == "modify":
            notes.append(f"{condition.value.replace('_', ' ')}: {rule.note}")
    return notes


Band = list[tuple[tuple[int, bool, bool, bool], Exercise]]


class Pool:
    """Candidate exercises per session part and target, with per-plan caches.

    Exercises in `noted` carry a 'modify' note for the person: they rank after plainer
    exercises of the same level.
    """

    def __init__(
        self,
        exercises: Iterable[Exercise],
        parts: Iterable[SessionPart],
        noted: frozenset[str] = frozenset(),
        max_hold_s: int | None = None,
        preferred: frozenset[str] = frozenset(),
    ) -> None:
        ordered = sorted(exercises, key=lambda e: e.id)
        self.by_id = {e.id: e for e in ordered}
        self.noted = noted
        self.preferred = preferred
        self.max_hold_s = max_hold_s
        self._candidates: dict[tuple[str, Target], list[Exercise]] = {}
        self._bands: dict[tuple[str, Target, int, frozenset[str]], Band] = {}
        self._doses: dict[tuple[str, tuple[int, float, float, int], int | None], Dose] = {}
        for part in parts:
            kinds = {*part.kinds, *part.extra_kinds}
            for target in part.targets:
                self._candidates[(part.id, target)] = [
                    e for e in ordered if e.kind in kinds and target in e.targets
                ]

    def candidates(self, part: SessionPart, target: Target) -> list[Exercise]:
        """Exercises that can serve `target` in `part`."""
        return self._candidates.get((part.id, target), [])

    def serves(self, part: SessionPart) -> bool:
        """Whether any exercise can fill `part` with one of its own (not extra) kinds."""
        return any(e.kind in part.kinds for t in part.targets for e in self.candidates(part, t))

    def band(self, part: SessionPart, target: Target, level: int, excluded: frozenset[str]) -> Band:
        """Candidates up to `level` (or the easiest there are), best first, with their rank.

        Rank: higher level first, then exercises a focus rule prefers (goals, pain regions),
        then exercises whose first target is this one, then those without a precaution note.
        """
        key = (part.id, target, level, excluded)
        band = self._bands.get(key)
        if band is None:
            candidates = [e for e in self.candidates(part, target) if e.id not in excluded]
            chosen = [e for e in candidates if e.level <= level]
            if not chosen and candidates:  # nothing this easy: the easiest there is
                lowest = min(e.level for e in candidates)
                chosen = [e for e in candidates if e.level == lowest]
            band = sorted(
                (
                    (
                        (-e.level, e.id not in self.preferred, e.targets[0] != target, noted),
                        e,
                    )
                    for e in chosen
                    for noted in (e.id in self.noted,)
                ),
                key=lambda pair: (pair[0], pair[1].id),
            )
            self._bands[key] = band
        return band

    def dose(self, exercise: Exercise, step: ProgressionStep, age: int | None) -> Dose:
        """The exercise's dose at `step` (cached: many sessions share a step)."""
        key = (exercise.id, step.rank(), age)
        dose = self._doses.get(key)
        if dose is None:
            dose = self._doses[key] = step_dose(exercise, step, age, self.max_hold_s)
        return dose
