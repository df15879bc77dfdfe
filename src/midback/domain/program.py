"""Program templates: the structure of a program as content, filled in for a person by the planner.

A program names its phases and weeks, the parts of a session (which kinds of exercise and which
targets each part draws from, and its share of the time), and a ladder of progression steps that
weeks climb and adaptation moves along. A clinic defines another program without code.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from midback.domain.exercise import EXERCISE_ID_PATTERN, ContentModel, Text
from midback.domain.profile import PainRegion, ProtocolId
from midback.domain.protocol import Name
from midback.domain.vocabulary import Kind, Position, Target

PartId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=40)]
ProgramId = Annotated[str, StringConstraints(pattern=EXERCISE_ID_PATTERN, max_length=64)]
SHARE_TOLERANCE = 0.01


class ProgressionStep(ContentModel):
    """One rung of the progression ladder: how hard and how much."""

    level: int = Field(ge=1, le=3, description="Highest exercise level used at this step.")
    reps: float = Field(ge=0, le=1, description="Where in each exercise's reps range (0 = low).")
    hold: float = Field(default=1.0, ge=1, le=3, description="Multiplier on hold times.")
    extra_sets: int = Field(default=0, ge=0, le=2, description="Sets added to each dose.")

    def rank(self) -> tuple[int, float, float, int]:
        """Order of difficulty: level first, then reps, hold and sets."""
        return (self.level, self.reps, self.hold, self.extra_sets)


class ProgramWeek(ContentModel):
    """One week of a program: its progression step and what happens in it."""

    week: int = Field(ge=1, le=52)
    step: int = Field(ge=1, description="1-based index into the program's steps.")
    reassess: bool = Field(default=False, description="The week ends with re-measuring.")
    lighter: bool = Field(default=False, description="A lighter (deload) week.")


class Phase(ContentModel):
    """Consecutive weeks with one focus."""

    name: Name
    focus: Text
    weeks: list[ProgramWeek] = Field(min_length=1)


class SessionPart(ContentModel):
    """A part of every session (warm-up, main work, control) and what it draws from."""

    id: PartId
    name: Name
    kinds: list[Kind] = Field(min_length=1, description="Kinds the part is built from.")
    extra_kinds: list[Kind] = Field(
        default_factory=list,
        description="Kinds that may join, never outnumbering `kinds` (e.g. passive stretches).",
    )
    targets: list[Target] = Field(min_length=1)
    share: float = Field(gt=0, le=1, description="Share of the session's time.")
    follows_findings: bool = Field(
        default=False, description="Its volume follows the assessment's emphasis."
    )

    @model_validator(mode="after")
    def _kinds_do_not_overlap(self) -> SessionPart:
        both = set(self.kinds) & set(self.extra_kinds)
        if both:
            raise ValueError(f"{sorted(both)} listed in both kinds and extra_kinds")
        return self


class MaintenancePhase(ContentModel):
    """What follows the last week: shorter sessions that keep the gains (clinical-facts §4:
    three sessions a week kept them after a six-week program; one a week lost them)."""

    name: Name
    focus: Text
    days_per_week: int = Field(
        default=3, ge=2, le=7, description="Sessions a week; at least 2 (one a week loses gains)."
    )
    minutes: int = Field(default=10, ge=5, le=60, description="Caps each session's length.")
    then: list[ProgramId] = Field(
        default_factory=list, description="Programs the person may start next."
    )


class FocusRule(ContentModel):
    """How a person's goals or pain regions shift a program's emphasis, as data (issue 11): a
    rule applies when the person names one of its goals or has pain in one of its regions."""

    id: PartId
    goals: list[Annotated[str, StringConstraints(max_length=40)]] = Field(default_factory=list)
    pain_regions: list[PainRegion] = Field(default_factory=list)
    emphasis: dict[Target, Annotated[float, Field(gt=0, le=3)]] = Field(
        default_factory=dict, description="Multipliers on each target's weight, in every part."
    )
    prefer: list[Annotated[str, StringConstraints(pattern=EXERCISE_ID_PATTERN)]] = Field(
        default_factory=list, description="Exercises ranked first among those of their level."
    )
    train_asymmetry: bool = Field(
        default=True,
        description="False: a side difference is expected (e.g. golf) and gets no extra set.",
    )
    reason: Text
    sources: list[Text] = Field(min_length=1)

    def applies(self, goals: list[str], regions: list[PainRegion]) -> bool:
        """Whether the person's goals or pain regions call for this rule."""
        named = {g.strip().lower() for g in goals}
        return bool(
            named & {g.lower() for g in self.goals} or set(regions) & set(self.pain_regions)
        )


class Program(ContentModel):
    """A program template, identified by a stable kebab-case id."""

    id: ProgramId
    name: Name
    summary: Text
    session_minutes: int | None = Field(
        default=None, ge=5, le=60, description="Caps the person's minutes per day, if set."
    )
    positions: list[Position] = Field(
        default_factory=list, description="Only exercises in these positions (empty: any)."
    )
    primary_targets: list[Target] = Field(
        default_factory=lambda: [Target.EXTENSION, Target.ROTATION],
        min_length=1,
        description="Directions a program without measurements balances.",
    )
    reassess_protocols: list[ProtocolId] = Field(default_factory=list)
    parts: list[SessionPart] = Field(min_length=1)
    steps: list[ProgressionStep] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    focus_rules: list[FocusRule] = Field(
        default_factory=list, description="Goals and pain regions that shift the emphasis."
    )
    maintenance: MaintenancePhase | None = Field(
        default=None, description="Offered after the last week, with programs to start next."
    )
    sources: list[Text] = Field(min_length=1)

    @field_validator("parts")
    @classmethod
    def _parts_fit_together(cls, parts: list[SessionPart]) -> list[SessionPart]:
        ids = [p.id for p in parts]
        if len(set(ids)) != len(ids):
            raise ValueError("two parts have the same id")
        total = sum(p.share for p in parts)
        if abs(total - 1) > SHARE_TOLERANCE:
            raise ValueError(f"part shares add up to {total:.2f}, not 1")
        if sum(p.follows_findings for p in parts) > 1:
            raise ValueError("only one part may follow the findings")
        return parts

    @field_validator("steps")
    @classmethod
    def _steps_climb(cls, steps: list[ProgressionStep]) -> list[ProgressionStep]:
        for number, (lower, upper) in enumerate(zip(steps, steps[1:], strict=False), start=2):
            if upper.rank() <= lower.rank():
                raise ValueError(f"step {number} is not harder than step {number - 1}")
        return steps

    @field_validator("phases")
    @classmethod
    def _weeks_progress(cls, phases: list[Phase], info: ValidationInfo) -> list[Phase]:
        weeks = [w for phase in phases for w in phase.weeks]
        for expected, week in enumerate(weeks, start=1):
            if week.week != expected:
                raise ValueError(f"weeks must be numbered 1, 2, 3… in order; found {week.week}")
        step_count = len(info.data.get("steps", []))
        for week in weeks:
            if step_count and week.step > step_count:
                raise ValueError(f"week {week.week} uses step {week.step}; there are {step_count}")
        last_full = weeks[0]
        for before, week in zip(weeks, weeks[1:], strict=False):
            if week.lighter and week.step >= before.step:
                raise ValueError(
                    f"lighter week {week.week} must use a lower step than the one before"
                )
            if not week.lighter and week.step < last_full.step:
                raise ValueError(f"week {week.week} goes back a step without being marked lighter")
            last_full = last_full if week.lighter else week
        if len(weeks) > 1 and weeks[-1].step <= weeks[0].step:
            raise ValueError("the last week must use a harder step than the first")
        return phases

    @model_validator(mode="after")
    def _primary_targets_are_trained(self) -> Program:
        main = self.main_part()
        missing = [t.value for t in self.primary_targets if main and t not in main.targets]
        if main and missing:
            raise ValueError(f"primary_targets {missing} are not among the targets of '{main.id}'")
        return self

    def weeks(self) -> list[tuple[ProgramWeek, Phase]]:
        """Every week in order, with its phase."""
        return [(week, phase) for phase in self.phases for week in phase.weeks]

    def main_part(self) -> SessionPart | None:
        """The part whose volume follows the findings, if any."""
        return next((p for p in self.parts if p.follows_findings), None)

    def step(self, number: int) -> ProgressionStep:
        """The step with 1-based `number`, clamped to the ladder."""
        return self.steps[max(1, min(number, len(self.steps))) - 1]
