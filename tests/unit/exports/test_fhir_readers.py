"""The FHIR Bundle checked by readers midback does not write with: HL7's R4 JSON Schema (through
the `jsonschema` package) and plain JSON, one test per thing a receiving system relies on."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest

from midback.content.loader import load_content
from midback.domain.profile import RedFlag
from midback.domain.records import DatedMeasurement, measurement_records
from midback.exports.fhir import FhirInput, Standing, fhir_bundle
from midback.exports.fhir_codes import FHIR_VERSION, PLAN_STATUS_SYSTEM

from ...support.fhir_schema import r4_validator
from ...support.planning import START, feedback, library, plan_for, profile, program, protocols

NOW = datetime(2026, 12, 30, tzinfo=UTC)
ONE = "urn:uuid:7d0c8f3e-2c1a-4a8e-9a55-1f2e3d4c5b6a"
OTHER = "urn:uuid:0f4b2c8e-9d3a-4f1e-8b7c-6a5d4e3f2a1b"
MEASURED = [
    {"protocol": "rot", "side": "left", "degrees": 38},
    {"protocol": "rot", "side": "right", "degrees": 24},
    {"protocol": "ext", "side": "both", "degrees": 20},
]
LOG = feedback(
    {"date": START.isoformat(), "completed": True, "pain_during": 2, "pain_next_day": 1,
     "difficulty": 3, "measurements": [{"protocol": "rot", "side": "right", "degrees": 30}]},
    {"date": "2026-12-02", "completed": False},
)  # fmt: skip


def validator() -> jsonschema.Draft6Validator:
    return r4_validator()


def bundle(system: str = ONE, key: str = "midback-user-1", **person: Any) -> dict[str, Any]:
    someone = profile(measurements=MEASURED, **person)
    plan = plan_for(someone, LOG)
    data = FhirInput(
        person_key=key,
        identifier_system=system,
        measurements=measurement_records(someone.measurements, START, LOG),
        sessions=LOG,
        protocols=protocols(),
        plan=plan,
        program=program(),
        exercises=library(),
    )
    found: dict[str, Any] = json.loads(fhir_bundle(data, generated=NOW))
    return found


def resources(found: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in found["entry"] if e["resource"]["resourceType"] == kind]


def codes(concept: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in concept["coding"]}


@pytest.mark.parametrize("red_flags", [[], [RedFlag.NIGHT_OR_REST_PAIN]])
def test_the_bundle_is_valid_against_the_official_r4_json_schema(red_flags: list[RedFlag]) -> None:
    found = bundle(red_flags=red_flags)
    errors = sorted(validator().iter_errors(found), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]


def test_the_schema_validator_is_not_a_rubber_stamp() -> None:
    found = bundle()
    found["entry"][0]["resource"]["gender"] = "sometimes"
    assert list(validator().iter_errors(found))


def test_the_bundle_states_its_fhir_version() -> None:
    tags = bundle()["meta"]["tag"]
    assert {"system": "http://hl7.org/fhir/FHIR-version", "code": FHIR_VERSION} in tags


def test_the_same_account_on_two_installations_is_two_people() -> None:
    first, second = bundle(ONE), bundle(OTHER)
    ids = [resources(b, "Patient")[0]["identifier"][0] for b in (first, second)]
    assert ids[0]["value"] == ids[1]["value"] and ids[0]["system"] != ids[1]["system"]
    assert not {e["fullUrl"] for e in first["entry"]} & {e["fullUrl"] for e in second["entry"]}
    assert bundle(ONE)["entry"] == first["entry"]  # stable across exports


def test_no_system_uri_is_a_made_up_web_address() -> None:
    text = json.dumps(bundle(red_flags=[RedFlag.NIGHT_OR_REST_PAIN]))
    assert "midback.org" not in text


def test_a_referral_is_an_active_flag_with_its_reasons() -> None:
    found = bundle(red_flags=[RedFlag.NIGHT_OR_REST_PAIN])
    (flag,) = resources(found, "Flag")
    assert flag["status"] == "active"
    assert flag["subject"]["reference"] == resources_url(found, "Patient")
    plan = plan_for(profile(measurements=MEASURED, red_flags=[RedFlag.NIGHT_OR_REST_PAIN]), LOG)
    assert plan.reasons and all(
        reason.split(" (")[0] in flag["code"]["text"] for reason in plan.reasons
    )
    assert "clinical-facts" not in flag["code"]["text"]
    assert not resources(bundle(), "Flag")


def resources_url(found: dict[str, Any], kind: str) -> str:
    return next(e["fullUrl"] for e in found["entry"] if e["resource"]["resourceType"] == kind)


def test_range_of_motion_carries_snomed_beside_the_private_code() -> None:
    measured = [o for o in resources(bundle(), "Observation") if "valueQuantity" in o]
    assert measured
    for observation in measured:
        assert ("http://snomed.info/sct", "364564000") in codes(observation["code"])
        assert len(observation["code"]["coding"]) == 2


def test_side_is_snomed_laterality() -> None:
    measured = [o for o in resources(bundle(), "Observation") if "valueQuantity" in o]
    sides = []
    for observation in measured:
        for component in observation.get("component", []):
            assert codes(component["code"]) == {("http://snomed.info/sct", "272741003")}
            sides.append(component["valueCodeableConcept"]["coding"][0]["code"])
    assert sorted(sides) == ["24028007", "24028007", "7771000"]


def test_next_morning_pain_and_difficulty_are_observations() -> None:
    ratings = [o for o in resources(bundle(), "Observation") if "valueInteger" in o]
    by_text = {o["code"]["text"]: o for o in ratings}
    assert by_text["Pain during the session"]["valueInteger"] == 2
    morning = by_text["Pain the morning after the session"]
    assert morning["valueInteger"] == 1 and morning["effectiveDateTime"] == "2026-12-02"
    assert ("http://loinc.org", "72514-3") in codes(morning["code"])
    assert by_text["How hard the session felt (1 to 10)"]["valueInteger"] == 3


def test_past_sessions_never_logged_are_not_still_scheduled() -> None:
    (care_plan,) = resources(bundle(), "CarePlan")
    for activity in care_plan["activity"]:
        detail = activity["detail"]
        if detail["scheduledPeriod"]["start"] < NOW.date().isoformat():
            assert detail["status"] != "scheduled", detail["scheduledPeriod"]


def test_no_editorial_notes_reach_the_receiving_clinic() -> None:
    text = json.dumps(bundle(red_flags=[RedFlag.NIGHT_OR_REST_PAIN]))
    for note in ("clinical-facts", "[unverified", "Revisit when"):
        assert note not in text


def test_reference_ranges_of_the_built_in_protocols_are_plain_words() -> None:
    built_in = load_content([]).protocols
    records = [
        DatedMeasurement(protocol=p.id, side=p.sides()[0], degrees=10, date=START)
        for p in built_in.values()
    ]
    data = FhirInput("midback-user-1", ONE, records, [], built_in)
    found = json.loads(fhir_bundle(data, generated=NOW))
    texts = [o["referenceRange"][0]["text"] for o in resources(found, "Observation")]
    assert len(texts) == len(built_in)
    for text in texts:
        assert "[" not in text and "clinical-facts" not in text, text


def test_any_later_status_maps_to_a_flag_with_its_reasons() -> None:
    """A hold (or any status added later) needs no change here: status and reasons map as is."""
    records = measurement_records(profile(measurements=MEASURED).measurements, START)
    standing = Standing("hold", ["knee surgery in March: a clinician clears you first"])
    data = FhirInput("midback-user-1", ONE, records, [], protocols(), standing=standing)
    found = json.loads(fhir_bundle(data, generated=NOW))
    (flag,) = resources(found, "Flag")
    assert codes(flag["code"]) == {(PLAN_STATUS_SYSTEM, "hold")}
    assert "knee surgery in March" in flag["code"]["text"]
    assert not list(validator().iter_errors(found))
