"""HL7's FHIR R4 JSON Schema (vendored in fhir_r4/, see its README) as a `jsonschema` validator."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parent / "fhir_r4" / "fhir.schema.json.gz"


@cache
def r4_validator() -> jsonschema.Draft6Validator:
    """A draft-06 validator of the official R4 schema (loaded once per test run)."""
    schema = json.loads(gzip.decompress(SCHEMA.read_bytes()))
    return jsonschema.Draft6Validator(schema)
