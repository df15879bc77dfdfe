"""A person's profile: what the planner needs to know before building a program.

The screening answers (red flags) decide whether a program is built at all (clinical-facts §6);
time, equipment, positions and precautions decide what it may contain; measurements, each with
its protocol, decide where the emphasis goes (clinical-facts §1).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from midback.domain.vocabulary import Equipment, Position, Precaution


def compact_number(value: float) -> int | float:
    """A whole number as an int (24.0 → 24), anything else rounded to one decimal."""
    return int(value) if float(value).is_integer() else round(value, 1)


Degrees = Annotated[
    float, Field(ge=0, le=180), PlainSerializer(compact_number, return_type=int | float)
]
"""An angle in degrees, as measured (0–180)."""


MIN_AGE = 16
MAX_AGE = 100
"""The ages a profile accepts, in years: the one range the API, the forms and the checks use."""

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)


def _calendar_day(value: object) -> object:
    """Only a date or a YYYY-MM-DD string is a day: not a number (0 is not 1970-01-01), not a
    boolean, not a date-time."""
    if isinstance(value, date) or (isinstance(value, str) and len(value) == 10):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


def _in_range(day: date) -> date:
    """Days from EARLIEST_DAY to LATEST_DAY (a check, not `ge`/`le`: those would land in the
    JSON Schema as keywords that date strings do not have)."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"expected a date from {EARLIEST_DAY} to {LATEST_DAY}")
    return day


Day = Annotated[
    date,
    BeforeValidator(_calendar_day),
    AfterValidator(_in_range),
    Field(json_schema_extra={"format": "date"}),
]
"""A calendar day as people send it: YYYY-MM-DD, from 2000-01-01 to 2099-12-31."""


def _numeric(annotation: object) -> bool:
    """True for int and float fields (also optional ones), not for bool fields."""
    if annotation in (int, float):
        return True
    return any(a in (int, float) for a in get_args(annotation)) and bool not in get_args(annotation)


class InputModel(BaseModel):
    """Base for what people send in: immutable, and unknown fields are errors (typos), and
    true/false is not a number (lax parsing would read `false` as 0)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, value: object, info: ValidationInfo) -> object:
        field = cls.model_fields.get(info.field_name or "")
        if isinstance(value, bool) and field is not None and _numeric(field.annotation):
            raise ValueError("a number is needed, not true or false")
        return value


class RedFlag(StrEnum):
    """Health-screen answers (a "yes"); the screen's rules decide each one's tier.

    The name stays for compatibility: most are red flags, a few (a cancer history, steroid use,
    new pain) only matter in combination or change the program (clinical-facts §6).
    """

    UNEXPLAINED_WEIGHT_LOSS = "unexplained_weight_loss"
    HISTORY_OF_CANCER = "history_of_cancer"
    NIGHT_OR_REST_PAIN = "night_or_rest_pain"
    RECENT_TRAUMA = "recent_trauma"
    FEVER_OR_UNWELL = "fever_or_unwell"
    NUMBNESS_OR_WEAKNESS = "numbness_or_weakness"
    BLADDER_OR_BOWEL_CHANGE = "bladder_or_bowel_change"
    CHEST_PAIN_OR_BREATHLESSNESS = "chest_pain_or_breathlessness"
    STEROID_USE_LONG_TERM = "steroid_use_long_term"
    CHEST_PAIN = "chest_pain"
    SEVERE_BREATHLESSNESS = "severe_breathlessness"
    SADDLE_NUMBNESS = "saddle_numbness"
    RAPIDLY_WORSENING_WEAKNESS = "rapidly_worsening_weakness"
    SUDDEN_TEARING_PAIN = "sudden_tearing_pain"
    GAIT_OR_BALANCE_CHANGE = "gait_or_balance_change"
    CLUMSY_HANDS = "clumsy_hands"
    SYMPTOMS_ON_EXERTION = "symptoms_on_exertion"
    IMMUNOSUPPRESSION_OR_IV_DRUG_USE = "immunosuppression_or_iv_drug_use"
    RECENT_SPINAL_PROCEDURE_OR_INFECTION = "recent_spinal_procedure_or_infection"
    NEW_PAIN = "new_pain"
    PAIN_NOT_IMPROVING = "pain_not_improving"
    CONSTANT_OR_PROGRESSIVE_PAIN = "constant_or_progressive_pain"
    NON_MECHANICAL_PAIN = "non_mechanical_pain"
    PAIN_WITH_BREATHING_OR_COUGHING = "pain_with_breathing_or_coughing"
    PALPITATIONS = "palpitations"
    FAINTING = "fainting"
    INFLAMMATORY_FEATURES = "inflammatory_features"


class PainRegion(StrEnum):
    """Where pain is felt now."""

    NECK = "neck"
    UPPER_BACK = "upper_back"
    MID_BACK = "mid_back"
    LOW_BACK = "low_back"
    SHOULDER = "shoulder"
    RIBS = "ribs"


class Side(StrEnum):
    """The side a measurement or a per-side exercise is for; `both` when it has none."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Pain(InputModel):
    """Pain now, on the 0–10 numeric rating scale (clinical-facts §8)."""

    current: int = Field(ge=0, le=10, description="Pain right now, 0 (none) to 10 (worst).")
    regions: list[PainRegion] = Field(default_factory=list, description="Where it hurts.")
    weeks: int | None = Field(
        default=None, ge=0, le=520, description="How long this pain has been there, in weeks."
    )


ProtocolId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=64)]


class Measurement(InputModel):
    """One measured angle, always with the protocol it was measured by (clinical-facts §1)."""

    protocol: ProtocolId
    side: Side
    degrees: Degrees


class SurgerySite(StrEnum):
    """Where an operation was: what is safe afterwards depends on it (clinical-facts §9)."""

    SPINE = "spine"
    CHEST = "chest"
    BREAST = "breast"
    SHOULDER = "shoulder"
    ABDOMEN = "abdomen"
    OTHER = "other"


class Surgery(InputModel):
    """A recent operation: its site and how many weeks ago (unknown weeks count as recent)."""

    site: SurgerySite
    weeks_since: int | None = Field(default=None, ge=0, le=520)


Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class Profile(InputModel):
    """Everything the planner knows about a person."""

    age: int | None = Field(default=None, ge=MIN_AGE, le=MAX_AGE)
    sitting_hours_per_day: float = Field(ge=0, le=24)
    active_minutes_per_week: int | None = Field(default=None, ge=0, le=3000)
    minutes_per_day: int = Field(ge=5, le=60, description="Time for one session, in minutes.")
    days_per_week: int = Field(ge=1, le=7, description="Sessions per week.")
    equipment: list[Equipment] = Field(
        default_factory=list, description="Extras beyond floor space and a wall."
    )
    positions_to_avoid: list[Position] = Field(default_factory=list)
    pain: Pain | None = None
    red_flags: list[RedFlag] = Field(
        description="Screening answers; an empty list means none apply. Required on purpose: "
        "a forgotten screening must not read as a clean one."
    )
    precautions: list[Precaution] = Field(default_factory=list)
    surgery: Surgery | None = Field(
        default=None, description="The operation behind `recent_surgery`, when known."
    )
    pregnancy_trimester: int | None = Field(
        default=None, ge=1, le=3, description="With `pregnancy`; unknown plans as the later ones."
    )
    measurements: list[Measurement] = Field(default_factory=list)
    goals: list[Tag] = Field(default_factory=list, max_length=20)
    start_date: Day | None = None

    def current_pain(self) -> int:
        """Pain now (0 when not given): the baseline the next-day response is compared with."""
        return self.pain.current if self.pain else 0
