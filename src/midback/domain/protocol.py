"""Measurement protocols: how an angle is measured, what it is compared with, how noisy it is.

Published thoracic ranges differ widely by method (clinical-facts §1), so a measurement is only
ever compared with the reference value of its own protocol. Whether a value is limited is judged
against the protocol's normal spread (`norm`, domain/norms.py); a change smaller than the
protocol's minimal detectable change (MDC, default 6°, clinical-facts §2) is not called progress.

Every protocol names the instruments that can read it (`instruments`): a turn about the vertical
is invisible to a level (inclinometer) app lying flat, so it needs a compass or gyroscope heading,
or a goniometer (clinical-facts §10).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from midback.domain.exercise import ContentModel, Text
from midback.domain.norms import Norm
from midback.domain.profile import ProtocolId, Side
from midback.domain.protocol_method import BodyPoint, Method, Reading, Sensor, TurnAxis
from midback.domain.vocabulary import Target

DEFAULT_MDC = 6.0
"""Upper end of the MDC range for thoracic rotation tests (Johnson et al. 2012, §2)."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]


class Instrument(StrEnum):
    """What can read a protocol's angle."""

    HEADING = "heading"  # a phone's compass or gyroscope heading: turns about the vertical
    INCLINOMETER = "inclinometer"  # a level app or bubble inclinometer: tilt against gravity
    GONIOMETER = "goniometer"  # a clinician's goniometer
    PHOTO = "photo"  # angles drawn on a photograph


SENSOR_INSTRUMENT = {
    Sensor.ORIENTATION: Instrument.HEADING,
    Sensor.GRAVITY: Instrument.INCLINOMETER,
}


class Protocol(ContentModel):
    """One way of measuring a thoracic (or shoulder) angle, with its reference and sources."""

    id: ProtocolId
    name: Name
    target: Target = Field(description="The direction of movement this protocol measures.")
    per_side: bool = Field(description="Measured left and right (else once, side 'both').")
    reference: float = Field(gt=0, le=180, description="Reference value for this protocol, °.")
    reference_source: Text
    mdc: float = Field(default=DEFAULT_MDC, gt=0, le=30, description="Minimal detectable change.")
    mdc_source: Text
    max_degrees: float = Field(gt=0, le=180, description="Largest plausible reading, °.")
    minutes: float = Field(default=2, gt=0, le=15, description="Time it takes to measure.")
    how_to: list[Text] = Field(min_length=2, description="Plain-words steps to measure.")
    meaning: Text = Field(description="What a low value means, in plain words.")
    method: Method | None = Field(
        default=None, description="How to measure it with a phone's sensors, if a phone can."
    )
    instruments: list[Instrument] = Field(
        min_length=1,
        description="What can read this angle: a turn about the vertical needs a heading "
        "(compass or gyroscope) or a goniometer; a level app lying flat cannot see it.",
    )
    norm: Norm | None = Field(
        default=None,
        description="Normal values (mean, spread, who was measured) that decide whether a "
        "reading is limited; without one the reference only informs.",
    )
    landmarks: list[BodyPoint] = Field(
        default_factory=list,
        description="The body points the reference was measured between; a two-point phone "
        "method must use the same ones.",
    )

    @model_validator(mode="after")
    def _reference_is_plausible(self) -> Protocol:
        if self.reference > self.max_degrees:
            raise ValueError(
                f"reference ({self.reference}°) is above max_degrees ({self.max_degrees}°)"
            )
        return self

    @model_validator(mode="after")
    def _instruments_can_read_it(self) -> Protocol:
        if self.norm is not None and abs(self.norm.mean - self.reference) > 0.05:
            raise ValueError(
                f"norm.mean ({self.norm.mean}°) differs from reference ({self.reference}°)"
            )
        method = self.method
        if method is None:
            return self
        if method.turn_about is TurnAxis.VERTICAL and Instrument.INCLINOMETER in self.instruments:
            raise ValueError(
                "instruments: a level (inclinometer) app cannot read a turn about the vertical; "
                "use 'heading' or 'goniometer'"
            )
        needed = SENSOR_INSTRUMENT[method.sensor]
        if needed not in self.instruments:
            raise ValueError(f"instruments: the phone method reads '{needed}', so list it")
        if method.reading is Reading.TWO_POINT and self.landmarks:
            for variant in method.variants:
                if variant.places != self.landmarks:
                    raise ValueError(
                        f"variant '{variant.id}' measures at {[p.value for p in variant.places]} "
                        f"but the reference was measured at {[p.value for p in self.landmarks]}"
                    )
        return self

    def sides(self) -> tuple[Side, ...]:
        """The sides a measurement by this protocol may name."""
        return (Side.LEFT, Side.RIGHT) if self.per_side else (Side.BOTH,)
