"""A person's own data as CSV (for spreadsheets) and JSON (to keep, move, or import again).

The JSON document is versioned (`format`, `version`) and holds everything as the app holds it,
so importing an export gives back exactly what was exported. Version 2 adds the display name,
the reminder settings and the current program with its pauses; a version 1 file (without them)
still imports. The CSV files are flat views for
reading and charting; they are not meant to be imported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from midback.domain.feedback import FeedbackEntry
from midback.domain.intake import InputError, InputProblem
from midback.domain.outcomes import OutcomeEntry
from midback.domain.profile import Profile
from midback.domain.records import DatedMeasurement, measurement_records
from midback.domain.reminders import (
    DEFAULT_BREAK_MINUTES,
    DEFAULT_CHECK_IN_TIME,
    DEFAULT_QUIET_END,
    DEFAULT_QUIET_START,
    DEFAULT_SESSION_TIME,
    DEFAULT_WORK_END,
    DEFAULT_WORK_START,
    ReminderPrefs,
)

EXPORT_FORMAT = "midback-export"
EXPORT_VERSION: Literal[2] = 2
VERSIONS = (1, 2)
"""Versions this server reads: each later one only adds optional parts."""
MAX_PAUSES = 1000


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PauseEntry(_Part):
    """Days off the program: from `start` up to (not including) `end`; `end` null while on."""

    start: date
    end: date | None = None


class ProgramEntry(_Part):
    """The current program: which one, the day it started, and its pauses (oldest first)."""

    program: str = Field(min_length=1, max_length=100, description="The program's id.")
    start_date: date
    pauses: list[PauseEntry] = Field(default_factory=list, max_length=MAX_PAUSES)


class ReminderSettings(_Part):
    """What the person wants to be reminded of and when, in their own time zone (push comes
    back off: each browser or phone subscribes again)."""

    time_zone: str = Field(default="UTC", min_length=1, max_length=64)
    email: bool = False
    sessions: bool = True
    session_time: time = DEFAULT_SESSION_TIME
    check_in: bool = True
    check_in_time: time = DEFAULT_CHECK_IN_TIME
    breaks: bool = False
    work_start: time = DEFAULT_WORK_START
    work_end: time = DEFAULT_WORK_END
    break_minutes: int = Field(default=DEFAULT_BREAK_MINUTES, ge=10, le=240)
    quiet_start: time | None = DEFAULT_QUIET_START
    quiet_end: time | None = DEFAULT_QUIET_END
    alerts: bool = Field(default=True, description="A clinician's emails about patients.")

    @classmethod
    def of(cls, prefs: ReminderPrefs) -> ReminderSettings:
        """The settings of saved preferences (the push channel left out)."""
        return cls(
            time_zone=prefs.time_zone,
            email=prefs.email,
            sessions=prefs.sessions,
            session_time=prefs.session_time,
            check_in=prefs.check_in,
            check_in_time=prefs.check_in_time,
            breaks=prefs.breaks,
            work_start=prefs.work_start,
            work_end=prefs.work_end,
            break_minutes=prefs.break_minutes,
            quiet_start=prefs.quiet_start,
            quiet_end=prefs.quiet_end,
            alerts=prefs.alerts,
        )

    def prefs(self, user_id: int) -> ReminderPrefs:
        """The preferences to save for `user_id` (push off)."""
        return ReminderPrefs(user_id=user_id, push=False, **self.model_dump())


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
    """Everything a person has told midback, as one JSON document (format version 2)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["midback-export"] = "midback-export"
    version: Literal[1, 2] = Field(
        default=EXPORT_VERSION, description="2 adds display_name, reminders and program."
    )
    exported_at: AwareDatetime
    display_name: str = Field(
        default="", max_length=80, description="How the person likes to be named (version 2)."
    )
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
    reminders: ReminderSettings | None = Field(
        default=None, description="Reminder settings, if any were saved (version 2)."
    )
    program: ProgramEntry | None = Field(
        default=None, description="The current program with its pauses, if any (version 2)."
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
    if isinstance(raw, dict) and raw.get("version", EXPORT_VERSION) not in VERSIONS:
        problem = f"export version {raw.get('version')!r} is not supported (expected 1 or 2)"
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
    display_name: str = "",
    reminders: ReminderSettings | None = None,
    program: ProgramEntry | None = None,
) -> PersonExport:
    """The export document for one person."""
    return PersonExport(
        exported_at=exported_at,
        display_name=display_name,
        profile=profile,
        sessions=sorted(sessions, key=lambda e: e.date),
        measurements=list(measurements),
        outcomes=list(outcomes),
        reminders=reminders,
        program=program,
    )
