"""An exercise as midback describes it: what it trains, how to do it, and how much."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from midback.domain.body.pose import Poses, View
from midback.domain.sides import Sides, drawn_direction
from midback.domain.vocabulary import Equipment, Kind, Position, Precaution, Target

EXERCISE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ExerciseId = Annotated[str, StringConstraints(pattern=EXERCISE_ID_PATTERN, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=600)]

DEFAULT_SECONDS_PER_REP = 3.0
"""A repetition's tempo when an exercise gives none: a slow move in and out."""

SETUP_SECONDS_PER_SET = 5
"""Time to get into position for a set; part of the honest time estimate."""


class ContentModel(BaseModel):
    """Base for content: immutable, and unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Dose(ContentModel):
    """How much of an exercise one session holds.

    Either reps at a tempo (`seconds_per_rep`) or reps that are each a hold (`hold_s`). A range of
    reps (`reps` to `reps_max`) is the room the planner has to progress within.
    """

    sets: int = Field(ge=1, le=10, description="Sets per session (per side when per-side).")
    reps: int = Field(ge=1, le=50, description="Repetitions per set; the lower end of the range.")
    reps_max: int | None = Field(
        default=None, ge=1, le=50, description="Upper end of the repetition range, if any."
    )
    hold_s: int = Field(default=0, ge=0, le=300, description="Seconds each repetition is held.")
    rest_s: int = Field(default=30, ge=0, le=300, description="Rest between sets, in seconds.")
    seconds_per_rep: float = Field(
        default=DEFAULT_SECONDS_PER_REP,
        ge=1.0,
        le=30.0,
        description="Time one repetition takes, moving in and out.",
    )

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Dose:
        if self.reps_max is not None and self.reps_max < self.reps:
            raise ValueError(f"reps_max ({self.reps_max}) is below reps ({self.reps})")
        return self

    def rep_seconds(self) -> float:
        """Seconds one repetition takes: its hold plus getting in and out, or its tempo."""
        return self.hold_s + self.seconds_per_rep if self.hold_s else self.seconds_per_rep

    def seconds(self, sides: int = 1) -> float:
        """Honest duration: the work on each side, set-up per set and the rests between sets."""
        set_seconds = self.reps * self.rep_seconds() + SETUP_SECONDS_PER_SET
        total_sets = self.sets * sides
        return total_sets * set_seconds + (total_sets - 1) * self.rest_s


class Compensation(ContentModel):
    """A compensation to watch for, and why it matters."""

    fault: Text
    why: Text


class PrecautionRule(ContentModel):
    """What to do with an exercise when a person has a given condition."""

    condition: Precaution
    action: Literal["avoid", "modify"]
    note: Text


class SetupOption(ContentModel):
    """Another way to set up the exercise, and who it is for."""

    when: Text
    how: Text


class Exercise(ContentModel):
    """One exercise of the library, identified by a stable kebab-case id."""

    id: ExerciseId
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]
    summary: Text
    kind: Kind
    targets: list[Target] = Field(min_length=1)
    position: Position
    equipment: list[Equipment] = Field(default_factory=list)
    per_side: bool
    directions: Sides | None = Field(
        default=None,
        description="Per-side exercises: which direction each side trains, in words, and which "
        "side the illustration shows. Required when per_side is true.",
    )
    steps: list[Text] = Field(min_length=2)
    cues: list[Text] = Field(min_length=1)
    avoid: list[Compensation] = Field(min_length=1)
    dose: Dose
    level: int = Field(ge=1, le=3)
    regressions: list[ExerciseId] = Field(default_factory=list)
    progressions: list[ExerciseId] = Field(default_factory=list)
    prepare_with: list[ExerciseId] = Field(
        default_factory=list,
        description="Exercises that help when this one is hard to do well (e.g. tight pecs).",
    )
    setup_options: list[SetupOption] = Field(
        default_factory=list,
        description="Other set-ups, e.g. when the head does not reach the wall.",
    )
    precautions: list[PrecautionRule] = Field(default_factory=list)
    sources: list[Text] = Field(min_length=1)
    aliases: list[Text] = Field(default_factory=list)
    view: View | None = Field(
        default=None, description="How the illustration is drawn: camera, highlight, layout."
    )
    poses: Poses | None = Field(
        default=None, description="Keyframes (e.g. start, end) the illustration is drawn from."
    )

    @model_validator(mode="after")
    def _lists_are_consistent(self) -> Exercise:
        for name in ("targets", "equipment", "regressions", "progressions", "prepare_with"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists the same value twice")
        if self.id in self.regressions or self.id in self.progressions:
            raise ValueError("an exercise cannot be its own regression or progression")
        both = set(self.regressions) & set(self.progressions)
        if both:
            raise ValueError(f"{sorted(both)} is listed as both regression and progression")
        self._check_sides()
        conditions = [rule.condition for rule in self.precautions]
        if len(set(conditions)) != len(conditions):
            raise ValueError("precautions name the same condition twice")
        return self

    def _check_sides(self) -> None:
        if self.per_side and self.directions is None:
            raise ValueError(
                "a per-side exercise must say which direction each side trains "
                "(directions: movement, drawn, left, right)"
            )
        if not self.per_side and self.directions is not None:
            raise ValueError("directions is only for per-side exercises (per_side: true)")
        if self.directions is None or not self.poses:
            return
        last = list(self.poses.values())[-1]
        shown = drawn_direction(self.directions.movement, last.angles)
        if shown is not None and shown != self.directions.drawn:
            raise ValueError(
                f"directions.drawn is '{self.directions.drawn}' but the last pose turns or "
                f"bends to the {shown}"
            )

    def precaution_for(self, condition: Precaution) -> PrecautionRule | None:
        """The rule for `condition`, if this exercise has one."""
        return next((rule for rule in self.precautions if rule.condition == condition), None)

    def sides(self) -> int:
        """How many sides one set is done on."""
        return 2 if self.per_side else 1

    def estimated_seconds(self) -> float:
        """Duration of the default dose, both sides included."""
        return self.dose.seconds(self.sides())

    def searchable_text(self) -> str:
        """All words a person might search this exercise by, lower-cased."""
        parts = [self.id, self.name, self.summary, *self.aliases, *self.steps, *self.cues]
        parts += [t.value.replace("_", " ") for t in self.targets]
        parts.append(self.position.value.replace("_", " "))
        return re.sub(r"\s+", " ", " ".join(parts)).lower()


def describe_dose(dose: Dose, per_side: bool) -> str:
    """A short human reading of a dose, e.g. '2 sets × 10–15 reps · 30 s rest · each side'."""
    reps = f"{dose.reps}–{dose.reps_max}" if dose.reps_max else str(dose.reps)
    work = f"{reps} × {dose.hold_s} s hold" if dose.hold_s else f"{reps} reps"
    parts = [f"{dose.sets} set{'s' if dose.sets > 1 else ''} × {work}"]
    if dose.rest_s and dose.sets > 1:
        parts.append(f"{dose.rest_s} s rest")
    if per_side:
        parts.append("each side")
    return " · ".join(parts)
