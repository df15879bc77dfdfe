"""Dated records a person keeps (measurements) and routines a clinician hands out, as plain data.

These are what the exports take in: storage maps its rows to them, the CLI reads them from JSON.
A session log is a `FeedbackEntry` (domain/feedback.py); its measurements carry its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from midback.domain.exercise import Dose, ExerciseId
from midback.domain.feedback import FeedbackEntry
from midback.domain.profile import InputModel, Measurement

Source = Literal["baseline", "session", "check"]


class DatedMeasurement(Measurement):
    """One measured angle on a given day, and where it came from."""

    model_config = ConfigDict(title="MeasurementRecord")  # the name in the published JSON Schema

    date: date
    source: Source = Field(
        default="check",
        description="baseline: the profile's; session: logged with a session; check: on its own.",
    )


class HandoutItem(InputModel):
    """One exercise of a routine, with the dose the clinician chose (the library's if absent)."""

    model_config = ConfigDict(title="RoutineItem")  # the name in the published JSON Schema

    exercise: ExerciseId
    dose: Dose | None = None
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None


class HandoutRoutine(InputModel):
    """A short list of exercises with doses, outside a program (e.g. a clinician's handout)."""

    model_config = ConfigDict(title="Routine")  # the name in the published JSON Schema

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    items: list[HandoutItem] = Field(min_length=1, max_length=30)


def measurement_records(
    baseline: Sequence[Measurement],
    baseline_day: date,
    sessions: Sequence[FeedbackEntry] = (),
    checks: Sequence[DatedMeasurement] = (),
) -> list[DatedMeasurement]:
    """Every measurement with its date (baseline, logged with sessions, checks), by date."""
    records = [_record(m, baseline_day, "baseline") for m in baseline]
    records += [_record(m, entry.date, "session") for entry in sessions for m in entry.measurements]
    records += checks
    return sorted(records, key=lambda r: r.date)


def _record(measurement: Measurement, day: date, source: Source) -> DatedMeasurement:
    return DatedMeasurement(**measurement.model_dump(), date=day, source=source)
