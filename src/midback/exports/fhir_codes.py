"""The code systems and codes of midback's FHIR export, in one place for docs/exports.md.

Standard codes come first where one exists (SNOMED CT, LOINC, HL7's own code systems); midback's
private codes sit beside them. midback owns no web domain, so its own code systems are named by
UUID URNs minted once for the project (unique everywhere, never to change); they are listed in
docs/exports.md. A person's identifier system is per installation: see `fhir.FhirInput`.
"""

from __future__ import annotations

FHIR_VERSION = "4.3.0"
"""FHIR R4B, as offered by fhir.resources 8 beside R5; the resources used keep R4's shape."""
FHIR_MIME = "application/fhir+json; fhirVersion=4.3"
"""The media type with the FHIR version parameter (FHIR R4B http.html#version-parameter)."""
FHIR_VERSION_SYSTEM = "http://hl7.org/fhir/FHIR-version"

PROTOCOL_SYSTEM = "urn:uuid:304939c9-b6ca-4eda-8ff2-4307a0e13730"
"""midback's measurement protocols (content/protocols/*.yaml ids)."""
OBSERVATION_SYSTEM = "urn:uuid:84473ec5-96dd-40fa-ad40-4283e2bb218c"
"""midback's session ratings: pain-next-morning, difficulty."""
ACTIVITY_SYSTEM = "urn:uuid:3d399bfd-1a52-4176-b614-8f145961472b"
"""midback's activities: session."""
PLAN_STATUS_SYSTEM = "urn:uuid:cfb6c8be-0000-456c-9ff8-60c8e34a2968"
"""midback's plan statuses other than ok (refer, and any added later) for the Flag."""
SIDE_SYSTEM = "urn:uuid:c3e61207-e11e-428e-ab45-ea056e1bc8d9"
"""midback's side codes (left, right), kept beside SNOMED CT laterality."""
OUTCOME_SYSTEM = "urn:uuid:3e461f73-d645-4cfd-89ee-56f5218bceb3"
"""midback's outcome instruments (content/outcomes/*.yaml ids: nprs, psfs, groc)."""
TIMEPOINT_SYSTEM = "urn:uuid:92ce18ba-b835-44d1-8b8c-187159982732"
"""When an outcome was asked: baseline, week_4, week_8."""
URI_SYSTEM = "urn:ietf:rfc:3986"

UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category"

RANGE_OF_MOVEMENT = ("364564000", "Range of joint movement")
"""SNOMED CT observable entity for every angle midback measures (beside the protocol code)."""
LATERALITY_CODE = ("272741003", "Laterality")
LATERALITY = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}
"""SNOMED CT laterality qualifiers; a measurement without a side gets no laterality."""
PAIN_NRS = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
PAIN_NEXT_MORNING = ("pain-next-morning", "Pain the morning after a session (0-10)")
DIFFICULTY = ("difficulty", "How hard the session felt (1-10)")
SESSION = ("session", "Mid-back session")
TIMEPOINT = ("timepoint", "When in the program the answer was given")
OUTCOME_NAMES = {
    "nprs": "Pain rating, 0-10 (average over the past week)",
    "psfs": "Patient-Specific Functional Scale, average of the activities (0-10)",
    "groc": "Global rating of change since the start (-5 to +5)",
}
"""Displays of midback's instrument codes; NPRS also carries LOINC 72514-3 (PAIN_NRS)."""

PLAN_STATUS_TEXT = {
    "refer": "See a doctor or physiotherapist before starting the exercises",
    "hold": "The exercises are paused until a clinician clears them",
}
"""What a non-ok plan status means, in words; an unknown status is shown by its name."""


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    """One Coding."""
    found = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found
