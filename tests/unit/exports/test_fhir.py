"""The FHIR Bundle, parsed back with fhir.resources (R4B)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypeVar

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.procedure import Procedure

from midback.domain.records import measurement_records
from midback.exports.fhir import FhirInput, fhir_bundle
from midback.exports.fhir_codes import PROTOCOL_SYSTEM

from ...support.planning import START, feedback, library, plan_for, profile, program, protocols

NOW = datetime(2026, 12, 30, tzinfo=UTC)
SYSTEM = "urn:uuid:7d0c8f3e-2c1a-4a8e-9a55-1f2e3d4c5b6a"
T = TypeVar("T")
MEASURED = [
    {"protocol": "rot", "side": "left", "degrees": 38},
    {"protocol": "rot", "side": "right", "degrees": 24},
    {"protocol": "ext", "side": "both", "degrees": 20},
]
LOG = feedback(
    {"date": START.isoformat(), "completed": True, "pain_during": 2, "difficulty": 3,
     "measurements": [{"protocol": "rot", "side": "right", "degrees": 30}]},
    {"date": "2026-12-02", "completed": False},
)  # fmt: skip


def bundle() -> Bundle:
    person = profile(measurements=MEASURED)
    plan = plan_for(person, LOG)
    data = FhirInput(
        person_key="alex",
        identifier_system=SYSTEM,
        measurements=measurement_records(person.measurements, START, LOG),
        sessions=LOG,
        protocols=protocols(),
        plan=plan,
        program=program(),
        exercises=library(),
    )
    return Bundle.model_validate_json(fhir_bundle(data, generated=NOW))


def of_type(found: Bundle, kind: type[T]) -> list[T]:
    return [e.resource for e in found.entry if isinstance(e.resource, kind)]


def test_the_bundle_parses_back_with_every_resource() -> None:
    found = bundle()
    assert found.type == "collection"
    assert len(of_type(found, Patient)) == 1
    assert len(of_type(found, CarePlan)) == 1
    assert len(of_type(found, Procedure)) == 1  # the missed session is not a procedure
    urls = [e.fullUrl for e in found.entry]
    assert len(urls) == len(set(urls)) and all(u.startswith("urn:uuid:") for u in urls)


def test_measurements_are_observations_in_degrees_with_protocol_and_side() -> None:
    measured = [
        o for o in of_type(bundle(), Observation) if o.code.coding[-1].system == PROTOCOL_SYSTEM
    ]
    assert len(measured) == 4
    first = measured[0]
    assert first.code.coding[-1].code == "rot"
    assert first.valueQuantity.code == "deg" and first.valueQuantity.unit == "°"
    assert first.valueQuantity.system == "http://unitsofmeasure.org"
    sides = [
        o.component[0].valueCodeableConcept.coding[0].code if o.component else None
        for o in measured
    ]
    assert sorted(sides, key=str) == ["24028007", "24028007", "7771000", None]
    dates = {o.effectiveDateTime for o in measured}
    assert dates == {START}


def test_the_program_is_a_care_plan_with_one_activity_per_session() -> None:
    plan = plan_for(profile(measurements=MEASURED), LOG)
    care_plan = of_type(bundle(), CarePlan)[0]
    assert len(care_plan.activity) == len(plan.sessions())
    statuses = [a.detail.status for a in care_plan.activity]
    assert statuses[:2] == ["completed", "cancelled"]
    past = [
        s for s, session in zip(statuses, plan.sessions(), strict=True) if session.date < NOW.date()
    ]
    assert set(past[2:]) == {"unknown"}  # past and never logged: nobody knows
    assert set(statuses[len(past) :]) == {"scheduled"}
    assert care_plan.activity[0].outcomeReference is not None


def test_completed_sessions_carry_pain_as_an_observation() -> None:
    found = bundle()
    procedure = of_type(found, Procedure)[0]
    assert procedure.performedDateTime == START
    pain = [o for o in of_type(found, Observation) if o.code.coding[0].code == "72514-3"]
    assert [o.valueInteger for o in pain] == [2]


def test_a_person_without_a_program_still_gets_their_measurements() -> None:
    person = profile(measurements=MEASURED)
    records = measurement_records(person.measurements, date(2026, 1, 5))
    data = FhirInput("alex", SYSTEM, records, [], {})
    found = Bundle.model_validate_json(fhir_bundle(data, generated=NOW))
    assert len(of_type(found, Observation)) == 3 and not of_type(found, CarePlan)
