"""How a protocol is measured with a phone: the sensor, where the phone goes, what is zeroed and
read, the trials and how they combine, and this method's own error (clinical-facts §2, §10).

Kept apart from the protocol's reference values: the method is how to take the number, the
reference is what to compare it with.

The rule that matters most is physical: a phone's tilt (gravity) sensor cannot see a turn about
the vertical, so a protocol whose body turns about a vertical axis must read the gyroscope's
orientation (`sensor: orientation`, `reading: twist`). Tilt readings name the phone axis the
movement turns about, which must stay roughly horizontal while measuring.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from midback.domain.exercise import ContentModel, ExerciseId, Text
from midback.domain.inclinometer import Axis
from midback.domain.vocabulary import Equipment, Position


class Sensor(StrEnum):
    """Which phone sensor the reading comes from."""

    GRAVITY = "gravity"  # accelerometer/gravity: tilt against gravity, like an inclinometer
    ORIENTATION = "orientation"  # gyroscope (with accelerometer): turns about any axis


class Reading(StrEnum):
    """What is computed from the sensor."""

    TILT = "tilt"  # change of tilt about one phone axis, zeroed at the start position
    TWO_POINT = "two_point"  # tilt at an upper spine point minus tilt at a lower one
    TWIST = "twist"  # turn about the Earth's vertical, from orientation quaternions


class TurnAxis(StrEnum):
    """The axis the body turns about during the test, in the room."""

    VERTICAL = "vertical"
    HORIZONTAL = "horizontal"


class Holder(StrEnum):
    """Who holds the phone."""

    PARTNER = "partner"
    SELF = "self"


class BodyPoint(StrEnum):
    """Where the phone goes, as marked on the illustration."""

    UPPER_BACK = "upper_back"  # across the spine at about T1-T2
    T1 = "t1"
    T12 = "t12"
    BREASTBONE = "breastbone"
    SHOULDERS = "shoulders"  # on a stick held across the front of the shoulders
    UPPER_ARM = "upper_arm"


VariantId = Annotated[str, StringConstraints(pattern=r"^[a-z]+(?:-[a-z]+)*$", max_length=32)]

READING_SENSOR = {
    Reading.TILT: Sensor.GRAVITY,
    Reading.TWO_POINT: Sensor.GRAVITY,
    Reading.TWIST: Sensor.ORIENTATION,
}


class MethodVariant(ContentModel):
    """One way of holding the phone for a protocol (with a partner, or on your own)."""

    id: VariantId
    holder: Holder
    places: list[BodyPoint] = Field(
        min_length=1, max_length=2, description="Where the phone goes (two for two-point)."
    )
    axis: Axis | None = Field(
        default=None, description="Tilt readings: the phone axis the movement turns about."
    )
    equipment: list[Equipment] = Field(
        default_factory=list, description="What this way needs beyond floor space and a wall."
    )
    illustration: ExerciseId = Field(
        description="An exercise whose first pose shows the start position (drawn with the "
        "phone marked)."
    )
    placement: Text = Field(description="Where the phone goes and how it is held.")
    start: Text = Field(description="The start position, where the phone is zeroed.")
    read: Text = Field(description="The end position, where the reading is taken.")
    less_accurate: Text | None = Field(
        default=None, description="Why this variant is less accurate than the partner one."
    )
    error: float | None = Field(
        default=None, gt=0, le=30, description="This variant's own error, ±°, if larger."
    )


class Method(ContentModel):
    """Measuring a protocol with the phone's sensors."""

    sensor: Sensor
    reading: Reading
    turn_about: TurnAxis = Field(description="The axis the body turns about, in the room.")
    position: Position = Field(description="The position the test is done in.")
    trials: int = Field(default=3, ge=1, le=5, description="Trials per side.")
    combine: Literal["mean"] = Field(default="mean", description="How trials combine.")
    mdc: float = Field(gt=0, le=30, description="Minimal detectable change of this method, °.")
    error: float = Field(gt=0, le=30, description="Measurement error shown with a result, ±°.")
    evidence: list[Text] = Field(min_length=1, description="Sources for the method and figures.")
    variants: list[MethodVariant] = Field(min_length=1)

    @model_validator(mode="after")
    def _physically_readable(self) -> Method:
        if self.turn_about is TurnAxis.VERTICAL and self.sensor is not Sensor.ORIENTATION:
            raise ValueError(
                "a turn about the vertical needs sensor 'orientation': "
                "a tilt (gravity) sensor does not see it"
            )
        if READING_SENSOR[self.reading] is not self.sensor:
            raise ValueError(
                f"reading '{self.reading}' needs sensor '{READING_SENSOR[self.reading]}'"
            )
        for variant in self.variants:
            self._check_variant(variant)
        ids = [v.id for v in self.variants]
        if len(set(ids)) != len(ids):
            raise ValueError("variant ids must differ")
        holders = {v.holder for v in self.variants}
        for variant in self.variants:
            if Holder.PARTNER in holders and variant.holder is Holder.SELF:
                if variant.less_accurate is None:
                    raise ValueError(
                        f"variant '{variant.id}': a self-measured variant beside a partner "
                        "one must say why it is less accurate (less_accurate)"
                    )
        return self

    def _check_variant(self, variant: MethodVariant) -> None:
        needs_axis = self.reading is not Reading.TWIST
        if needs_axis and variant.axis is None:
            raise ValueError(f"variant '{variant.id}': a tilt reading needs the phone axis")
        if not needs_axis and variant.axis is not None:
            raise ValueError(f"variant '{variant.id}': a twist reading takes no phone axis")
        wanted = 2 if self.reading is Reading.TWO_POINT else 1
        if len(variant.places) != wanted:
            raise ValueError(
                f"variant '{variant.id}': reading '{self.reading}' takes {wanted} place(s)"
            )

    def error_of(self, variant: MethodVariant) -> float:
        """The ± shown with a result taken this way."""
        return max(self.error, variant.error or 0.0)

    def variant(self, variant_id: str) -> MethodVariant | None:
        """The variant with this id, if any."""
        return next((v for v in self.variants if v.id == variant_id), None)
