"""Clearances as recorded: who said a health-check outcome no longer blocks, and when.

A person may record that a clinician cleared them (they confirm they were seen); a clinician
linked to the person records it directly. Emergencies are cleared by a clinician only
(`screening.clears`). Each record is audited.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import Field

from midback.domain.assessment import Result
from midback.domain.profile import InputModel
from midback.domain.screening import Clearance

MAX_DAYS_BACK = 366
"""A clearance older than a year no longer says much about today."""


class ClearanceRecord(Result):
    """A stored clearance with its scope, note and author."""

    id: int
    clearance: Clearance
    scope: str
    note: str
    recorded_by: int | None
    recorded_at: datetime


class ClearanceRequest(InputModel):
    """What a person or clinician sends to record a clearance."""

    rule: str = Field(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=64)
    cleared_on: date
    scope: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=1000)
    confirm: bool = Field(
        default=False, description="The person confirms a clinician saw them and cleared this."
    )


def date_problem(cleared_on: date, today: date) -> str | None:
    """Why a clearance date cannot be right (in the future, or too long ago), or None."""
    if cleared_on > today:
        return "a clearance cannot be dated in the future"
    if cleared_on < today - timedelta(days=MAX_DAYS_BACK):
        return "a clearance more than a year old no longer applies; see a clinician again"
    return None
