"""A person's program and results as a FHIR Bundle, the door into clinics' records.

fhir.resources 8 offers FHIR R5 and R4B (not plain R4); this module builds R4B resources, which
keep R4's shape for everything used here, and tests also validate the Bundle against HL7's R4 JSON
Schema. The Bundle states its version in `meta.tag` and the API in its media type.

- The person: a Patient whose identifier is unique across installations (`identifier_system` is
  the installation's `urn:uuid:`, or a URI the installation configures) and stable across exports.
- A measurement: an Observation coded SNOMED CT "Range of joint movement" beside midback's
  protocol code, degrees in UCUM `deg`, SNOMED CT laterality as a component.
- The program: a CarePlan with one activity per planned session; a plan that is not ok (a
  referral, or any later status such as a hold) is a Flag carrying the reasons.
- A completed session: a Procedure, with pain during it (LOINC 72514-3), pain the next morning
  and difficulty as Observations.
- An outcome measure: a survey Observation coded with midback's instrument code (and LOINC
  72514-3 for the pain rating); a PSFS answer carries each activity as a component, and every
  answer its timepoint (baseline, week 4, week 8).

Every resource is built through the library's models, so a Bundle that is returned is valid R4B.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from midback.domain.exercise import Exercise
from midback.domain.feedback import FeedbackEntry
from midback.domain.outcomes import OutcomeEntry
from midback.domain.plan import Plan, PlannedSession
from midback.domain.program import Program
from midback.domain.protocol import Protocol
from midback.domain.records import DatedMeasurement
from midback.exports import fhir_codes as codes
from midback.exports.fhir_codes import coding
from midback.exports.plain import plain_text
from midback.exports.plan_text import session_lines

_NAMESPACE = uuid.UUID("0b6c7d3e-55a4-4f0e-8e4a-6d6964666869")
"""Fixed forever: full URLs are UUIDv5 of (identifier system, person key, resource)."""


@dataclass(frozen=True)
class Standing:
    """Where the person stands when the program is not simply ok: a referral ("refer"), or any
    status added later (a hold until a clinician clears them), with its reasons in words."""

    status: str
    reasons: Sequence[str] = ()


@dataclass(frozen=True)
class FhirInput:
    """Everything one person's Bundle is built from.

    `identifier_system` and `person_key` together name the person in every installation's
    exports: the system is the installation's own (e.g. `urn:uuid:<installation id>`), the key
    the person's within it.
    """

    person_key: str
    identifier_system: str
    measurements: Sequence[DatedMeasurement]
    sessions: Sequence[FeedbackEntry]
    protocols: Mapping[str, Protocol]
    plan: Plan | None = None
    program: Program | None = None
    exercises: Mapping[str, Exercise] | None = None
    standing: Standing | None = None
    """Overrides the plan's status, e.g. a referral of a person who has no program."""
    outcomes: Sequence[OutcomeEntry] = ()

    def current_standing(self) -> Standing | None:
        """The standing given, else the plan's status and reasons."""
        if self.standing is not None:
            return self.standing
        return Standing(str(self.plan.status), self.plan.reasons) if self.plan else None


def fhir_bundle(data: FhirInput, *, generated: datetime) -> bytes:
    """The person's Bundle (type collection) as FHIR JSON, validated by fhir.resources."""
    builder = _Builder(data, generated.date())
    entries = [builder.patient()]
    standing = data.current_standing()
    if standing is not None and standing.status != "ok":
        entries.append(builder.flag(standing))
    entries += [builder.measurement(record) for record in data.measurements]
    if data.plan and data.program and data.plan.sessions():
        entries.append(builder.care_plan(data.plan, data.program))
    for entry in sorted(data.sessions, key=lambda e: e.date):
        if entry.completed:
            entries += builder.session(entry)
    entries += [builder.outcome(index, answer) for index, answer in enumerate(data.outcomes)]
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "meta": {"tag": [coding(codes.FHIR_VERSION_SYSTEM, codes.FHIR_VERSION)]},
            "identifier": {
                "system": codes.URI_SYSTEM,
                "value": builder.urn("bundle", f"{generated}"),
            },
            "type": "collection",
            "timestamp": generated.isoformat(),
            "entry": entries,
        }
    )
    return bundle.model_dump_json(exclude_none=True, indent=2).encode("utf-8")


class _Builder:
    """Resources for one person, each with a stable urn:uuid so references hold."""

    def __init__(self, data: FhirInput, today: date) -> None:
        self.data = data
        self.today = today
        self.subject = {"reference": self.urn("patient", "")}

    def urn(self, kind: str, key: str) -> str:
        """A stable full URL for one resource of this person."""
        person = f"{self.data.identifier_system}|{self.data.person_key}"
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{person}|{kind}|{key}')}"

    def entry(self, url: str, resource: dict[str, Any]) -> dict[str, Any]:
        """A Bundle entry."""
        return {"fullUrl": url, "resource": resource}

    def patient(self) -> dict[str, Any]:
        """The person, known to midback only by their key in this installation."""
        identifier = [{"system": self.data.identifier_system, "value": self.data.person_key}]
        return self.entry(
            self.urn("patient", ""), {"resourceType": "Patient", "identifier": identifier}
        )

    def flag(self, standing: Standing) -> dict[str, Any]:
        """A standing that is not ok (a referral, a hold) as an active Flag with its reasons."""
        status = standing.status
        headline = codes.PLAN_STATUS_TEXT.get(status, f"Program status: {status}")
        reasons = [plain_text(reason) for reason in standing.reasons]
        resource = {
            "resourceType": "Flag",
            "status": "active",
            "category": [{"coding": [coding(codes.FLAG_CATEGORY_SYSTEM, "clinical", "Clinical")]}],
            "code": {
                "coding": [coding(codes.PLAN_STATUS_SYSTEM, status, headline)],
                "text": headline + (f": {'; '.join(reasons)}" if reasons else ""),
            },
            "subject": self.subject,
            "period": {"start": self.today.isoformat()},
        }
        return self.entry(self.urn("flag", f"{status}|{self.today}"), resource)

    def measurement(self, record: DatedMeasurement) -> dict[str, Any]:
        """One measured angle as an Observation."""
        protocol = self.data.protocols.get(record.protocol)
        name = protocol.name if protocol else record.protocol.replace("_", " ")
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [_category("exam", "Exam")],
            "code": {
                "coding": [
                    coding(codes.SNOMED, *codes.RANGE_OF_MOVEMENT),
                    coding(codes.PROTOCOL_SYSTEM, record.protocol, name),
                ],
                "text": name,
            },
            "subject": self.subject,
            "effectiveDateTime": record.date.isoformat(),
            "valueQuantity": _degrees(record.degrees),
            "method": {"text": f"midback protocol '{record.protocol}' ({record.source})"},
        }
        if protocol:
            resource["referenceRange"] = [{"text": _reference(protocol)}]
        if record.side.value in codes.LATERALITY:
            resource["component"] = [_laterality(record.side.value)]
        key = f"{record.date}|{record.protocol}|{record.side.value}|{record.source}"
        return self.entry(self.urn("measurement", key), resource)

    def care_plan(self, plan: Plan, program: Program) -> dict[str, Any]:
        """The program as a CarePlan: one activity per planned session, with its status."""
        sessions = plan.sessions()
        logged = {entry.date: entry for entry in self.data.sessions}
        resource = {
            "resourceType": "CarePlan",
            "status": "active",
            "intent": "plan",
            "title": program.name,
            "description": program.summary,
            "subject": self.subject,
            "period": {"start": sessions[0].date.isoformat(), "end": sessions[-1].date.isoformat()},
            "activity": [self._activity(s, logged.get(s.date)) for s in sessions],
        }
        return self.entry(self.urn("careplan", program.id), resource)

    def _activity(self, session: PlannedSession, log: FeedbackEntry | None) -> dict[str, Any]:
        status, reason = _activity_status(session.date, log, self.today)
        lines = session_lines(session, self.data.exercises or {})
        day = session.date.isoformat()
        detail: dict[str, Any] = {
            "kind": "Task",
            "code": _session_code(),
            "status": status,
            "scheduledPeriod": {"start": day, "end": day},
            "description": "; ".join(f"{line.exercise}: {line.dose}" for line in lines),
        }
        if reason:
            detail["statusReason"] = {"text": reason}
        activity: dict[str, Any] = {"detail": detail}
        if log is not None and log.completed:
            activity["outcomeReference"] = [{"reference": self.urn("session", day)}]
        return activity

    def session(self, log: FeedbackEntry) -> list[dict[str, Any]]:
        """A completed session as a Procedure, and each rating given as an Observation."""
        day = log.date.isoformat()
        procedure: dict[str, Any] = {
            "resourceType": "Procedure",
            "status": "completed",
            "code": _session_code(),
            "subject": self.subject,
            "performedDateTime": day,
        }
        if log.painful_exercises:
            painful = ", ".join(self._exercise_name(e) for e in log.painful_exercises)
            procedure["note"] = [{"text": f"Exercises that hurt: {painful}"}]
        if self.data.plan and self.data.program and self.data.plan.sessions():
            procedure["basedOn"] = [{"reference": self.urn("careplan", self.data.program.id)}]
        found = [self.entry(self.urn("session", day), procedure)]
        ratings = [
            ("pain", log.pain_during, log.date, _pain_during()),
            ("pain-next-morning", log.pain_next_day, log.date + timedelta(days=1), _next()),
            ("difficulty", log.difficulty, log.date, _difficulty()),
        ]
        for kind, value, when, code in ratings:
            if value is not None:
                found.append(self._rating(kind, day, value, when, code))
        return found

    def _rating(
        self, kind: str, day: str, value: int, when: date, code: dict[str, Any]
    ) -> dict[str, Any]:
        resource = {
            "resourceType": "Observation",
            "status": "final",
            "category": [_category("survey", "Survey")],
            "code": code,
            "subject": self.subject,
            "effectiveDateTime": when.isoformat(),
            "valueInteger": value,
            "partOf": [{"reference": self.urn("session", day)}],
        }
        return self.entry(self.urn(kind, day), resource)

    def outcome(self, index: int, answer: OutcomeEntry) -> dict[str, Any]:
        """One outcome answer as a survey Observation."""
        name = codes.OUTCOME_NAMES.get(answer.instrument, answer.instrument)
        codings = [coding(codes.OUTCOME_SYSTEM, answer.instrument, name)]
        if answer.instrument == "nprs":
            codings.insert(0, coding(codes.LOINC, *codes.PAIN_NRS))
        timepoint = {
            "code": {"coding": [coding(codes.OUTCOME_SYSTEM, *codes.TIMEPOINT)]},
            "valueCodeableConcept": {
                "coding": [coding(codes.TIMEPOINT_SYSTEM, answer.timepoint.value)],
                "text": answer.timepoint.words,
            },
        }
        parts = [timepoint] + [
            {"code": {"text": item.activity}, "valueInteger": item.score}
            for item in answer.activities
        ]
        value: dict[str, Any] = (
            {"valueQuantity": {"value": answer.score, "unit": "score", "system": codes.UCUM,
                               "code": "{score}"}}
            if answer.activities
            else {"valueInteger": int(answer.score)}
        )  # fmt: skip
        resource = {
            "resourceType": "Observation",
            "status": "final",
            "category": [_category("survey", "Survey")],
            "code": {"coding": codings, "text": name},
            "subject": self.subject,
            "effectiveDateTime": answer.taken_on.isoformat(),
            **value,
            "component": parts,
        }
        key = f"{answer.taken_on}|{answer.instrument}|{answer.timepoint.value}|{index}"
        return self.entry(self.urn("outcome", key), resource)

    def _exercise_name(self, exercise_id: str) -> str:
        found = (self.data.exercises or {}).get(exercise_id)
        return found.name if found else exercise_id


def _activity_status(day: date, log: FeedbackEntry | None, today: date) -> tuple[str, str | None]:
    """Done, missed, still ahead, or past and never logged (so nobody knows)."""
    if log is not None:
        return ("completed", None) if log.completed else ("cancelled", "Missed")
    if day < today:
        return "unknown", "Not logged"
    return "scheduled", None


def _session_code() -> dict[str, Any]:
    return {"coding": [coding(codes.ACTIVITY_SYSTEM, *codes.SESSION)], "text": codes.SESSION[1]}


def _pain_during() -> dict[str, Any]:
    return {"coding": [coding(codes.LOINC, *codes.PAIN_NRS)], "text": "Pain during the session"}


def _next() -> dict[str, Any]:
    codings = [
        coding(codes.LOINC, *codes.PAIN_NRS),
        coding(codes.OBSERVATION_SYSTEM, *codes.PAIN_NEXT_MORNING),
    ]
    return {"coding": codings, "text": "Pain the morning after the session"}


def _difficulty() -> dict[str, Any]:
    codings = [coding(codes.OBSERVATION_SYSTEM, *codes.DIFFICULTY)]
    return {"coding": codings, "text": "How hard the session felt (1 to 10)"}


def _category(code: str, display: str) -> dict[str, Any]:
    return {"coding": [coding(codes.CATEGORY_SYSTEM, code, display)]}


def _degrees(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "°", "system": codes.UCUM, "code": "deg"}


def _laterality(side: str) -> dict[str, Any]:
    code, display = codes.LATERALITY[side]
    codings = [coding(codes.SNOMED, code, display), coding(codes.SIDE_SYSTEM, side)]
    return {
        "code": {"coding": [coding(codes.SNOMED, *codes.LATERALITY_CODE)]},
        "valueCodeableConcept": {"coding": codings, "text": display},
    }


def _reference(protocol: Protocol) -> str:
    """The protocol's reference value and measurement error in words (no editorial notes)."""
    return (
        f"Reference value for this test: {protocol.reference:g}°. "
        f"A change smaller than {protocol.mdc:g}° is within measurement error."
    )
