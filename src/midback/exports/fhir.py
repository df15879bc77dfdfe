"""A person's program and results as a FHIR Bundle, the door into clinics' records.

fhir.resources 8 offers FHIR R5 and R4B (not plain R4); this module builds R4B resources, which
keep R4's shape for everything used here (Patient, Observation, CarePlan, Procedure, Bundle).
Measurements become Observations (protocol as code, side as a component with SNOMED CT laterality,
degrees in UCUM `deg`); the program a CarePlan with one activity per planned session; each
completed session a Procedure with the pain reported during it as an Observation (LOINC 72514-3).
Every resource is built through the library's models, so a Bundle that is returned is valid.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from midback.domain.exercise import Exercise
from midback.domain.feedback import FeedbackEntry
from midback.domain.plan import Plan, PlannedSession
from midback.domain.program import Program
from midback.domain.protocol import Protocol
from midback.domain.records import DatedMeasurement
from midback.exports.plan_text import session_lines

FHIR_VERSION = "4.3.0"
"""FHIR R4B, as offered by fhir.resources 8 beside R5."""

SYSTEM = "https://midback.org/fhir"
"""Base of midback's own code systems and identifiers."""
PROTOCOL_SYSTEM = f"{SYSTEM}/CodeSystem/protocol"
SIDE_SYSTEM = f"{SYSTEM}/CodeSystem/side"
COMPONENT_SYSTEM = f"{SYSTEM}/CodeSystem/observation-component"
ACTIVITY_SYSTEM = f"{SYSTEM}/CodeSystem/activity"
PERSON_SYSTEM = f"{SYSTEM}/person"
URI_SYSTEM = "urn:ietf:rfc:3986"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
LATERALITY = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}
"""SNOMED CT laterality qualifiers; a measurement without a side gets no side component."""
PAIN_NRS = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
SESSION_CODE = {"system": ACTIVITY_SYSTEM, "code": "session", "display": "Mid-back session"}
_NAMESPACE = uuid.UUID("0b6c7d3e-55a4-4f0e-8e4a-6d6964666869")


@dataclass(frozen=True)
class FhirInput:
    """Everything one person's Bundle is built from."""

    person_key: str
    measurements: Sequence[DatedMeasurement]
    sessions: Sequence[FeedbackEntry]
    protocols: Mapping[str, Protocol]
    plan: Plan | None = None
    program: Program | None = None
    exercises: Mapping[str, Exercise] | None = None


def fhir_bundle(data: FhirInput, *, generated: datetime) -> bytes:
    """The person's Bundle (type collection) as FHIR JSON, validated by fhir.resources."""
    builder = _Builder(data)
    entries = [builder.patient()]
    entries += [builder.measurement(record) for record in data.measurements]
    if data.plan and data.program and data.plan.sessions():
        entries.append(builder.care_plan(data.plan, data.program))
    for entry in sorted(data.sessions, key=lambda e: e.date):
        if entry.completed:
            entries += builder.session(entry)
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "identifier": {"system": URI_SYSTEM, "value": builder.urn("bundle", f"{generated}")},
            "type": "collection",
            "timestamp": generated.isoformat(),
            "entry": entries,
        }
    )
    return bundle.model_dump_json(exclude_none=True, indent=2).encode("utf-8")


class _Builder:
    """Resources for one person, each with a stable urn:uuid so references hold."""

    def __init__(self, data: FhirInput) -> None:
        self.data = data
        self.subject = {"reference": self.urn("patient", "")}

    def urn(self, kind: str, key: str) -> str:
        """A stable full URL for one resource of this person."""
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.data.person_key}|{kind}|{key}')}"

    def entry(self, url: str, resource: dict[str, Any]) -> dict[str, Any]:
        """A Bundle entry."""
        return {"fullUrl": url, "resource": resource}

    def patient(self) -> dict[str, Any]:
        """The person, known to midback only by their key."""
        identifier = [{"system": PERSON_SYSTEM, "value": self.data.person_key}]
        return self.entry(
            self.urn("patient", ""), {"resourceType": "Patient", "identifier": identifier}
        )

    def measurement(self, record: DatedMeasurement) -> dict[str, Any]:
        """One measured angle as an Observation."""
        protocol = self.data.protocols.get(record.protocol)
        name = protocol.name if protocol else record.protocol.replace("_", " ")
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [_category("exam", "Exam")],
            "code": {
                "coding": [{"system": PROTOCOL_SYSTEM, "code": record.protocol, "display": name}],
                "text": name,
            },
            "subject": self.subject,
            "effectiveDateTime": record.date.isoformat(),
            "valueQuantity": _degrees(record.degrees),
            "method": {"text": f"midback protocol '{record.protocol}' ({record.source})"},
        }
        if protocol:
            resource["referenceRange"] = [{"text": _reference(protocol)}]
        if record.side.value in LATERALITY:
            resource["component"] = [_side(record.side.value)]
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
        status = "scheduled" if log is None else "completed" if log.completed else "cancelled"
        lines = session_lines(session, self.data.exercises or {})
        day = session.date.isoformat()
        detail = {
            "kind": "Task",
            "code": {"coding": [SESSION_CODE], "text": "Mid-back session"},
            "status": status,
            "scheduledPeriod": {"start": day, "end": day},
            "description": "; ".join(f"{line.exercise}: {line.dose}" for line in lines),
        }
        activity: dict[str, Any] = {"detail": detail}
        if log is not None and log.completed:
            activity["outcomeReference"] = [{"reference": self.urn("session", day)}]
        return activity

    def session(self, log: FeedbackEntry) -> list[dict[str, Any]]:
        """A completed session as a Procedure, and the pain reported during it."""
        day = log.date.isoformat()
        procedure: dict[str, Any] = {
            "resourceType": "Procedure",
            "status": "completed",
            "code": {"coding": [SESSION_CODE], "text": "Mid-back mobility session"},
            "subject": self.subject,
            "performedDateTime": day,
            "note": [{"text": _ratings(log)}],
        }
        if self.data.plan and self.data.program and self.data.plan.sessions():
            procedure["basedOn"] = [{"reference": self.urn("careplan", self.data.program.id)}]
        pain = {
            "resourceType": "Observation",
            "status": "final",
            "category": [_category("survey", "Survey")],
            "code": {"coding": [{"system": LOINC, "code": PAIN_NRS[0], "display": PAIN_NRS[1]}]},
            "subject": self.subject,
            "effectiveDateTime": day,
            "valueInteger": log.pain_during,
            "partOf": [{"reference": self.urn("session", day)}],
        }
        return [
            self.entry(self.urn("session", day), procedure),
            self.entry(self.urn("pain", day), pain),
        ]


def _category(code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": CATEGORY_SYSTEM, "code": code, "display": display}]}


def _degrees(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "°", "system": UCUM, "code": "deg"}


def _side(side: str) -> dict[str, Any]:
    code, display = LATERALITY[side]
    codings = [
        {"system": SNOMED, "code": code, "display": display},
        {"system": SIDE_SYSTEM, "code": side},
    ]
    return {
        "code": {"coding": [{"system": COMPONENT_SYSTEM, "code": "side", "display": "Side"}]},
        "valueCodeableConcept": {"coding": codings, "text": display},
    }


def _reference(protocol: Protocol) -> str:
    return (
        f"{protocol.reference:g}° for this protocol ({protocol.reference_source}); "
        f"changes under {protocol.mdc:g}° are within measurement error"
    )


def _ratings(log: FeedbackEntry) -> str:
    parts = [f"pain during {log.pain_during}/10", f"difficulty {log.difficulty}/10"]
    if log.pain_next_day is not None:
        parts.insert(1, f"pain next morning {log.pain_next_day}/10")
    if log.painful_exercises:
        parts.append(f"painful: {', '.join(log.painful_exercises)}")
    return "; ".join(parts)
