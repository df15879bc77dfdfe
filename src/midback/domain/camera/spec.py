"""A camera spec: how the camera follows one exercise, as content writes it.

Each spec names the view the camera needs, the landmarks that must be in frame, the measure that
is tracked with its rep thresholds (two of them, so noise around one cannot double-count) and a
minimum dwell, what counts as holding the end position, and the faults to watch with their cue.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from midback.domain.camera.landmarks import LandmarkName
from midback.domain.camera.measures import needed

View = Literal["front", "side", "head_end"]
"""Where the camera stands: facing the person, at their side, or beyond their head (all fours)."""
MeasureName = Literal[
    "arm_elevation", "shoulder_tilt", "shoulder_turn", "hip_turn", "side_bend", "shoulder_raise"
]
Degrees = Annotated[float, Field(ge=0, le=180)]
Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=160)]


class SpecModel(BaseModel):
    """Base for spec content: immutable; unknown fields are errors (usually typos)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Tracked(SpecModel):
    """The measure that counts reps: which one, on which arm, and how it is labelled."""

    measure: MeasureName
    side: Literal["both", "working"] = Field(
        default="both", description="Arm measures: both arms averaged, or the working side's."
    )
    label: Words = Field(description="What the drawn angle shows, in plain words.")


class Reps(SpecModel):
    """A rep: the measure rises to `end_above` and comes back to `start_below`, each position
    held for at least `dwell_s` so a flicker is not a rep."""

    start_below: Degrees
    end_above: Degrees
    dwell_s: float = Field(default=0.2, ge=0, le=2)

    @model_validator(mode="after")
    def _apart(self) -> Reps:
        if self.end_above - self.start_below < 8:
            raise ValueError("end_above must be at least 8° above start_below (hysteresis)")
        return self


class Hold(SpecModel):
    """Holding the end position: in from `in_above`, out only below `out_below`."""

    in_above: Degrees
    out_below: Degrees

    @model_validator(mode="after")
    def _apart(self) -> Hold:
        if self.in_above - self.out_below < 4:
            raise ValueError("out_below must be at least 4° below in_above (hysteresis)")
        return self


class Fault(SpecModel):
    """A compensation the camera can see: its measure past `above` for `for_s`, and the cue."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
    measure: MeasureName
    toward: Literal["either", "working", "other"] = Field(
        default="either",
        description="side_bend only: bending towards the working side, the other, or either.",
    )
    above: Degrees
    for_s: float = Field(default=0.4, ge=0, le=5)
    cue: Words


class CameraSpec(SpecModel):
    """How the camera follows one exercise."""

    exercise: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    view: View
    framing: Words = Field(description="How to set up the phone, said in the framing step.")
    visible: list[LandmarkName] = Field(min_length=2, max_length=15)
    track: Tracked
    reps: Reps
    hold: Hold
    faults: list[Fault] = Field(default_factory=list, max_length=6)

    @property
    def id(self) -> str:
        """Specs are named after their exercise."""
        return self.exercise

    @model_validator(mode="after")
    def _consistent(self) -> CameraSpec:
        if len(set(self.visible)) != len(self.visible):
            raise ValueError("visible lists the same landmark twice")
        if self.hold.in_above > self.reps.end_above + 20:
            raise ValueError("hold.in_above is far beyond the rep's end: no hold would count")
        ids = [f.id for f in self.faults]
        if len(set(ids)) != len(ids):
            raise ValueError("two faults share an id")
        if any(f.toward != "either" and f.measure != "side_bend" for f in self.faults):
            raise ValueError("`toward` applies to side_bend faults only")
        measures = [self.track.measure, *(f.measure for f in self.faults)]
        unseen = sorted({n for m in measures for n in needed(m)} - set(self.visible))
        if unseen:
            raise ValueError(f"visible must list {', '.join(unseen)}: the measures read them")
        return self
