"""Outcome measures the person fills in: a pain rating (NPRS), their own everyday activities
(PSFS) and, at the re-tests, an overall rating of change (GROC).

The instruments are content (content/outcomes/*.yaml): their range, labels, when they are asked
and their minimal important change (MIC) with its source (clinical-facts §8). A change smaller
than the MIC is "not yet a change you would notice", the way a ROM change under the protocol's
MDC is "within measurement error" (clinical-facts §2).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from midback.domain.assessment import Result
from midback.domain.profile import InputModel


class Timepoint(StrEnum):
    """When an instrument is asked: before the program, and at the week 4 and 8 re-tests."""

    BASELINE = "baseline"
    WEEK_4 = "week_4"
    WEEK_8 = "week_8"

    @property
    def week(self) -> int:
        """The program week (0 for the baseline)."""
        return 0 if self is Timepoint.BASELINE else int(self.value.split("_")[1])

    @property
    def words(self) -> str:
        """'before you started', 'week 4'."""
        return "before you started" if self is Timepoint.BASELINE else f"week {self.week}"


class _Content(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mic(_Content):
    """The minimal important change: `points`, or `percent` of the starting score if smaller,
    never under `floor`; `item_points` for one activity of a list."""

    points: float = Field(gt=0)
    percent: float | None = Field(default=None, gt=0, le=100)
    floor: float | None = Field(default=None, gt=0)
    item_points: float | None = Field(default=None, gt=0)


class ActivityLimits(_Content):
    """How many activities the person names, and how long each name may be."""

    min: int = Field(ge=1, le=10)
    max: int = Field(ge=1, le=10)
    max_length: int = Field(ge=10, le=200)


class Loinc(_Content):
    """A LOINC code for the instrument's score, where one exists."""

    code: str = Field(pattern=r"^\d{1,7}-\d$")
    display: str


class Instrument(_Content):
    """One outcome measure as content."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=32)
    name: str = Field(min_length=1, max_length=60)
    long_name: str = Field(min_length=1, max_length=120)
    kind: Literal["score", "activities", "change"]
    question: str = Field(min_length=10)
    low: int
    high: int
    low_label: str
    high_label: str
    middle_label: str = ""
    better: Literal["lower", "higher"]
    activities: ActivityLimits | None = None
    timepoints: list[Timepoint] = Field(min_length=1)
    mic: Mic
    mic_source: str = Field(min_length=10)
    loinc: Loinc | None = None
    licence: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        if self.low >= self.high:
            raise ValueError("low must be below high")
        if (self.kind == "activities") != (self.activities is not None):
            raise ValueError("`activities` is given exactly when kind is 'activities'")
        if self.activities is not None and self.activities.min > self.activities.max:
            raise ValueError("activities: min must not be above max")
        if self.mic.points > self.high - self.low:
            raise ValueError("mic.points is larger than the whole scale")
        return self

    def asked_at(self, timepoint: Timepoint) -> bool:
        """Whether the instrument is asked at this timepoint."""
        return timepoint in self.timepoints


class ActivityScore(InputModel):
    """One activity the person named, rated low..high (range checked against the instrument)."""

    activity: str = Field(max_length=200, description="Checked against the instrument.")
    score: int


class OutcomeInput(InputModel):
    """One filled-in instrument: a score, or the activities with their scores."""

    instrument: str = Field(max_length=32, description="nprs, psfs or groc.")
    timepoint: Timepoint | None = Field(
        default=None, description="baseline, week_4 or week_8; default: the check-in due now."
    )
    taken_on: date | None = Field(default=None, description="Default: today.")
    score: int | None = Field(default=None, description="The rating (nprs, groc).")
    activities: list[ActivityScore] | None = Field(
        default=None, description="psfs: 3 to 5 activities, each rated 0 to 10."
    )


class OutcomeRecord(Result):
    """A stored answer: `score` is the rating, or the average of the activities (psfs)."""

    id: int
    instrument: str
    timepoint: Timepoint
    taken_on: date
    score: float
    activities: list[ActivityScore]
    recorded_by: int | None
    recorded_at: datetime


Problem = tuple[str, str]
"""(field, message) for one thing wrong with an answer."""


def answer_problems(answer: OutcomeInput, instrument: Instrument) -> list[Problem]:
    """Everything wrong with an answer to `instrument` (every problem, not the first)."""
    lo, hi = instrument.low, instrument.high
    problems: list[Problem] = []
    if answer.timepoint is not None and not instrument.asked_at(answer.timepoint):
        when = ", ".join(t.value for t in instrument.timepoints)
        problems.append(("timepoint", f"{instrument.id} is asked at {when} only"))
    if instrument.kind != "activities":
        if answer.activities is not None:
            problems.append(("activities", f"{instrument.id} takes a score, not activities"))
        if answer.score is None:
            problems.append(("score", f"give a whole number from {lo} to {hi}"))
        elif not lo <= answer.score <= hi:
            problems.append(("score", f"must be from {lo} to {hi}"))
        return problems
    limits = instrument.activities
    assert limits is not None
    if answer.score is not None:
        problems.append(("score", "psfs takes activities; their average is worked out for you"))
    items = answer.activities or []
    if not limits.min <= len(items) <= limits.max:
        message = f"name {limits.min} to {limits.max} activities, each with a score"
        problems.append(("activities", message))
    names: set[str] = set()
    for index, item in enumerate(items):
        name = " ".join(item.activity.split())
        if not name or len(name) > limits.max_length:
            message = f"say what the activity is in 1 to {limits.max_length} characters"
            problems.append((f"activities.{index}.activity", message))
        elif name.casefold() in names:
            problems.append((f"activities.{index}.activity", "this activity is listed twice"))
        names.add(name.casefold())
        if not lo <= item.score <= hi:
            problems.append((f"activities.{index}.score", f"must be from {lo} to {hi}"))
    return problems


def tidy_activities(items: Sequence[ActivityScore]) -> list[ActivityScore]:
    """Activities with their names' spacing tidied (what is stored and compared)."""
    return [ActivityScore(activity=" ".join(i.activity.split()), score=i.score) for i in items]


def score_of(answer: OutcomeInput, instrument: Instrument) -> float:
    """The number stored for an answer already checked: the rating, or the activities' mean."""
    if instrument.kind == "activities":
        items = answer.activities or []
        return round(sum(i.score for i in items) / len(items), 1)
    assert answer.score is not None
    return float(answer.score)


class OutcomeEntry(BaseModel):
    """An answer as the person's own export holds it (and an import takes it back)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str = Field(max_length=32)
    timepoint: Timepoint
    taken_on: date
    score: float = Field(description="The rating, or the activities' average (psfs).")
    activities: list[ActivityScore] = Field(default_factory=list)

    @classmethod
    def of(cls, record: OutcomeRecord) -> OutcomeEntry:
        """A stored answer as an export entry."""
        return cls(
            instrument=record.instrument,
            timepoint=record.timepoint,
            taken_on=record.taken_on,
            score=record.score,
            activities=list(record.activities),
        )

    def as_input(self) -> OutcomeInput:
        """The entry as an answer, to check it like one (a rating must be a whole number)."""
        whole = int(self.score) if float(self.score).is_integer() else None
        return OutcomeInput(
            instrument=self.instrument,
            timepoint=self.timepoint,
            taken_on=self.taken_on,
            score=None if self.activities else whole,
            activities=list(self.activities) or None,
        )
