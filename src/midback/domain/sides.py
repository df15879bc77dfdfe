"""What "left" and "right" mean for a per-side exercise, defined once for the whole of midback.

A side is the **direction of movement**: "left" is turning (or bending) to your left, whichever
side you lie on or arm you use. Measurement protocols name their sides the same way (seated
rotation to the left is "left"), so a limited direction found in the assessment gets its extra
volume on the exercises' sides that train that same direction (clinical-facts §2; planner rule 5).

Exercises that move one arm without turning or bending the trunk (movement `arm`) have no trunk
direction to name; for them, and only for them, the side is the arm that moves, and their content
says so in its words.

Every per-side exercise states in its content which movement its sides name, which side its
illustration shows (the other side is the mirror image), and the words for each side.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from midback.domain.profile import Side
from midback.domain.vocabulary import Target

SideWords = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=80)]


class SideMovement(StrEnum):
    """The movement a per-side exercise's sides are named by."""

    ROTATION = "rotation"  # the chest turns toward the named side
    SIDE_BEND = "side_bend"  # the trunk bends toward the named side
    ARM = "arm"  # one arm works, the trunk neither turns nor bends: the side is that arm


MOVEMENT_TARGET = {
    SideMovement.ROTATION: Target.ROTATION,
    SideMovement.SIDE_BEND: Target.SIDE_BENDING,
}
"""The direction of an assessment finding each trunk movement trains."""

MOVEMENT_ANGLE = {
    SideMovement.ROTATION: "thoracic_rotation",
    SideMovement.SIDE_BEND: "thoracic_side_bend",
}
"""The body model's spine angle for each trunk movement (positive to the left)."""


class Sides(BaseModel):
    """Which direction each side of a per-side exercise trains, and how it is said and drawn."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    movement: SideMovement = Field(
        description="What the side names: the turn, the bend, or the arm."
    )
    drawn: Literal["left", "right"] = Field(
        description="The side the illustration's poses show; the other side is drawn mirrored."
    )
    left: SideWords = Field(description="The left side in words, e.g. 'Turning to your left'.")
    right: SideWords = Field(description="The right side in words, e.g. 'Turning to your right'.")

    @model_validator(mode="after")
    def _words_name_their_side(self) -> Sides:
        for side, words in (("left", self.left), ("right", self.right)):
            other = "right" if side == "left" else "left"
            lowered = words.lower()
            if side not in lowered:
                raise ValueError(f"the words for the {side} side must say '{side}': {words!r}")
            if lowered.split("(")[0].count(other):
                raise ValueError(
                    f"the words for the {side} side name '{other}' before any set-up in brackets"
                )
        return self

    def words(self, side: Side) -> str:
        """The plain words for `side` ('' for both)."""
        return {Side.LEFT: self.left, Side.RIGHT: self.right}.get(side, "")

    def mirrored(self, side: Side) -> bool:
        """Whether `side` is drawn as the mirror image of the illustration's poses."""
        return side != Side.BOTH and side.value != self.drawn

    def trains(self, target: Target) -> bool:
        """Whether the sides of this exercise are directions of `target` (e.g. rotation)."""
        return MOVEMENT_TARGET.get(self.movement) == target


def drawn_direction(movement: SideMovement, angles: dict[str, float]) -> str | None:
    """The direction a pose's spine angle shows ('left', 'right'), None when it shows none."""
    name = MOVEMENT_ANGLE.get(movement)
    value = angles.get(name, 0.0) if name else 0.0
    if abs(value) < 1.0:
        return None
    return "left" if value > 0 else "right"
