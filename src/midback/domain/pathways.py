"""Condition pathways: how a condition changes a program, as content rules (clinical-facts §9).

Each pathway (`content/pathways/<condition>.yaml`) names what it leaves out (exercises, targets,
positions, equipment, kinds), what it keeps to (positions, equipment it can assume), hold caps,
emphasis and stop signs. Stages refine it: surgery by site and weeks since, pregnancy by
trimester. A stage with `early_weeks` holds the program until a clinician clears it while the
operation is that recent (or when the weeks are unknown: in doubt, the program holds).

The planner reads these rules; it holds no condition-specific `if`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import Field, model_validator

from midback.domain.exercise import ContentModel, Exercise, ExerciseId, Text
from midback.domain.profile import Profile, SurgerySite
from midback.domain.screening import Clearance, Screen, ScreenOutcome, Tier, cleared_on
from midback.domain.vocabulary import Equipment, Kind, Position, Precaution, Target

LATEST_TRIMESTER = 3


@dataclass(frozen=True)
class Safety:
    """The health screen and the condition pathways: what the planner checks before planning."""

    screen: Screen
    pathways: Mapping[str, Pathway]


class Exclude(ContentModel):
    """What a pathway (or one of its stages) leaves out of a program."""

    exercises: list[ExerciseId] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    equipment: list[Equipment] = Field(default_factory=list)
    kinds: list[Kind] = Field(default_factory=list)

    def matches(self, exercise: Exercise) -> bool:
        """Whether `exercise` is left out by this rule."""
        return (
            exercise.id in self.exercises
            or bool(set(exercise.targets) & set(self.targets))
            or exercise.position in self.positions
            or bool(set(exercise.equipment) & set(self.equipment))
            or exercise.kind in self.kinds
        )


class Stage(ContentModel):
    """A part of a pathway that applies to some people only: a surgery site or a trimester."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=64)
    site: SurgerySite | None = None
    trimesters: list[int] = Field(default_factory=list)
    early_weeks: int | None = Field(
        default=None, ge=1, le=52, description="Before this many weeks: hold until cleared."
    )
    hold_reason: Text | None = None
    exclude: Exclude = Field(default_factory=Exclude)
    note: Text


class Pathway(ContentModel):
    """How one condition changes the program."""

    id: Precaution
    title: Text
    note: Text
    exclude: Exclude = Field(default_factory=Exclude)
    only_positions: list[Position] = Field(default_factory=list)
    assume_equipment: list[Equipment] = Field(default_factory=list)
    max_hold_s: int | None = Field(default=None, ge=1, le=300)
    emphasis: dict[Target, float] = Field(default_factory=dict)
    variety: bool = Field(
        default=False, description="Rotate exercises across the week before repeating one."
    )
    movement_note: Text | None = Field(
        default=None, description="Replaces the advice on breaking up sitting."
    )
    stop_signs: list[Text] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    sources: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _stages_are_distinct(self) -> Pathway:
        ids = [s.id for s in self.stages]
        if len(set(ids)) != len(ids):
            raise ValueError("stages name the same id twice")
        return self

    def base_excludes(self, exercise: Exercise) -> bool:
        """Left out for everyone with the condition, whatever their stage."""
        if self.only_positions and exercise.position not in self.only_positions:
            return True
        return self.exclude.matches(exercise)

    def stage_for(self, profile: Profile) -> Stage | None:
        """The stage that applies to the person, if the pathway has stages."""
        if not self.stages:
            return None
        if profile.surgery is not None or any(s.site for s in self.stages):
            site = profile.surgery.site if profile.surgery else SurgerySite.OTHER
            return next((s for s in self.stages if s.site is site), None)
        # An unknown trimester plans as the latest (clinical-facts §9: when in doubt, the later).
        trimester = profile.pregnancy_trimester or LATEST_TRIMESTER
        return next((s for s in self.stages if trimester in s.trimesters), None)


def early_window(stage: Stage, profile: Profile) -> bool:
    """Whether the person is inside the stage's early window (unknown weeks count as inside)."""
    if stage.early_weeks is None:
        return False
    weeks = profile.surgery.weeks_since if profile.surgery else None
    return weeks is None or weeks < stage.early_weeks


class ActivePathways:
    """The pathways that apply to one person, with their stages resolved."""

    def __init__(
        self,
        pathways: Iterable[Pathway],
        profile: Profile,
        conditions: Sequence[Precaution],
        clearances: Sequence[Clearance] = (),
    ) -> None:
        chosen = [p for p in pathways if p.id in conditions]
        self.items: list[tuple[Pathway, Stage | None]] = [(p, p.stage_for(profile)) for p in chosen]
        self.profile = profile
        self.clearances = clearances

    def excludes(self, exercise: Exercise) -> bool:
        """Whether any active pathway (or its stage) leaves `exercise` out."""
        return any(
            pathway.base_excludes(exercise)
            or (stage is not None and stage.exclude.matches(exercise))
            for pathway, stage in self.items
        )

    def assumed_equipment(self) -> set[Equipment]:
        """Equipment a pathway can take for granted (a wheelchair is a chair)."""
        return {e for pathway, _ in self.items for e in pathway.assume_equipment}

    def max_hold_s(self) -> int | None:
        """The shortest hold cap of the active pathways."""
        caps = [p.max_hold_s for p, _ in self.items if p.max_hold_s is not None]
        return min(caps, default=None)

    def emphasis(self) -> dict[Target, float]:
        """Weight multipliers for the main part's targets."""
        result: dict[Target, float] = {}
        for pathway, _ in self.items:
            for target, factor in pathway.emphasis.items():
                result[target] = result.get(target, 1.0) * factor
        return result

    def variety(self) -> bool:
        """Whether exercises rotate across the week before any repeats."""
        return any(p.variety for p, _ in self.items)

    def notes(self) -> list[str]:
        """One plain note per pathway (and its stage), in condition order."""
        notes = []
        for pathway, stage in sorted(self.items, key=lambda item: item[0].id):
            notes.append(pathway.note if stage is None else f"{pathway.note} {stage.note}")
        return notes

    def stop_signs(self) -> list[str]:
        """Signs that mean stop and seek care, from every active pathway."""
        return [sign for pathway, _ in self.items for sign in pathway.stop_signs]

    def movement_note(self) -> str | None:
        """A pathway's own wording for breaking up sitting, if any."""
        return next((p.movement_note for p, _ in self.items if p.movement_note), None)

    def holds(self) -> list[ScreenOutcome]:
        """Early-window stages: the program holds until a clinician clears each one."""
        outcomes = []
        for pathway, stage in self.items:
            if stage is None or not early_window(stage, self.profile):
                continue
            rule = f"{pathway.id.value}_{stage.id}_early"
            outcomes.append(
                ScreenOutcome(
                    rule=rule,
                    tier=Tier.SEE_CLINICIAN,
                    reason=stage.hold_reason or stage.note,
                    next_step=(
                        "Ask your surgeon or physiotherapist when you may start. When they "
                        "clear you, record it here and the program begins."
                    ),
                    cleared_on=cleared_on(rule, Tier.SEE_CLINICIAN, self.clearances),
                )
            )
        return outcomes
