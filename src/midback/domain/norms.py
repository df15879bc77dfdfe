"""Whether a reading is "limited": judged against the spread of normal values for its protocol.

A value is limited when it lies below the protocol's mean minus 1.5 standard deviations
(LIMIT_SDS), in the age band the person belongs to where the source gives bands. The minimal
detectable change is not used here: it says how much a re-test can differ, which is about change
over time, not about where a value sits among healthy people (clinical-facts §2).

Where the source gives no spread, or the reference itself is unverified (a rule of thumb, a value
quoted second-hand), a low reading is only "below the reference": it informs the emphasis but
never dominates it (assessment.INFORM_WEIGHT). A reference measured in young adults does not call
a limit in people over AGE_RANGES_FALL, since rotation and side bending fall with age, mostly
after 60 (clinical-facts §1).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

LIMIT_SDS = 1.5
"""How far below the mean, in standard deviations, a value counts as limited (about the lowest
7% of healthy people if values are normally spread)."""
AGE_RANGES_FALL = 60
"""Above this age thoracic ranges fall (clinical-facts §1): young-adult norms only inform."""

Status = Literal["limited", "below_reference", "typical"]


class _Content(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AgeBand(_Content):
    """Normal values for one age band, where the source reports bands."""

    min_age: int = Field(ge=0, le=120)
    max_age: int = Field(ge=0, le=120)
    mean: float = Field(gt=0, le=180)
    sd: float | None = Field(default=None, gt=0, le=90)

    @model_validator(mode="after")
    def _ordered(self) -> AgeBand:
        if self.max_age < self.min_age:
            raise ValueError(f"max_age ({self.max_age}) is below min_age ({self.min_age})")
        return self


class Norm(_Content):
    """Normal values for a protocol: mean, spread and who was measured, with the source."""

    mean: float = Field(gt=0, le=180, description="Mean of healthy people, degrees.")
    sd: float | None = Field(
        default=None, gt=0, le=90, description="Standard deviation; absent if not published."
    )
    sample: str = Field(min_length=3, max_length=200, description="Who was measured.")
    young_adults: bool = Field(
        default=False, description="Measured in young adults only (norms inform over 60)."
    )
    verified: bool = Field(
        description="False for rule-of-thumb or second-hand values: they inform, never decide."
    )
    bands: list[AgeBand] = Field(default_factory=list, description="Age bands, if any.")

    def for_age(self, age: int | None) -> tuple[float, float | None, str | None]:
        """Mean, spread and band label for `age` (the whole sample when no band fits)."""
        for band in self.bands:
            if age is not None and band.min_age <= age <= band.max_age:
                return band.mean, band.sd, f"ages {band.min_age}–{band.max_age}"
        return self.mean, self.sd, None


class Judgement(BaseModel):
    """Where a reading sits against the norm."""

    model_config = ConfigDict(frozen=True)

    status: Status
    mean: float
    sd: float | None
    limit: float | None
    band: str | None
    decisive: bool
    """True when the norm can call a limit: a verified spread that fits the person's age."""


def judge(degrees: float, norm: Norm, age: int | None) -> Judgement:
    """Limited below mean − 1.5 SD of a verified, age-fitting norm; else at most below it."""
    mean, sd, band = norm.for_age(age)
    limit = round(mean - LIMIT_SDS * sd, 1) if sd is not None else None
    too_old = norm.young_adults and age is not None and age > AGE_RANGES_FALL and band is None
    decisive = limit is not None and norm.verified and not too_old
    if decisive and limit is not None and degrees < limit:
        status: Status = "limited"
    elif degrees < (limit if limit is not None else mean):
        status = "below_reference"
    else:
        status = "typical"
    return Judgement(status=status, mean=mean, sd=sd, limit=limit, band=band, decisive=decisive)
