"""Poses as content writes them: keyframes of joint angles, floor contacts and props; the view.

Validation runs the body model: angles must lie inside the joint-limit table, and each keyframe,
set on the floor by its contacts, must not pass through the floor or a wall.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from midback.domain.body.camera import NAMED_VIEWS
from midback.domain.body.joints import JointAngles, resolve
from midback.domain.body.scene import build_scene
from midback.domain.body.volumes import region_names

Degrees = Annotated[float, Field(ge=-180, le=180)]
PropKind = Literal["wall", "foam_roller", "stick", "ball", "chair", "band", "weight"]
Direction = Literal["front", "behind", "left", "right"]
CameraName = Literal["front", "back", "side", "left", "right", "top"]
Limb = Literal["left_arm", "right_arm", "left_leg", "right_leg"]
HANDS = ("hands", "left_hand", "right_hand")


class BodyModel(BaseModel):
    """Base for pose content: immutable, and unknown fields are errors (usually typos)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _known_regions(names: list[str], also: tuple[str, ...] = ()) -> list[str]:
    known = [*region_names(), *also]
    unknown = [n for n in names if n not in known]
    if unknown:
        hints = sorted({h for n in unknown for h in get_close_matches(n, known, n=2)})
        suggestion = f"did you mean {', '.join(hints)}?" if hints else f"use one of {known}"
        raise ValueError(f"unknown body part(s) {unknown}; {suggestion}")
    if len(set(names)) != len(names):
        raise ValueError("lists the same body part twice")
    return names


class Orientation(BodyModel):
    """How the whole body is turned in the room, applied to the pelvis as yaw, pitch, then roll."""

    pitch: Degrees = Field(
        default=0,
        description="Lean forward: 90 lies face down (prone, all fours), -90 on the back.",
    )
    roll: Degrees = Field(
        default=0, description="Turn about the body's long axis: 90 turns the front to the left."
    )
    yaw: Degrees = Field(default=0, description="Turn about the vertical: 90 faces the left.")


class Prop(BodyModel):
    """A prop in a keyframe and what touches it. Walls, chairs, rollers and balls stay where the
    first keyframe puts them; sticks, bands and weights move with the hands."""

    prop: PropKind
    side: Direction | None = Field(
        default=None,
        description="Wall: which side of the body it is on. Ball: the side it presses on. "
        "Chair: where its backrest is (default behind).",
    )
    touching: list[str] = Field(
        default_factory=list, description="Body parts that touch it (a wall may touch 'ball')."
    )
    under: str | None = Field(default=None, description="Foam roller: the body part on it.")
    lengthwise: bool = Field(default=False, description="Foam roller along the spine.")
    backrest: bool = Field(default=True, description="Chair: has a backrest (else a stool).")

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Prop:
        kind = self.prop
        _known_regions(self.touching, ("ball",) if kind == "wall" else ())
        if self.under is not None:
            _known_regions([self.under])
        if kind in ("wall", "ball") and (self.side is None or not self.touching):
            raise ValueError(f"a {kind} needs `side` and at least one part in `touching`")
        if kind == "foam_roller" and self.under is None:
            raise ValueError("a foam roller needs `under`: the body part resting on it")
        if kind in ("stick", "band", "weight") and not set(self.touching) <= set(HANDS):
            raise ValueError(f"a {kind} is held: `touching` may list only {', '.join(HANDS)}")
        return self

    def hands(self) -> tuple[str, ...]:
        """The hand regions holding a stick, band or weight (both by default)."""
        names = self.touching or ["hands"]
        return tuple(
            h for n in names for h in (("left_hand", "right_hand") if n == "hands" else (n,))
        )


class Pose(BodyModel):
    """One keyframe: joint angles, which parts rest on the floor, and the props."""

    body: Orientation = Field(default_factory=Orientation)
    angles: dict[str, float] = Field(
        default_factory=dict, description="Degrees by angle name; unnamed angles are 0."
    )
    contact: list[str] = Field(min_length=1, description="Body parts resting on the floor.")
    props: list[Prop] = Field(default_factory=list)

    @field_validator("angles")
    @classmethod
    def _angles_are_human(cls, angles: dict[str, float]) -> dict[str, float]:
        problems = resolve(angles)[1]
        if problems:
            raise ValueError("; ".join(problems))
        return angles

    @field_validator("contact")
    @classmethod
    def _contacts_are_parts(cls, contact: list[str]) -> list[str]:
        return _known_regions(contact)

    def resolved(self) -> JointAngles:
        """Every joint angle of the model for this keyframe."""
        return resolve(self.angles)[0]


class View(BodyModel):
    """How an exercise is best drawn: camera, the limbs to highlight and the layout."""

    camera: CameraName = "side"
    azimuth: Degrees | None = Field(default=None, description="Overrides the camera's azimuth.")
    elevation: Annotated[float, Field(ge=-30, le=90)] | None = None
    highlight: list[Limb] = Field(
        default_factory=list, description="Limbs drawn in the accent colour: the worked side."
    )
    layout: Literal["ghost", "side_by_side"] = "ghost"

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: Any) -> Any:
        return {"camera": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The published schema accepts the camera-name shorthand the loader accepts."""
        full = handler(core_schema)
        shorthand = {
            "type": "string",
            "enum": list(get_args(CameraName)),
            "description": "Shorthand for {camera: NAME}.",
        }
        return {"anyOf": [full, shorthand]}

    def angles(self) -> tuple[float, float]:
        """The camera's azimuth and elevation in degrees."""
        azimuth, elevation = NAMED_VIEWS[self.camera]
        return (
            azimuth if self.azimuth is None else self.azimuth,
            elevation if self.elevation is None else self.elevation,
        )


def _physically_possible(poses: dict[str, Pose]) -> dict[str, Pose]:
    problems = build_scene(poses).problems
    if problems:
        raise ValueError("; ".join(problems))
    return poses


KeyframeName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=24)]
Poses = Annotated[
    dict[KeyframeName, Pose],
    Field(min_length=1, max_length=4),
    AfterValidator(_physically_possible),
]
"""Named keyframes in order (e.g. start, end), checked together against the floor and walls."""
