"""A person's own data as CSV (for spreadsheets) and JSON (to keep, move, or import again).

The JSON document is versioned (`format`, `version`) and holds everything as the app holds it,
so importing an export gives back exactly what was exported. The CSV files are flat views for
reading and charting; they are not meant to be imported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from midback.domain.feedback import FeedbackEntry
from midback.domain.intake import InputError, InputProblem
from midback.domain.outcomes import OutcomeEntry
from midback.domain.profile import Profile
from midback.domain.records import DatedMeasurement, measurement_records

EXPORT_FORMAT = "midback-export"
EXPORT_VERSION = 1

SESSION_COLUMNS = (
    "date",
    "completed",
    "pain_during",
    "pain_next_day",
    "difficulty",
    "painful_exercises",
    "measurements",
    "new_symptoms",
    "seen_clinician",
)
MEASUREMENT_COLUMNS = ("date", "protocol", "side", "degrees", "source")
OUTCOME_COLUMNS = ("date", "instrument", "timepoint", "score", "activities")


class PersonExport(BaseModel):
    """Everything a person has told midback, as one JSON document (format version 1)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["midback-export"] = "midback-export"
    version: Literal[1] = 1
    exported_at: AwareDatetime
    profile: Profile | None = Field(default=None, description="The profile, if one was given.")
    sessions: list[FeedbackEntry] = Field(
        default_factory=list, description="Logged sessions, with measurements taken in them."
    )
    measurements: list[DatedMeasurement] = Field(
        default_factory=list, description="Measurements taken apart from a logged session."
    )
    outcomes: list[OutcomeEntry] = Field(
        default_factory=list,
        description="Outcome measures (pain rating, activities, rating of change), oldest first.",
    )

    def all_measurements(self, baseline_day: date | None = None) -> list[DatedMeasurement]:
        """Every measurement with a date: the profile's (on its start date), sessions', checks'."""
        profile = self.profile
        baseline = profile.measurements if profile else []
        day = baseline_day or (profile.start_date if profile else None) or self.exported_at.date()
        return measurement_records(baseline, day, self.sessions, self.measurements)


def export_json(document: PersonExport) -> bytes:
    """The document as UTF-8 JSON, keys in a fixed order, ready to save."""
    return (document.model_dump_json(indent=2) + "\n").encode("utf-8")


def import_json(data: bytes | str) -> PersonExport:
    """A document from an export file, or InputError listing every problem found."""
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError([InputProblem((), f"not valid JSON: {error}")]) from None
    if isinstance(raw, dict) and raw.get("format") not in (None, EXPORT_FORMAT):
        problem = f"not a midback export (format is {raw.get('format')!r})"
        raise InputError([InputProblem(("format",), problem)])
    if isinstance(raw, dict) and raw.get("version", EXPORT_VERSION) != EXPORT_VERSION:
        problem = f"export version {raw.get('version')!r} is not supported (expected 1)"
        raise InputError([InputProblem(("version",), problem)])
    try:
        return PersonExport.model_validate(raw)
    except ValidationError as error:
        problems = [InputProblem(tuple(e["loc"]), e["msg"]) for e in error.errors()]
        raise InputError(problems) from None


def sessions_csv(sessions: Sequence[FeedbackEntry]) -> bytes:
    """One row per logged session; lists joined with ';', empty cells for unknown values."""
    rows = [
        {
            "date": entry.date.isoformat(),
            "completed": "yes" if entry.completed else "no",
            "pain_during": _cell(entry.pain_during),
            "pain_next_day": _cell(entry.pain_next_day),
            "difficulty": _cell(entry.difficulty),
            "painful_exercises": ";".join(entry.painful_exercises),
            "measurements": len(entry.measurements),
            "new_symptoms": ";".join(entry.new_symptoms),
            "seen_clinician": "yes" if entry.seen_clinician else "no",
        }
        for entry in sorted(sessions, key=lambda e: e.date)
    ]
    return _csv(SESSION_COLUMNS, rows)


def measurements_csv(records: Sequence[DatedMeasurement]) -> bytes:
    """One row per measurement: date, protocol, side, degrees and where it came from."""
    rows = [
        {**record.model_dump(mode="json"), "date": record.date.isoformat()}
        for record in sorted(records, key=lambda r: (r.date, r.protocol, r.side))
    ]
    return _csv(MEASUREMENT_COLUMNS, rows)


def outcomes_csv(entries: Sequence[OutcomeEntry]) -> bytes:
    """One row per answer; a psfs answer lists its activities as 'name=score' joined by ';'."""
    rows = [
        {
            "date": entry.taken_on.isoformat(),
            "instrument": entry.instrument,
            "timepoint": entry.timepoint.value,
            "score": f"{entry.score:g}",
            "activities": ";".join(f"{a.activity}={a.score}" for a in entry.activities),
        }
        for entry in entries
    ]
    return _csv(OUTCOME_COLUMNS, rows)


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> bytes:
    """CSV with a header row, CRLF line ends (RFC 4180) and a BOM so spreadsheets read UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def person_export(
    *,
    profile: Profile | None,
    sessions: Sequence[FeedbackEntry],
    measurements: Sequence[DatedMeasurement] = (),
    exported_at: datetime,
    outcomes: Sequence[OutcomeEntry] = (),
) -> PersonExport:
    """The export document for one person."""
    return PersonExport(
        exported_at=exported_at,
        profile=profile,
        sessions=sorted(sessions, key=lambda e: e.date),
        measurements=list(measurements),
        outcomes=list(outcomes),
    )
