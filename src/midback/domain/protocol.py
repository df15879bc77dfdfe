"""Measurement protocols: how an angle is measured, what it is compared with, how noisy it is.

Published thoracic ranges differ widely by method (clinical-facts §1), so a measurement is only
ever compared with the reference value of its own protocol, and a change smaller than the
protocol's minimal detectable change (MDC, default 6°, clinical-facts §2) is not called progress.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from midback.domain.exercise import ContentModel, Text
from midback.domain.profile import ProtocolId, Side
from midback.domain.protocol_method import Method
from midback.domain.vocabulary import Target

DEFAULT_MDC = 6.0
"""Upper end of the MDC range for thoracic rotation tests (Johnson et al. 2012, §2)."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]


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

    @model_validator(mode="after")
    def _reference_is_plausible(self) -> Protocol:
        if self.reference > self.max_degrees:
            raise ValueError(
                f"reference ({self.reference}°) is above max_degrees ({self.max_degrees}°)"
            )
        return self

    def sides(self) -> tuple[Side, ...]:
        """The sides a measurement by this protocol may name."""
        return (Side.LEFT, Side.RIGHT) if self.per_side else (Side.BOTH,)
